package io.mlpservice.model;

import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.optim.OptimizerState;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.TrainingState;
import io.mlpservice.store.Codec;
import io.mlpservice.store.TensorPack;
import java.util.Locale;

/**
 * A version's training-state file, what a warm start goes on from: a {@link TensorPack} holding
 * {@code position} (int64: epochs completed, optimizer steps taken, the epoch-order random
 * state), {@code optimizer} (text: sgd, momentum or adam) with {@code optimizer.0} and
 * {@code optimizer.1} (float32 in the parameter layout: the velocity, or Adam's first and second
 * moments), and {@code last} (float64: training loss and metric, validation loss and metric, NaN
 * without a split, learning rate) with {@code last.counts} (int64: epoch, duration in
 * nanoseconds), the figures of the last epoch.
 */
final class TrainingStateCodec implements Codec<TrainingState> {

    @Override
    public String kind() {
        return "training-state";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public byte[] encode(TrainingState state) {
        EpochStats last = state.last();
        TensorPack.Builder pack = TensorPack.builder()
                .longs("position", state.epochsCompleted(), state.step(), state.orderState())
                .text("optimizer", state.optimizer().kind().name().toLowerCase(Locale.ROOT))
                .doubles("last", last.trainingLoss(), last.trainingAccuracy(), last.validationLoss(),
                        last.validationAccuracy(), last.learningRate())
                .longs("last.counts", last.epoch(), last.durationNanos());
        for (int i = 0; i < state.optimizer().bufferCount(); i++) {
            pack.floats("optimizer." + i, state.optimizer().buffer(i));
        }
        return pack.toBytes();
    }

    @Override
    public TrainingState decode(byte[] payload) {
        TensorPack pack = TensorPack.read(payload);
        long[] p = pack.longs("position");
        double[] f = pack.doubles("last");
        long[] counts = pack.longs("last.counts");
        if (p.length != 3 || f.length != 5 || counts.length != 2) {
            throw new IllegalArgumentException("position, last and last.counts hold " + p.length + ", " + f.length
                    + " and " + counts.length + " values, not 3, 5 and 2");
        }
        OptimizerSpec.Kind kind = OptimizerSpec.Kind.parse(pack.text("optimizer"));
        int buffers = kind == OptimizerSpec.Kind.ADAM ? 2 : kind == OptimizerSpec.Kind.MOMENTUM ? 1 : 0;
        float[][] moments = new float[buffers][];
        for (int i = 0; i < buffers; i++) {
            moments[i] = pack.floats("optimizer." + i);
        }
        EpochStats last = new EpochStats(Math.toIntExact(counts[0]), f[0], f[1], f[2], f[3], counts[1], f[4]);
        return new TrainingState(Math.toIntExact(p[0]), p[1], p[2], OptimizerState.of(kind, moments), last);
    }
}
