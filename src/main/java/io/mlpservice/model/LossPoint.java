package io.mlpservice.model;

/**
 * One epoch of one training job, as recorded in the model's loss history. The validation
 * figures are null when the job had no validation split.
 */
public record LossPoint(String jobId, int epoch, double trainingLoss, double trainingAccuracy,
                        Double validationLoss, Double validationAccuracy, double durationMillis) {
}
