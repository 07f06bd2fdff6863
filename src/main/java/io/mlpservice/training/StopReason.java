package io.mlpservice.training;

/** Why a finished job stopped. */
public enum StopReason {
    /** Every planned epoch ran. */
    COMPLETED,
    /** The monitored loss stopped improving; the best epoch's weights were kept. */
    EARLY_STOPPED,
    /** A client cancelled the job, or deleted its model. */
    CANCELLED,
    /** The job failed; see its error. */
    FAILED
}
