package io.mlpservice.engine.train;

/** Why a training run that returned normally ended. */
public enum StopReason {
    /** Every planned epoch ran. */
    COMPLETED,
    /** The monitored loss stopped improving; the best epoch's weights were restored. */
    EARLY_STOPPED
}
