package io.mlpservice.model;

/** Where a model stands. */
public enum ModelStatus {
    /** No training job has succeeded yet; predictions answer 409. */
    UNTRAINED,
    /** A training job is queued or running; predictions answer from the serving version, if any. */
    TRAINING,
    /** A version serves predictions. */
    TRAINED,
    /** The serving version's weights failed verification and were quarantined; predictions answer 409. */
    BROKEN
}
