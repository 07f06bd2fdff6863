package io.mlpservice.engine.train;

import io.mlpservice.engine.Network;
import java.util.Objects;

/**
 * The outcome of a run that ended normally. It keeps the best and the last epoch's stats only:
 * every epoch's stats went to {@link TrainingListener#onEpoch} as the run went, so that a run of a
 * million epochs holds no million objects.
 *
 * @param network    the trained network: the best epoch's weights with early stopping, else the last
 * @param stopReason {@link StopReason#COMPLETED} or {@link StopReason#EARLY_STOPPED}
 * @param best       the stats of the epoch whose weights {@code network} holds
 * @param last       the stats of the last epoch that ran
 * @param checkpoint the run's state at its end, before the best epoch's weights were put back:
 *                   optimizer state, step count, epoch-order state and early-stopping state. A
 *                   run given it with a larger {@code epochs} continues this one as if it had been
 *                   planned longer.
 */
public record TrainingResult(Network network, StopReason stopReason, EpochStats best, EpochStats last,
                             TrainingCheckpoint checkpoint) {

    public TrainingResult {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** The 1-based epoch whose weights {@link #network} holds. */
    public int bestEpoch() {
        return best.epoch();
    }

    /** Where the run ended, kept with its weights for a later warm start. */
    public TrainingState endState() {
        return TrainingState.of(checkpoint);
    }

    /** Epochs run, counted from the job's start (those before a resumed checkpoint included). */
    public int epochs() {
        return last.epoch();
    }
}
