package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.linalg.NaiveMatMul;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Predictions: class probabilities of each row, as an independent float64 forward pass computes them. */
class NetworkTests {

    private static float[] randomRows(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * columns];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        return x;
    }

    /** Parameters with non-zero biases, so that the biases take part. */
    private static float[] randomParameters(NetworkSpec spec, long seed) {
        float[] p = Initializer.initialParameters(spec, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        ParameterLayout layout = new ParameterLayout(spec);
        for (int l = 0; l < layout.layers(); l++) {
            for (int j = 0; j < layout.out(l); j++) {
                p[layout.biasOffset(l) + j] = (float) random.nextDouble(-0.5, 0.5);
            }
        }
        return p;
    }

    static Stream<NetworkSpec> specs() {
        return Stream.of(
                new NetworkSpec(7, List.of(13, 9), Activation.RELU, 4),
                new NetworkSpec(7, List.of(13, 9, 5), Activation.TANH, 4),
                new NetworkSpec(7, List.of(16), Activation.SIGMOID, 10),
                new NetworkSpec(7, List.of(), Activation.RELU, 3));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void predictsTheProbabilitiesOfAFloat64ForwardPass(NetworkSpec spec) {
        float[] params = randomParameters(spec, 5);
        float[] x = randomRows(33, 7, 6);
        Network network = new Network(spec, params, Standardizer.identity(7), MatMuls.defaultKernel());

        float[] p = network.predictProbabilities(x, 33);
        double[] expected = ReferenceMlp.of(spec).probabilities(ReferenceMlp.widen(params), ReferenceMlp.widen(x), 33);

        // float32 products of at most 16 terms against float64: 1e-5 leaves a wide margin (WORKLOADS.md section 8 asks 1e-4).
        assertThat(p).hasSize(expected.length);
        for (int i = 0; i < p.length; i++) {
            assertThat((double) p[i]).as("p[%d] of %s", i, spec).isCloseTo(expected[i], within(1e-5));
        }
        for (int r = 0; r < 33; r++) {
            double sum = 0;
            for (int k = 0; k < spec.outputSize(); k++) {
                sum += p[r * spec.outputSize() + k];
            }
            assertThat(sum).as("row %d sums to 1", r).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void readsAndWritesFromTheGivenOffsetsOnly() {
        NetworkSpec spec = new NetworkSpec(3, List.of(6, 5), Activation.TANH, 4);
        Network network = new Network(spec, randomParameters(spec, 2), Standardizer.identity(3), MatMuls.defaultKernel());
        float[] rows = randomRows(5, 3, 3);
        float[] x = new float[4 + rows.length + 2];
        Arrays.fill(x, Float.NaN);   // anything read outside the rows would poison the output
        System.arraycopy(rows, 0, x, 4, rows.length);
        float[] out = new float[7 + 5 * 4 + 3];
        Arrays.fill(out, -1f);

        network.predictProbabilities(x, 4, 5, out, 7);

        assertThat(Arrays.copyOfRange(out, 7, 27)).containsExactly(network.predictProbabilities(rows, 5));
        assertThat(Arrays.copyOfRange(out, 0, 7)).containsOnly(-1f);
        assertThat(Arrays.copyOfRange(out, 27, 30)).containsOnly(-1f);
    }

    @Test
    void predictsNothingForZeroRows() {
        NetworkSpec spec = new NetworkSpec(3, List.of(4), Activation.RELU, 2);
        Network network = Network.initialize(spec, 1);
        float[] out = {-1f, -1f, -1f};

        network.predictProbabilities(new float[0], 0, 0, out, 1);

        assertThat(network.predictProbabilities(new float[0], 0)).isEmpty();
        assertThat(out).containsOnly(-1f);
    }

    @Test
    void appliesItsStandardizerWithoutTouchingTheCallersRows() {
        NetworkSpec spec = new NetworkSpec(3, List.of(6), Activation.SIGMOID, 3);
        float[] params = randomParameters(spec, 4);
        float[] raw = randomRows(8, 3, 5);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i] * 1000 + 250;
        }
        Standardizer standardizer = Standardizer.fit(raw, 8, 3);
        float[] standardized = new float[raw.length];
        standardizer.apply(raw, 0, 8, standardized, 0);
        float[] before = raw.clone();

        float[] withStandardizer = new Network(spec, params, standardizer, MatMuls.defaultKernel())
                .predictProbabilities(raw, 8);
        float[] onStandardizedRows = new Network(spec, params, Standardizer.identity(3), MatMuls.defaultKernel())
                .predictProbabilities(standardized, 8);

        assertThat(withStandardizer).containsExactly(onStandardizedRows);
        assertThat(raw).containsExactly(before);
    }

    @Test
    void givesTheSameProbabilitiesWithTheReferenceKernel() {
        NetworkSpec spec = new NetworkSpec(7, List.of(13, 9), Activation.RELU, 4);
        float[] params = randomParameters(spec, 5);
        float[] x = randomRows(21, 7, 6);

        float[] fast = new Network(spec, params, Standardizer.identity(7), MatMuls.defaultKernel()).predictProbabilities(x, 21);
        float[] naive = new Network(spec, params, Standardizer.identity(7), new NaiveMatMul()).predictProbabilities(x, 21);

        for (int i = 0; i < fast.length; i++) {
            assertThat(fast[i]).as("p[%d]", i).isCloseTo(naive[i], within(1e-6f));
        }
    }

    @Test
    void keepsItsOwnCopyOfTheParameters() {
        NetworkSpec spec = new NetworkSpec(3, List.of(4), Activation.RELU, 2);
        float[] params = randomParameters(spec, 1);
        Network network = new Network(spec, params, Standardizer.identity(3), MatMuls.defaultKernel());
        float[] expected = params.clone();

        params[0] = 42f;
        network.parameters()[1] = 42f;

        assertThat(network.parameters()).containsExactly(expected);
    }

    @Test
    void rejectsParametersOrAStandardizerOfAnotherShape() {
        NetworkSpec spec = new NetworkSpec(3, List.of(4), Activation.RELU, 2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Network(spec, new float[25], Standardizer.identity(3), MatMuls.defaultKernel()))
                .withMessage("the spec needs 26 parameters, got 25");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Network(spec, new float[26], Standardizer.identity(5), MatMuls.defaultKernel()))
                .withMessage("the standardizer has 5 columns, the network takes 3");
    }
}
