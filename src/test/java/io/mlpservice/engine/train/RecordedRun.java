package io.mlpservice.engine.train;

import io.mlpservice.engine.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's result with every epoch's stats, gathered through the listener as a service does: the
 * result itself keeps only the best and the last epoch's.
 */
record RecordedRun(TrainingResult result, List<EpochStats> epochs) {

    static RecordedRun train(Trainer trainer, Network initial, Dataset data, TrainingConfig config) {
        List<EpochStats> epochs = new ArrayList<>();
        TrainingResult result = trainer.train(initial, data, config, new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                epochs.add(stats);
            }
        });
        return new RecordedRun(result, List.copyOf(epochs));
    }

    Network network() {
        return result.network();
    }
}
