package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A regression learns a non-linear function of its inputs, answers in the targets' units (their
 * standardisation undone), and reports R² in the metric slot of its epochs.
 */
class RegressionTests {

    private final Trainer trainer = new Trainer(MatMuls.defaultKernel(), 2);

    /**
     * {@code y0 = 200 sin(x0) x1 + 50 x0² + 1000} and {@code y1 = x0 - 3 x1}, x uniform in [-2, 2]²,
     * with a little noise: targets far from the unit scale, so that their standardisation matters.
     */
    static Dataset wave(int rows, int outputs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * 2];
        float[] t = new float[rows * outputs];
        for (int r = 0; r < rows; r++) {
            double a = random.nextDouble(-2, 2);
            double b = random.nextDouble(-2, 2);
            x[2 * r] = (float) a;
            x[2 * r + 1] = (float) b;
            t[r * outputs] = (float) (200 * Math.sin(a) * b + 50 * a * a + 1000 + random.nextGaussian() * 5);
            if (outputs > 1) {
                t[r * outputs + 1] = (float) (a - 3 * b + random.nextGaussian() * 0.05);
            }
        }
        return Dataset.regression(x, t, 2);
    }

    /** scikit-learn's r2_score of one output column, from the network's answers in the targets' units. */
    static double r2(Network network, Dataset data, int column) {
        float[] y = network.predict(data.features(), data.rows());
        int outputs = data.outputs();
        double mean = 0;
        for (int r = 0; r < data.rows(); r++) {
            mean += data.targets()[r * outputs + column];
        }
        mean /= data.rows();
        double residual = 0;
        double total = 0;
        for (int r = 0; r < data.rows(); r++) {
            double t = data.targets()[r * outputs + column];
            residual += (y[r * outputs + column] - t) * (y[r * outputs + column] - t);
            total += (t - mean) * (t - mean);
        }
        return 1 - residual / total;
    }

    private static NetworkSpec spec(int outputs) {
        return new NetworkSpec(Task.REGRESSION, 2,
                List.of(new HiddenLayer(32, Activation.TANH), new HiddenLayer(32, Activation.GELU)), Activation.TANH,
                outputs);
    }

    @Test
    void reachesAnR2OfNinetyPercentOnHeldOutRowsInTheTargetsUnits() {
        Dataset training = wave(1000, 2, 1);
        Dataset heldOut = wave(300, 2, 2);
        TrainingConfig config = new TrainingConfig(80, 32, OptimizerSpec.adam(0.005f), 0f, 0.2, null, true, true, 5);
        List<EpochStats> epochs = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                epochs.add(stats);
            }
        };

        TrainingResult result = trainer.train(Network.initialize(spec(2), 5), training, config, record);

        assertThat(r2(result.network(), heldOut, 0)).as("R² of the wave").isGreaterThanOrEqualTo(0.9);
        assertThat(r2(result.network(), heldOut, 1)).as("R² of the plane").isGreaterThanOrEqualTo(0.9);
        assertThat(result.network().targetStandardizer().means()[0]).as("the wave's mean, learned")
                .isBetween(1000f, 1200f);
        EpochStats last = epochs.getLast();
        assertThat(last.trainingAccuracy()).as("training R²").isGreaterThanOrEqualTo(0.9).isLessThanOrEqualTo(1);
        assertThat(last.validationAccuracy()).as("validation R²").isGreaterThanOrEqualTo(0.9).isLessThanOrEqualTo(1);
        assertThat(epochs.getFirst().validationAccuracy()).as("R² after one epoch")
                .isLessThan(last.validationAccuracy());
    }

    @Test
    void theValidationR2IsThatOfTheHeldOutRowsInStandardisedUnits() {
        Dataset data = wave(400, 1, 3);
        TrainingConfig config = new TrainingConfig(5, 50, OptimizerSpec.adam(0.01f), 0f, 0.25, null, true, true, 9);
        List<EpochStats> epochs = new ArrayList<>();
        TrainingResult result = trainer.train(Network.initialize(spec(1), 9), data, config, new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                epochs.add(stats);
            }
        });
        // the held-out rows, drawn as the trainer draws them, and their R² from the network's answers
        Split split = Split.of(data, 0.25, false, new SplittableRandom(9).split());
        Dataset heldOut = Dataset.regression(split.validX(), split.validT(), 2);
        assertThat(epochs.getLast().validationAccuracy()).isCloseTo(r2(result.network(), heldOut, 0),
                org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void withoutTargetStandardisationTheNetworkLearnsTheRawTargets() {
        Dataset data = wave(300, 1, 4);
        float[] small = data.targets().clone();
        for (int i = 0; i < small.length; i++) {
            small[i] = (small[i] - 1000) / 300;
        }
        Dataset scaled = Dataset.regression(data.features(), small, 2);
        TrainingConfig config = new TrainingConfig(60, 32, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 4,
                false);
        Network trained = trainer.train(Network.initialize(spec(1), 4), scaled, config, TrainingListener.NONE)
                .network();
        assertThat(trained.targetStandardizer().isIdentity()).isTrue();
        assertThat(r2(trained, scaled, 0)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void refusesLabelsForARegressionAndProbabilitiesFromIt() {
        Network network = Network.initialize(spec(1), 1);
        Dataset labelled = new Dataset(new float[] {1, 2, 3, 4}, new int[] {0, 1}, 2);
        TrainingConfig config = new TrainingConfig(1, 0, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> trainer.train(network, labelled, config,
                        TrainingListener.NONE))
                .withMessage("a regression network trains on targets, the rows have labels");
        assertThatIllegalArgumentException().isThrownBy(() -> trainer.train(network,
                        Dataset.regression(new float[] {1, 2, 3, 4}, new float[] {1, 2, 3, 4}, 2), config,
                        TrainingListener.NONE))
                .withMessage("the rows have 2 targets each; the network gives 1");
        assertThatIllegalStateException().isThrownBy(() -> network.predictProbabilities(new float[] {1, 2}, 1))
                .withMessage("a regression network has no class probabilities");
    }

    @Test
    void sameSeedSameBitsAndOneRowAnswersAsInABatchInTheTargetsUnits() {
        Dataset data = wave(300, 2, 6);
        TrainingConfig config = new TrainingConfig(4, 40, OptimizerSpec.adam(0.01f), 0.001f, 0.2, null, true, true, 6);
        Network first = trainer.train(Network.initialize(spec(2), 6), data, config, TrainingListener.NONE).network();
        Network again = trainer.train(Network.initialize(spec(2), 6), data, config, TrainingListener.NONE).network();
        assertThat(again.parameters()).containsExactly(first.parameters());
        float[] batch = first.predict(data.features(), 20);
        for (int r = 0; r < 20; r++) {
            float[] row = first.predict(java.util.Arrays.copyOfRange(data.features(), 2 * r, 2 * r + 2), 1);
            // the one-row path sums in another order: equal to float rounding, not bit for bit
            assertThat(row[0]).as("row %d", r).isCloseTo(batch[2 * r], org.assertj.core.data.Offset.offset(1e-3f));
            assertThat(row[1]).as("row %d", r).isCloseTo(batch[2 * r + 1], org.assertj.core.data.Offset.offset(1e-4f));
        }
    }
}
