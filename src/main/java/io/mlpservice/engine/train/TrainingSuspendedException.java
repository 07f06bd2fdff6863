package io.mlpservice.engine.train;

import java.util.Objects;

/**
 * Ends a run whose listener asked to suspend it ({@link TrainingListener#suspendRequested}),
 * carrying the checkpoint taken between the last mini-batch applied and the next one: pass it to
 * {@link Trainer.Prepared#run(TrainingListener, TrainingCheckpoint)} to continue the run exactly.
 * Unlike a {@link java.util.concurrent.CancellationException}, it means "to be continued".
 */
public final class TrainingSuspendedException extends RuntimeException {

    private final transient TrainingCheckpoint checkpoint;

    public TrainingSuspendedException(TrainingCheckpoint checkpoint) {
        super(message(Objects.requireNonNull(checkpoint, "checkpoint")));
        this.checkpoint = checkpoint;
    }

    private static String message(TrainingCheckpoint checkpoint) {
        return "suspended in epoch " + (checkpoint.epochsCompleted() + 1) + " after "
                + checkpoint.batchesDone() + " mini-batches";
    }

    /** Where the run stopped. */
    public TrainingCheckpoint checkpoint() {
        return checkpoint;
    }
}
