package io.mlpservice.engine.train;

import static io.mlpservice.engine.train.Checkpoints.StatsBits;
import static io.mlpservice.engine.train.Checkpoints.bits;
import static io.mlpservice.engine.train.Checkpoints.storedAndReadBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ReferenceMlp;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Inverted dropout: the trainer's gradient against central differences of the objective with the
 * step's masks fixed, the share of units dropped, and a run with dropout continued from a
 * checkpoint taken between mini-batches ending with the bits of the run never stopped.
 */
class DropoutTests {

    private static final NetworkSpec SPEC = new NetworkSpec(Task.CLASSIFICATION, 3,
            List.of(new HiddenLayer(5, Activation.TANH, 0.3f), new HiddenLayer(4, Activation.SIGMOID, 0.5f)),
            Activation.TANH, 3);
    private static final int ROWS = 6;

    @Test
    void theGradientOfAStepIsThatOfTheObjectiveWithItsMasksFixed() {
        SplittableRandom random = new SplittableRandom(8);
        float[] params = new float[(int) SPEC.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) random.nextDouble(-1, 1);
        }
        float[] x = new float[ROWS * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        int[] labels = {0, 1, 2, 0, 1, 2};
        long seed = 11;
        // one full-batch step: optimizer step 1, rows at positions 0 .. 5 of the batch
        double[][] masks = new double[2][];
        int dropped = 0;
        for (int l = 0; l < 2; l++) {
            HiddenLayer layer = SPEC.hiddenLayers().get(l);
            masks[l] = new double[ROWS * layer.units()];
            for (int r = 0; r < ROWS; r++) {
                for (int j = 0; j < layer.units(); j++) {
                    masks[l][r * layer.units() + j] = Dropout.factor(seed, 1, r, l, j, layer.dropout());
                    dropped += masks[l][r * layer.units() + j] == 0 ? 1 : 0;
                }
            }
        }
        assertThat(dropped).as("units dropped in the step").isPositive();
        Network network = new Network(SPEC, params, Standardizer.identity(3), MatMuls.defaultKernel());
        TrainingConfig config = new TrainingConfig(1, ROWS, OptimizerSpec.sgd(1f), 0.1f, 0, null, false, false, seed);
        float[] p1 = new Trainer(MatMuls.defaultKernel(), 1).train(network, new Dataset(x, labels, 3), config,
                TrainingListener.NONE).network().parameters();
        ReferenceMlp reference = ReferenceMlp.of(SPEC);
        double[] p0 = ReferenceMlp.widen(params);
        double[] wx = ReferenceMlp.widen(x);
        double h = 1e-6;
        for (int i = 0; i < p0.length; i++) {
            double[] plus = p0.clone();
            plus[i] += h;
            double[] minus = p0.clone();
            minus[i] -= h;
            double numeric = (reference.maskedObjective(plus, wx, labels, masks, 0.1)
                    - reference.maskedObjective(minus, wx, labels, masks, 0.1)) / (2 * h);
            assertThat(p0[i] - p1[i]).as("parameter %d", i)
                    .isCloseTo(numeric, Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
        }
    }

    @Test
    void dropsItsShareOfUnitsAndScalesTheKeptOnes() {
        int dropped = 0;
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            float f = Dropout.factor(3, i / 1000, i % 1000, 1, i % 7, 0.3f);
            assertThat(f).isIn(0f, 1f / 0.7f);
            dropped += f == 0f ? 1 : 0;
        }
        assertThat((double) dropped / draws).isCloseTo(0.3, Offset.offset(0.005));
        assertThat(Dropout.factor(3, 5, 7, 0, 2, 0f)).isEqualTo(1f);
    }

    @Test
    void aRunWithDropoutContinuedFromACheckpointEndsWithTheBitsOfTheRunNeverStopped() {
        NetworkSpec spec = new NetworkSpec(Task.CLASSIFICATION, 6,
                List.of(new HiddenLayer(16, Activation.RELU, 0.2f), new HiddenLayer(8, Activation.GELU, 0.1f)),
                Activation.RELU, 3);
        Dataset data = TestData.blobs(400, 6, 3, 1.0, 17);
        TrainingConfig config = new TrainingConfig(5, 64, OptimizerSpec.adam(0.01f), 1e-3f, 0.25, null, true, true, 23);
        ServiceLike uninterrupted = ServiceLike.recording();
        TrainingResult expected = new Trainer(MatMuls.defaultKernel(), 2).prepare(Network.initialize(spec, 5), data, config)
                .run(uninterrupted);
        Trainer.Prepared first = new Trainer(MatMuls.defaultKernel(), 2).prepare(Network.initialize(spec, 5), data, config);
        int perEpoch = (first.trainingRows() + first.batchSize() - 1) / first.batchSize();
        ServiceLike suspending = ServiceLike.suspendingAt(2 * perEpoch + 3);
        TrainingSuspendedException suspended = catchThrowableOfType(TrainingSuspendedException.class,
                () -> first.run(suspending));
        assertThat(suspended).isNotNull();
        ServiceLike continued = ServiceLike.recording();
        TrainingResult actual = new Trainer(MatMuls.defaultKernel(), 2).prepare(Network.initialize(spec, 5), data, config)
                .run(continued, storedAndReadBack(suspended.checkpoint()));
        assertThat(StatsBits.of(continued.epochs)).isEqualTo(StatsBits.of(uninterrupted.epochs.subList(2, 5)));
        assertThat(bits(actual.network().parameters())).containsExactly(bits(expected.network().parameters()));
        // dropout changes the updates: the same run without it ends elsewhere
        NetworkSpec without = new NetworkSpec(Task.CLASSIFICATION, 6,
                List.of(new HiddenLayer(16, Activation.RELU), new HiddenLayer(8, Activation.GELU)), Activation.RELU, 3);
        float[] plain = new Trainer(MatMuls.defaultKernel(), 2).train(Network.initialize(without, 5), data, config,
                TrainingListener.NONE).network().parameters();
        assertThat(bits(plain)).isNotEqualTo(bits(expected.network().parameters()));
    }
}
