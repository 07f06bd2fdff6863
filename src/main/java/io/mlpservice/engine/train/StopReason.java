package io.mlpservice.engine.train;

/**
 * Why a training run ended. A run that returns a {@link TrainingResult} reports
 * {@link #COMPLETED} or {@link #EARLY_STOPPED}; the other two name the runs that end with an
 * exception, for the caller that records how its jobs ended.
 */
public enum StopReason {
    /** Every planned epoch ran. */
    COMPLETED,
    /** The monitored loss stopped improving; the best epoch's weights were restored. */
    EARLY_STOPPED,
    /**
     * Stopped on request before its end: the listener's {@link TrainingListener#isCancelled} ended
     * it with a {@link java.util.concurrent.CancellationException}, or it never started.
     */
    CANCELLED,
    /**
     * Ended by an error: the loss stopped being finite (an {@link IllegalStateException} naming
     * the epoch), the data did not fit, or the machine ran out of memory.
     */
    FAILED
}
