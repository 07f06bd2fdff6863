package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gradient the trainer descends along is the gradient of its objective
 * {@code mean CE + l2/2 · Σw²} (weights only), checked against central finite differences of an
 * independent float64 objective ({@link ReferenceMlp}).
 *
 * <p>The analytic gradient is read off the real trainer, so that it goes through exactly the code
 * that trains (Dense.forward/backward, SoftmaxCrossEntropy.lossAndGradient, the backward loop and
 * Trainer.addL2): one full-batch epoch of plain SGD with learning rate 1, no shuffle and no
 * standardisation, moves the parameters from {@code p0} to {@code p1 = p0 - g}, so {@code g = p0 - p1}.
 */
class GradientCheckTests {

    private static final int ROWS = 6;
    private static final int FEATURES = 3;
    private static final int CLASSES = 3;

    /** Step of the central differences, in float64. */
    private static final double H = 1e-6;

    /**
     * Pre-activations of hidden units closer than this to 0 would put a ReLU kink within reach of
     * the step H (a weight change of H moves a pre-activation by at most H·|x| ≈ 2e-6) or of the
     * float32/float64 discrepancy (≈ 1e-7); the data are redrawn until none is.
     */
    private static final double KINK_MARGIN = 1e-2;

    /*
     * Tolerance |g - fd| <= ABSOLUTE + RELATIVE·|fd|. Why these values:
     * - fd in float64 with H = 1e-6 is accurate to about 1e-10: truncation H²/6·|f'''| ≈ 1e-13 and
     *   rounding eps_64·|f|/H ≈ 1e-10.
     * - g is float32: the forward and backward passes carry relative errors of a few float32 ulps
     *   (eps_32 ≈ 6e-8) per operation, a few 1e-7 after a dozen operations; and reading g back as
     *   p0 - p1 adds the rounding of the SGD update, at most ulp(|p|)/2 ≈ 6e-8 for |p| < 2.
     * So the float32 side dominates, at ~1e-6 relative and ~1e-7 absolute; 1e-4 relative plus
     * 1e-6 absolute leaves a 10x margin while any real mistake (a bias gradient summed wrong or
     * not divided by the rows, l2·w missing, doubled or applied to biases: errors of 1e-2 and more
     * here) exceeds it by four orders of magnitude.
     */
    private static final double ABSOLUTE = 1e-6;
    private static final double RELATIVE = 1e-4;

    static Stream<Arguments> networks() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation activation : Activation.values()) {
            for (List<Integer> hidden : List.of(List.of(5, 4), List.of(5))) {
                for (float l2 : new float[] {0f, 0.1f}) {
                    cases.add(Arguments.of(activation, hidden, l2));
                }
            }
        }
        // No hidden layer: multinomial logistic regression, the activation plays no part.
        cases.add(Arguments.of(Activation.TANH, List.of(), 0f));
        cases.add(Arguments.of(Activation.TANH, List.of(), 0.1f));
        return cases.stream();
    }

    /** Hidden layers each with its own activation, for both tasks and 1 or 3 regression outputs. */
    static Stream<Arguments> mixedNetworks() {
        List<List<HiddenLayer>> stacks = List.of(
                List.of(new HiddenLayer(5, Activation.GELU), new HiddenLayer(4, Activation.ELU)),
                List.of(new HiddenLayer(5, Activation.LEAKY_RELU), new HiddenLayer(4, Activation.SIGMOID),
                        new HiddenLayer(3, Activation.IDENTITY)),
                List.of(new HiddenLayer(6, Activation.TANH), new HiddenLayer(4, Activation.GELU)));
        List<Arguments> cases = new ArrayList<>();
        for (List<HiddenLayer> stack : stacks) {
            for (float l2 : new float[] {0f, 0.1f}) {
                cases.add(Arguments.of(new NetworkSpec(Task.CLASSIFICATION, FEATURES, stack, Activation.RELU, CLASSES), l2));
                cases.add(Arguments.of(new NetworkSpec(Task.REGRESSION, FEATURES, stack, Activation.RELU, 1), l2));
                cases.add(Arguments.of(new NetworkSpec(Task.REGRESSION, FEATURES, stack, Activation.RELU, 3), l2));
            }
        }
        for (Activation activation : Activation.values()) {
            cases.add(Arguments.of(new NetworkSpec(Task.REGRESSION, FEATURES, NetworkSpec.layers(List.of(5), activation),
                    activation, 2), 0.1f));
        }
        return cases.stream();
    }

    /**
     * Per-layer activations and the regression loss (half the mean squared error over rows and
     * outputs) go through the same check, with targets drawn in [-2, 2) and not standardised.
     */
    @ParameterizedTest(name = "{0}, l2 {1}")
    @MethodSource("mixedNetworks")
    void gradientOfPerLayerActivationsAndOfTheSquaredErrorMatchesCentralFiniteDifferences(NetworkSpec spec, float l2) {
        ReferenceMlp reference = ReferenceMlp.of(spec);
        int size = new ParameterLayout(spec).size();
        Problem problem = drawAwayFromKinks(reference, size);
        double[] p0 = ReferenceMlp.widen(problem.params);
        boolean regression = spec.task() == Task.REGRESSION;
        float[] targets = new float[ROWS * spec.outputSize()];
        SplittableRandom random = new SplittableRandom(problem.seed + 1000);
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) random.nextDouble(-2, 2);
        }
        Dataset data = regression ? Dataset.regression(problem.x, targets, FEATURES)
                : new Dataset(problem.x, problem.labels, FEATURES);
        Network network = new Network(spec, problem.params, Standardizer.identity(FEATURES), MatMuls.defaultKernel());
        TrainingConfig oneFullBatchSgdStep = new TrainingConfig(1, ROWS, OptimizerSpec.sgd(1f), l2, 0, null,
                false, false, 1L, false);
        float[] p1 = new Trainer(MatMuls.defaultKernel()).train(network, data, oneFullBatchSgdStep,
                TrainingListener.NONE).network().parameters();

        double[] x = ReferenceMlp.widen(problem.x);
        double[] t = ReferenceMlp.widen(targets);
        for (int i = 0; i < size; i++) {
            double[] plus = p0.clone();
            plus[i] += H;
            double[] minus = p0.clone();
            minus[i] -= H;
            double numeric = regression
                    ? (reference.squaredErrorObjective(plus, x, t, ROWS, l2)
                            - reference.squaredErrorObjective(minus, x, t, ROWS, l2)) / (2 * H)
                    : (reference.objective(plus, x, problem.labels, l2)
                            - reference.objective(minus, x, problem.labels, l2)) / (2 * H);
            assertThat(p0[i] - p1[i])
                    .as("d objective / d parameter %d (%s) of %s, l2 %s, data seed %d", i,
                            describe(spec, i), spec, l2, problem.seed)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(ABSOLUTE + RELATIVE * Math.abs(numeric)));
        }
    }

    @ParameterizedTest(name = "{0}, hidden {1}, l2 {2}")
    @MethodSource("networks")
    void trainerGradientMatchesCentralFiniteDifferences(Activation activation, List<Integer> hidden, float l2) {
        NetworkSpec spec = new NetworkSpec(FEATURES, hidden, activation, CLASSES);
        ReferenceMlp reference = ReferenceMlp.of(spec);
        int size = new ParameterLayout(spec).size();

        Problem problem = drawAwayFromKinks(reference, size);
        double[] p0 = ReferenceMlp.widen(problem.params);

        Network network = new Network(spec, problem.params, Standardizer.identity(FEATURES), MatMuls.defaultKernel());
        TrainingConfig oneFullBatchSgdStep = new TrainingConfig(1, ROWS, OptimizerSpec.sgd(1f), l2, 0, null,
                false, false, 1L);
        float[] p1 = new Trainer(MatMuls.defaultKernel())
                .train(network, new Dataset(problem.x, problem.labels, FEATURES), oneFullBatchSgdStep,
                        TrainingListener.NONE)
                .network().parameters();

        double[] x = ReferenceMlp.widen(problem.x);
        for (int i = 0; i < size; i++) {
            double analytic = p0[i] - p1[i];
            double[] plus = p0.clone();
            plus[i] += H;
            double[] minus = p0.clone();
            minus[i] -= H;
            double numeric = (reference.objective(plus, x, problem.labels, l2)
                    - reference.objective(minus, x, problem.labels, l2)) / (2 * H);
            assertThat(analytic)
                    .as("d objective / d parameter %d (%s) of %s, l2 %s, data seed %d", i,
                            describe(spec, i), spec, l2, problem.seed)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(ABSOLUTE + RELATIVE * Math.abs(numeric)));
        }
    }

    private record Problem(float[] params, float[] x, int[] labels, long seed) {
    }

    /**
     * Parameters, inputs and labels from successive seeds, the first draw whose hidden
     * pre-activations all keep {@link #KINK_MARGIN} from 0 (deterministic: always the same seed).
     */
    private static Problem drawAwayFromKinks(ReferenceMlp reference, int size) {
        for (long seed = 1; seed < 1000; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            float[] params = new float[size];
            for (int i = 0; i < size; i++) {
                params[i] = (float) random.nextDouble(-1, 1);   // biases too, so that they matter
            }
            float[] x = new float[ROWS * FEATURES];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-2, 2);
            }
            int[] labels = new int[ROWS];
            for (int r = 0; r < ROWS; r++) {
                labels[r] = r % CLASSES;
            }
            double[][] z = reference.preActivations(ReferenceMlp.widen(params), ReferenceMlp.widen(x), ROWS);
            boolean clear = true;
            for (int l = 0; l < z.length - 1; l++) {
                for (double v : z[l]) {
                    clear &= Math.abs(v) >= KINK_MARGIN;
                }
            }
            if (clear) {
                return new Problem(params, x, labels, seed);
            }
        }
        throw new AssertionError("no seed below 1000 keeps the pre-activations away from 0");
    }

    private static String describe(NetworkSpec spec, int index) {
        ParameterLayout layout = new ParameterLayout(spec);
        for (int l = layout.layers() - 1; l >= 0; l--) {
            if (index >= layout.biasOffset(l)) {
                return "bias " + (index - layout.biasOffset(l)) + " of layer " + l;
            }
            if (index >= layout.weightOffset(l)) {
                return "weight " + (index - layout.weightOffset(l)) + " of layer " + l;
            }
        }
        throw new IllegalArgumentException("index " + index);
    }
}
