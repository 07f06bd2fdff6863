package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ReferenceMlp;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mini-batches are consecutive slices of the epoch order, the last one partial; each step
 * descends the mean gradient of its own rows. Checked against float64 SGD over the same slices.
 */
class MiniBatchTests {

    private static final int ROWS = 7;
    private static final int BATCH = 3;   // batches of 3, 3 and 1 rows
    private static final NetworkSpec SPEC = new NetworkSpec(3, List.of(4), Activation.TANH, 3);

    @ParameterizedTest(name = "shuffle {0}")
    @ValueSource(booleans = {false, true})
    void eachStepDescendsTheMeanGradientOfItsSliceIncludingThePartialLastOne(boolean shuffle) {
        long seed = 44;
        float lr = 0.5f;
        int epochs = 2;
        Dataset data = TestData.blobs(ROWS, 3, 3, 1.0, 6);
        Network initial = Network.initialize(SPEC, 2);
        TrainingConfig config = new TrainingConfig(epochs, BATCH, OptimizerSpec.sgd(lr), 0f, 0, null, false, shuffle, seed);

        RecordedRun result = RecordedRun.train(new Trainer(MatMuls.defaultKernel()), initial, data, config);

        // The reference: the rows in the benchmark contract's order (stream seeded with the training seed).
        ReferenceMlp reference = ReferenceMlp.of(SPEC);
        double[] p = ReferenceMlp.widen(initial.parameters());
        EpochOrder order = new EpochOrder(ROWS, new SplittableRandom(seed));
        double[] expectedLoss = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] visit = shuffle ? order.next() : new int[] {0, 1, 2, 3, 4, 5, 6};
            for (int first = 0; first < ROWS; first += BATCH) {
                int[] rows = Arrays.copyOfRange(visit, first, Math.min(first + BATCH, ROWS));
                double[] x = new double[rows.length * 3];
                int[] y = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < 3; j++) {
                        x[i * 3 + j] = data.features()[rows[i] * 3 + j];
                    }
                    y[i] = data.labels()[rows[i]];
                }
                expectedLoss[epoch] += reference.meanCrossEntropy(p, x, y) * rows.length / ROWS;
                double[] g = reference.gradient(p, x, y, 0);
                for (int i = 0; i < p.length; i++) {
                    p[i] -= lr * g[i];
                }
            }
        }

        float[] trained = result.network().parameters();
        for (int i = 0; i < p.length; i++) {
            assertThat((double) trained[i]).as("parameter %d after %d epochs of 3 + 3 + 1 rows", i, epochs)
                    .isCloseTo(p[i], within(1e-5));
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            assertThat(result.epochs().get(epoch).trainingLoss())
                    .as("epoch %d's loss: the row-weighted mean of each batch's loss before its update", epoch + 1)
                    .isCloseTo(expectedLoss[epoch], within(1e-6));
        }
    }
}
