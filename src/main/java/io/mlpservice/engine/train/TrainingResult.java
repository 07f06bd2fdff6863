package io.mlpservice.engine.train;

import io.mlpservice.engine.Network;
import java.util.List;

/**
 * The outcome of a run that ended normally.
 *
 * @param network    the trained network: the best epoch's weights after early stopping, else the last
 * @param history    one entry per epoch that ran, in order
 * @param bestEpoch  1-based epoch whose weights {@code network} holds
 */
public record TrainingResult(Network network, List<EpochStats> history, StopReason stopReason, int bestEpoch) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
