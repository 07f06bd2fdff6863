package io.mlpservice.training;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.List;

/**
 * A request to train a model: its rows and their classes (a classifier) or targets (a regression),
 * or the stored dataset that holds them (and optionally one for validation), and the
 * hyperparameters.
 *
 * @param labels  a classifier's labels; null for a regression or a job from a dataset
 * @param targets a regression's targets; null for a classifier or a job from a dataset
 */
public record SubmitJob(String modelId, NumberMatrix features, List<ClassLabel> labels, TargetRows targets,
                        TrainingSettings settings, String datasetId, String validationDatasetId) {

    /** A job on rows sent inline. */
    public SubmitJob(String modelId, NumberMatrix features, List<ClassLabel> labels, TargetRows targets,
                     TrainingSettings settings) {
        this(modelId, features, labels, targets, settings, null, null);
    }
}
