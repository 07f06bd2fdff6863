package io.mlpservice.engine.train;

/**
 * Watches a training run, may cancel or suspend it, and chooses when it saves checkpoints. Every
 * method is called on the training thread; the engine keeps no clock policy of its own.
 */
public interface TrainingListener {

    /** A listener that watches nothing, never cancels and takes no checkpoint. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Called after each epoch, before early stopping decides. */
    default void onEpoch(EpochStats stats) {
    }

    /**
     * Polled between mini-batches: returning true ends the run with a
     * {@link java.util.concurrent.CancellationException} within one mini-batch.
     */
    default boolean isCancelled() {
        return false;
    }

    /**
     * Polled between mini-batches, after {@link #isCancelled}: returning true ends the run within
     * one mini-batch with a {@link TrainingSuspendedException} carrying the checkpoint to continue
     * from (for a graceful shutdown). {@link #onCheckpoint} is not called for it.
     */
    default boolean suspendRequested() {
        return false;
    }

    /**
     * Polled at the end of each epoch that the run continues past, after early stopping has
     * decided: returning true makes the run call {@link #onCheckpoint} at once. (The run's final
     * state is in its {@link TrainingResult}.)
     *
     * @param epoch the epoch that just ended, 1-based from the job's start
     */
    default boolean checkpointDue(int epoch) {
        return false;
    }

    /** Receives the checkpoint that {@link #checkpointDue} asked for; the run continues when it returns. */
    default void onCheckpoint(TrainingCheckpoint checkpoint) {
    }
}
