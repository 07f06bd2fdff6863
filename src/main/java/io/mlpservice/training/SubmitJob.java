package io.mlpservice.training;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.List;

/** A request to train a model: its rows, their classes and the hyperparameters. */
public record SubmitJob(String modelId, NumberMatrix features, List<ClassLabel> labels, TrainingSettings settings) {
}
