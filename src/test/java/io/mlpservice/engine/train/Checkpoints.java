package io.mlpservice.engine.train;

import io.mlpservice.engine.optim.OptimizerState;
import java.util.List;

/** Helpers of the checkpoint tests: bit-exact views of stats and buffers, and a store's round trip. */
final class Checkpoints {

    private Checkpoints() {
    }

    /** An epoch's figures as raw bits, the duration left out: equal only when every bit is. */
    record StatsBits(int epoch, long trainingLoss, long trainingAccuracy, long validationLoss,
                     long validationAccuracy, long learningRate) {

        static StatsBits of(EpochStats s) {
            return new StatsBits(s.epoch(), Double.doubleToRawLongBits(s.trainingLoss()),
                    Double.doubleToRawLongBits(s.trainingAccuracy()), Double.doubleToRawLongBits(s.validationLoss()),
                    Double.doubleToRawLongBits(s.validationAccuracy()), Double.doubleToRawLongBits(s.learningRate()));
        }

        static List<StatsBits> of(List<EpochStats> stats) {
            return stats.stream().map(StatsBits::of).toList();
        }
    }

    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    /**
     * The checkpoint rebuilt from what a store would write: numbers and float arrays, every
     * object made anew, as after a restart.
     */
    static TrainingCheckpoint storedAndReadBack(TrainingCheckpoint c) {
        OptimizerState o = c.optimizer();
        float[][] buffers = new float[o.bufferCount()][];
        for (int b = 0; b < buffers.length; b++) {
            buffers[b] = o.buffer(b);
        }
        return new TrainingCheckpoint(c.workers(), c.epochsCompleted(), c.batchesDone(), c.batchTotals(),
                c.epochNanos(), c.orderState(), c.step(), c.parameters(), OptimizerState.of(o.kind(), buffers),
                copy(c.last()), copy(c.best()), c.bestParameters(), c.plateau() == null ? null
                        : new LearningRateSchedule.Plateau(c.plateau().rate(), c.plateau().best(), c.plateau().badEpochs()));
    }

    private static EpochStats copy(EpochStats s) {
        return s == null ? null : new EpochStats(s.epoch(), s.trainingLoss(), s.trainingAccuracy(),
                s.validationLoss(), s.validationAccuracy(), s.durationNanos(), s.learningRate());
    }
}
