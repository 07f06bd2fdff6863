package io.mlpservice.training;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.List;

/**
 * A request to train a model: its rows, their classes (a classifier) or targets (a regression),
 * and the hyperparameters.
 *
 * @param labels  a classifier's labels; null for a regression
 * @param targets a regression's targets; null for a classifier
 */
public record SubmitJob(String modelId, NumberMatrix features, List<ClassLabel> labels, TargetRows targets,
                        TrainingSettings settings) {
}
