package io.mlpservice.bench;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.engine.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training workloads of WORKLOADS.md on the engine's {@link Trainer}. Data, initial weights and
 * the epoch order are checked first; then only the training is timed, and the final loss is
 * computed afterwards over every training row.
 */
final class TrainingBench {

    private TrainingBench() {
    }

    /** Keeps every epoch's stats, which the trainer hands to its listener and does not keep. */
    private static final class EpochLog implements TrainingListener {
        final List<EpochStats> epochs = new ArrayList<>();

        @Override
        public void onEpoch(EpochStats stats) {
            epochs.add(stats);
        }
    }

    /**
     * W1 (section 5): full-batch gradient descent, lr 0.01, no shuffle, 1,000 epochs; one timing
     * around the one {@code train} call that runs them all.
     */
    static JsonLine fullBatch(Workload w, String impl) {
        SyntheticData data = SyntheticData.generate(w);
        data.check();
        float[] params = GlorotWeights.draw(w);
        GlorotWeights.check(w, params);
        Network initial = MlpBench.network(w, params);
        double initialLoss = MlpBench.meanCrossEntropy(initial, data);
        // batch = every row and no shuffle: one step per epoch on the data in place, no gathering.
        TrainingConfig config = new TrainingConfig(w.epochs, w.rows, OptimizerSpec.sgd(0.01f), 0f, 0.0,
                null, false, false, Workload.ORDER_SEED);
        Trainer trainer = new Trainer(MatMuls.defaultKernel());
        Dataset dataset = new Dataset(data.x(), data.labels(), w.features);

        long cpu0 = MlpBench.processCpuNanos();
        long start = System.nanoTime();
        EpochLog log = new EpochLog();
        TrainingResult result = trainer.train(initial, dataset, config, log);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu1 = MlpBench.processCpuNanos();

        double finalLoss = MlpBench.meanCrossEntropy(result.network(), data);
        double[] millis = log.epochs.stream().mapToDouble(e -> e.durationNanos() / 1e6).toArray();
        double epochSum = Arrays.stream(millis).sum() / 1e3;
        double samplesPerSecond = (double) w.epochs * w.rows / seconds;
        // Where the loop's time goes: the epochs of the second half run compiled; what the loop
        // took beyond as many compiled epochs went to the epochs run before the JIT had compiled
        // the engine's code.
        List<Double> firstEpochs = new ArrayList<>();
        for (int e = 0; e < Math.min(5, millis.length); e++) {
            firstEpochs.add(JsonLine.round(millis[e], 2));
        }
        double[] secondHalf = Arrays.copyOfRange(millis, millis.length / 2, millis.length);
        Arrays.sort(secondHalf);
        double compiledEpochMillis = secondHalf.length == 0 ? Double.NaN : secondHalf[secondHalf.length / 2];
        return MlpBench.header(w, impl)
                .put("epochs", log.epochs.size())
                .put("train_seconds", JsonLine.round(seconds, 4))
                .put("train_samples_per_s", JsonLine.round(samplesPerSecond, 1))
                .put("gflops", JsonLine.round(samplesPerSecond * 6 * w.parameters() / 1e9, 2))
                .put("params", w.parameters())
                .put("initial_loss", JsonLine.round(initialLoss, 5))
                .put("final_loss", JsonLine.round(finalLoss, 5))
                .put("final_loss_ok", w.lossWithinTolerance(finalLoss))
                .put("epoch_seconds_sum", JsonLine.round(epochSum, 4))
                .put("first_epochs_ms", firstEpochs)
                .put("warmup_share", JsonLine.round(1 - millis.length * compiledEpochMillis / 1e3 / seconds, 3))
                .put("compiled_epoch_ms", JsonLine.round(compiledEpochMillis, 4))
                .put("compiled_samples_per_s", JsonLine.round(w.rows / (compiledEpochMillis / 1e3), 1))
                .put("cores_used", MlpBench.coresUsed(cpu0, cpu1, seconds))
                .put("checks", MlpBench.checks("ok", "ok", null));
    }

    /**
     * W2 and W3 (sections 6, 7): Adam lr 1e-3, mini-batches in the seeded order of section 6 (the
     * trainer's shuffle with seed 44 is that order), each epoch timed by the trainer itself from
     * before the order is drawn to after the last update. {@code -Dbench.epochs=N} runs N epochs
     * instead of the workload's, to profile epochs long after the first (not part of compare.sh;
     * the final loss is then not held to WORKLOADS.md's reference).
     */
    static JsonLine miniBatch(Workload w, String impl) {
        int epochs = Integer.getInteger("bench.epochs", w.epochs);
        SyntheticData data = SyntheticData.generate(w);
        data.check();
        float[] params = GlorotWeights.draw(w);
        GlorotWeights.check(w, params);
        String orderChecked = EpochOrderCheck.check(w);
        Network initial = MlpBench.network(w, params);
        TrainingConfig config = new TrainingConfig(epochs, w.batchSize, OptimizerSpec.adam(1e-3f), 0f, 0.0,
                null, false, true, Workload.ORDER_SEED);
        Trainer trainer = new Trainer(MatMuls.defaultKernel());
        Dataset dataset = new Dataset(data.x(), data.labels(), w.features);

        long cpu0 = MlpBench.processCpuNanos();
        long wall0 = System.nanoTime();
        EpochLog log = new EpochLog();
        TrainingResult result = trainer.train(initial, dataset, config, log);
        double wall = (System.nanoTime() - wall0) / 1e9;
        long cpu1 = MlpBench.processCpuNanos();

        List<Double> epochSeconds = new ArrayList<>();
        double after = 0;           // seconds of the epochs after the first (the first warms up)
        for (EpochStats e : log.epochs) {
            double s = e.durationNanos() / 1e9;
            epochSeconds.add(JsonLine.round(s, 4));
            if (e.epoch() > 1) {
                after += s;
            }
        }
        double total = log.epochs.stream().mapToDouble(e -> e.durationNanos() / 1e9).sum();
        double samplesPerSecond = w.rows / (after / (log.epochs.size() - 1));
        double finalLoss = MlpBench.meanCrossEntropy(result.network(), data);
        return MlpBench.header(w, impl)
                .put("epochs", log.epochs.size())
                .put("batch", w.batchSize)
                .put("epoch_seconds", epochSeconds)
                .put("train_samples_per_s", JsonLine.round(samplesPerSecond, 1))
                .put("train_samples_per_s_all_epochs", JsonLine.round(w.rows * log.epochs.size() / total, 1))
                .put("gflops", JsonLine.round(samplesPerSecond * 6 * w.parameters() / 1e9, 2))
                .put("params", w.parameters())
                .put("final_loss", JsonLine.round(finalLoss, 5))
                .put("final_loss_ok", epochs == w.epochs ? w.lossWithinTolerance(finalLoss) : null)
                .put("cores_used", MlpBench.coresUsed(cpu0, cpu1, wall))
                .put("trainer_last_epoch_loss", JsonLine.round(log.epochs.getLast().trainingLoss(), 5))
                .put("checks", MlpBench.checks("ok", "ok", orderChecked));
    }
}
