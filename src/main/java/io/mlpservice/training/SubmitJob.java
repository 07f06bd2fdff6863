package io.mlpservice.training;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.List;

/**
 * A request to train a model: its rows and their classes, or the stored dataset that holds them
 * (and optionally one for validation), and the hyperparameters.
 */
public record SubmitJob(String modelId, NumberMatrix features, List<ClassLabel> labels, TrainingSettings settings,
                        String datasetId, String validationDatasetId) {

    /** A job on rows sent inline. */
    public SubmitJob(String modelId, NumberMatrix features, List<ClassLabel> labels, TrainingSettings settings) {
        this(modelId, features, labels, settings, null, null);
    }
}
