package io.mlpservice.engine.train;

/** Watches a training run and may cancel it. Called on the training thread. */
public interface TrainingListener {

    /** A listener that watches nothing and never cancels. */
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
}
