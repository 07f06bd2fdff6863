package io.mlpservice.model;

/** Where a model stands. */
public enum ModelStatus {
    /** No training job has succeeded yet; predictions answer 409. */
    UNTRAINED,
    /** A training job is queued or running; predictions answer from the last trained weights, if any. */
    TRAINING,
    /** Trained weights are in place and serve predictions. */
    TRAINED
}
