package io.mlpservice.training;

import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.optim.OptimizerState;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.LearningRateSchedule;
import io.mlpservice.engine.train.TrainingCheckpoint;
import io.mlpservice.store.Codec;
import io.mlpservice.store.TensorPack;

/**
 * A running job's checkpoint file: a {@link TensorPack} holding
 * <ul>
 *   <li>{@code position} (int64): workers, epochs completed, mini-batches done in the next epoch,
 *       nanoseconds spent in it, the epoch-order random state, optimizer steps taken;</li>
 *   <li>{@code batch-totals} (float64, 2 a worker): the partial loss and correct rows of the epoch under way;</li>
 *   <li>{@code parameters} (float32, the engine's parameter layout);</li>
 *   <li>{@code optimizer} (text: sgd, momentum or adam) and {@code optimizer.0}, {@code optimizer.1}
 *       (float32: the velocity; or Adam's first and second moments);</li>
 *   <li>{@code last} and {@code best} (float64: training loss and accuracy (R² for a regression),
 *       validation loss and accuracy, NaN without a split, and the epoch's learning rate, absent
 *       from files written before it was recorded, which read as NaN; with {@code last.counts} and {@code best.counts}, int64:
 *       epoch and duration in nanoseconds), absent before the first epoch ends;</li>
 *   <li>{@code best-parameters} (float32), with early stopping;</li>
 *   <li>{@code plateau} (float64: the next epoch's learning rate, the best monitored loss, the
 *       epochs since it improved), with a plateau schedule;</li>
 *   <li>{@code kernel} (text): the matrix kernel that computed it.</li>
 * </ul>
 */
final class CheckpointCodec implements Codec<CheckpointCodec.Stored> {

    /** A checkpoint and the kernel it was computed with: another kernel would not continue the same bits. */
    record Stored(TrainingCheckpoint checkpoint, String kernel) {
    }

    @Override
    public String kind() {
        return "checkpoint";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public byte[] encode(Stored stored) {
        TrainingCheckpoint c = stored.checkpoint();
        TensorPack.Builder pack = TensorPack.builder()
                .longs("position", c.workers(), c.epochsCompleted(), c.batchesDone(), c.epochNanos(), c.orderState(),
                        c.step())
                .doubles("batch-totals", c.batchTotals())
                .floats("parameters", c.parameters())
                .text("optimizer", c.optimizer().kind().name().toLowerCase(java.util.Locale.ROOT))
                .text("kernel", stored.kernel());
        for (int i = 0; i < c.optimizer().bufferCount(); i++) {
            pack.floats("optimizer." + i, c.optimizer().buffer(i));
        }
        stats(pack, "last", c.last());
        stats(pack, "best", c.best());
        if (c.bestParameters() != null) {
            pack.floats("best-parameters", c.bestParameters());
        }
        if (c.plateau() != null) {
            pack.doubles("plateau", c.plateau().rate(), c.plateau().best(), c.plateau().badEpochs());
        }
        return pack.toBytes();
    }

    private static void stats(TensorPack.Builder pack, String name, EpochStats stats) {
        if (stats != null) {
            pack.doubles(name, stats.trainingLoss(), stats.trainingAccuracy(), stats.validationLoss(),
                    stats.validationAccuracy(), stats.learningRate());
            pack.longs(name + ".counts", stats.epoch(), stats.durationNanos());
        }
    }

    @Override
    public Stored decode(byte[] payload) {
        TensorPack pack = TensorPack.read(payload);
        long[] p = pack.longs("position");
        if (p.length != 6) {
            throw new IllegalArgumentException("position holds " + p.length + " values, not 6");
        }
        OptimizerSpec.Kind kind = OptimizerSpec.Kind.parse(pack.text("optimizer"));
        int buffers = kind == OptimizerSpec.Kind.ADAM ? 2 : kind == OptimizerSpec.Kind.MOMENTUM ? 1 : 0;
        float[][] state = new float[buffers][];
        for (int i = 0; i < buffers; i++) {
            state[i] = pack.floats("optimizer." + i);
        }
        TrainingCheckpoint checkpoint = new TrainingCheckpoint(Math.toIntExact(p[0]), Math.toIntExact(p[1]),
                Math.toIntExact(p[2]), pack.doubles("batch-totals"), p[3], p[4], p[5], pack.floats("parameters"),
                OptimizerState.of(kind, state), stats(pack, "last"), stats(pack, "best"),
                pack.has("best-parameters") ? pack.floats("best-parameters") : null, plateau(pack));
        return new Stored(checkpoint, pack.text("kernel"));
    }

    private static LearningRateSchedule.Plateau plateau(TensorPack pack) {
        if (!pack.has("plateau")) {
            return null;
        }
        double[] p = pack.doubles("plateau");
        if (p.length != 3) {
            throw new IllegalArgumentException("plateau holds " + p.length + " values, not 3");
        }
        return new LearningRateSchedule.Plateau((float) p[0], p[1], Math.toIntExact((long) p[2]));
    }

    private static EpochStats stats(TensorPack pack, String name) {
        if (!pack.has(name)) {
            return null;
        }
        double[] f = pack.doubles(name);
        long[] counts = pack.longs(name + ".counts");
        // four figures in files written before the learning rate was recorded
        return new EpochStats(Math.toIntExact(counts[0]), f[0], f[1], f[2], f[3], counts[1],
                f.length > 4 ? f[4] : Double.NaN);
    }
}
