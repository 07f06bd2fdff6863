package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ReferenceMlp;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Class weights and gradient clipping: the trainer's gradient against central differences of a
 * float64 weighted objective, the clipped step against the reference gradient brought to the
 * clip norm, and class weights raising the recall of a rare class.
 */
class ClassWeightsAndClippingTests {

    private static final NetworkSpec SPEC = new NetworkSpec(3, List.of(5), Activation.TANH, 3);
    private static final int ROWS = 6;

    private record Problem(float[] params, float[] x, int[] labels) {
    }

    private static Problem problem() {
        SplittableRandom random = new SplittableRandom(4);
        int size = (int) SPEC.parameterCount();
        float[] params = new float[size];
        for (int i = 0; i < size; i++) {
            params[i] = (float) random.nextDouble(-1, 1);
        }
        float[] x = new float[ROWS * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        return new Problem(params, x, new int[] {0, 1, 2, 0, 1, 2});
    }

    /** One full-batch SGD step of rate 1 from the problem's weights: returns p0 − p1, the step taken. */
    private static double[] step(Problem p, float[] classWeights, float clip, float l2) {
        Network network = new Network(SPEC, p.params, Standardizer.identity(3), MatMuls.defaultKernel());
        TrainingConfig config = new TrainingConfig(1, ROWS, OptimizerSpec.sgd(1f), l2, 0, null, false, false, 1L,
                true, null, classWeights, clip);
        float[] p1 = new Trainer(MatMuls.defaultKernel(), 1).train(network, new Dataset(p.x, p.labels, 3), config,
                TrainingListener.NONE).network().parameters();
        double[] taken = new double[p1.length];
        for (int i = 0; i < p1.length; i++) {
            taken[i] = (double) p.params[i] - p1[i];
        }
        return taken;
    }

    @Test
    void theWeightedGradientMatchesCentralFiniteDifferencesOfTheWeightedObjective() {
        Problem p = problem();
        float[] weights = {0.5f, 3f, 1.25f};
        double[] analytic = step(p, weights, 0f, 0.1f);
        ReferenceMlp reference = ReferenceMlp.of(SPEC);
        double[] p0 = ReferenceMlp.widen(p.params);
        double[] x = ReferenceMlp.widen(p.x);
        double[] w = {0.5, 3, 1.25};
        double h = 1e-6;
        for (int i = 0; i < p0.length; i++) {
            double[] plus = p0.clone();
            plus[i] += h;
            double[] minus = p0.clone();
            minus[i] -= h;
            double numeric = (reference.weightedObjective(plus, x, p.labels, w, 0.1)
                    - reference.weightedObjective(minus, x, p.labels, w, 0.1)) / (2 * h);
            // the tolerance of GradientCheckTests: float32 passes against float64 differences
            assertThat(analytic[i]).as("parameter %d", i).isCloseTo(numeric, Offset.offset(1e-6 + 1e-4 * Math.abs(numeric)));
        }
    }

    @Test
    void weightsOfOneGiveTheBitsOfNoWeights() {
        Problem p = problem();
        assertThat(step(p, new float[] {1f, 1f, 1f}, 0f, 0.1f)).containsExactly(step(p, null, 0f, 0.1f));
    }

    @Test
    void aClippedStepIsTheGradientBroughtToTheClipNormAndAShortOneIsLeftAlone() {
        Problem p = problem();
        double[] g = ReferenceMlp.of(SPEC).gradient(ReferenceMlp.widen(p.params), ReferenceMlp.widen(p.x), p.labels, 0.1);
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float clip = (float) (norm / 4);
        double[] clipped = step(p, null, clip, 0.1f);
        double clippedNorm = 0;
        for (int i = 0; i < g.length; i++) {
            assertThat(clipped[i]).as("parameter %d", i)
                    .isCloseTo(g[i] * clip / norm, Offset.offset(1e-6 + 1e-4 * Math.abs(g[i] * clip / norm)));
            clippedNorm += clipped[i] * clipped[i];
        }
        assertThat(Math.sqrt(clippedNorm)).isCloseTo(clip, Offset.offset(1e-5));
        assertThat(step(p, null, (float) (norm * 2), 0.1f)).as("under the norm, the step is the gradient")
                .containsExactly(step(p, null, 0f, 0.1f));
    }

    @Test
    void clippingGivesTheSameBitsWithOneWorkerOrTwoTwiceOver() {
        Dataset data = TestData.blobs(400, 6, 3, 1.0, 17);
        NetworkSpec spec = new NetworkSpec(6, List.of(16), Activation.RELU, 3);
        TrainingConfig config = new TrainingConfig(3, 128, OptimizerSpec.adam(0.05f), 0f, 0, null, true, true, 3, true,
                null, null, 0.05f);
        float[] first = new Trainer(MatMuls.defaultKernel(), 2).train(Network.initialize(spec, 1), data, config,
                TrainingListener.NONE).network().parameters();
        float[] again = new Trainer(MatMuls.defaultKernel(), 2).train(Network.initialize(spec, 1), data, config,
                TrainingListener.NONE).network().parameters();
        assertThat(again).containsExactly(first);
    }

    /** 95% of class 0 around (0, 0), 5% of class 1 around (1.2, 1.2): the rare class overlaps the common one. */
    private static Dataset imbalanced(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * 2];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextDouble() < 0.05 ? 1 : 0;
            double centre = y[r] == 1 ? 1.2 : 0;
            x[2 * r] = (float) (centre + random.nextGaussian());
            x[2 * r + 1] = (float) (centre + random.nextGaussian());
        }
        return new Dataset(x, y, 2);
    }

    private static double recallOfClassOne(Network network, Dataset data) {
        float[] p = network.predictProbabilities(data.features(), data.rows());
        int found = 0;
        int total = 0;
        for (int r = 0; r < data.rows(); r++) {
            if (data.labels()[r] == 1) {
                total++;
                found += SoftmaxCrossEntropy.argmax(p, r * 2, 2) == 1 ? 1 : 0;
            }
        }
        return (double) found / total;
    }

    @Test
    void balancedWeightsRaiseTheRecallOfARareClass() {
        Dataset training = imbalanced(4000, 1);
        Dataset heldOut = imbalanced(4000, 2);
        int rare = 0;
        for (int label : training.labels()) {
            rare += label;
        }
        // scikit-learn's "balanced": rows / (classes · rows of the class)
        float[] balanced = {4000f / (2 * (4000 - rare)), 4000f / (2 * rare)};
        NetworkSpec spec = new NetworkSpec(2, List.of(8), Activation.TANH, 2);
        Trainer trainer = new Trainer(MatMuls.defaultKernel(), 1);
        double plain = recallOfClassOne(trainer.train(Network.initialize(spec, 3), training,
                new TrainingConfig(20, 100, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 3),
                TrainingListener.NONE).network(), heldOut);
        double weighted = recallOfClassOne(trainer.train(Network.initialize(spec, 3), training,
                new TrainingConfig(20, 100, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 3, true, null,
                        balanced, 0f), TrainingListener.NONE).network(), heldOut);
        assertThat(weighted).as("recall with balanced weights, against %s without", plain).isGreaterThan(plain + 0.3);
    }

    @Test
    void refusesClassWeightsThatDoNotFitTheNetwork() {
        Problem p = problem();
        Network network = new Network(SPEC, p.params, Standardizer.identity(3), MatMuls.defaultKernel());
        TrainingConfig config = new TrainingConfig(1, ROWS, OptimizerSpec.sgd(1f), 0f, 0, null, false, false, 1L,
                true, null, new float[] {1f, 2f}, 0f);
        assertThatIllegalArgumentException().isThrownBy(() -> new Trainer(MatMuls.defaultKernel(), 1)
                        .train(network, new Dataset(p.x, p.labels, 3), config, TrainingListener.NONE))
                .withMessage("2 class weights for a classification network of 3 outputs");
        assertThatIllegalArgumentException().isThrownBy(() -> new TrainingConfig(1, ROWS, OptimizerSpec.sgd(1f), 0f, 0,
                        null, false, false, 1L, true, null, new float[] {1f, -1f, 1f}, 0f))
                .withMessage("the weight of class 1 must be finite and at least 0, was -1.0");
    }
}
