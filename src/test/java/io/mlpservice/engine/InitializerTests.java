package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** He uniform for ReLU layers, Glorot uniform otherwise, zero biases, the same bits for the same seed. */
class InitializerTests {

    private static float maxAbs(float[] params, int from, int to) {
        float max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Math.abs(params[i]));
        }
        return max;
    }

    private static double mean(float[] params, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += params[i];
        }
        return sum / (to - from);
    }

    @Test
    void reluLayersUseTheFullHeRange() {
        NetworkSpec spec = new NetworkSpec(100, List.of(50), Activation.RELU, 10);
        ParameterLayout layout = new ParameterLayout(spec);
        float[] params = Initializer.initialParameters(spec, 7);
        double he = Math.sqrt(6.0 / 100);            // 0.245
        double glorot = Math.sqrt(6.0 / (100 + 50));  // 0.2, which He must exceed

        float first = maxAbs(params, layout.weightOffset(0), layout.biasOffset(0));

        assertThat((double) first).as("largest first-layer weight of 5000, seed 7").isLessThanOrEqualTo(he)
                .isGreaterThan(0.98 * he).isGreaterThan(glorot);
        assertThat(mean(params, layout.weightOffset(0), layout.biasOffset(0))).isBetween(-0.01, 0.01);
    }

    @Test
    void theOutputLayerAndSaturatingActivationsUseGlorot() {
        NetworkSpec relu = new NetworkSpec(100, List.of(50), Activation.RELU, 10);
        NetworkSpec tanh = new NetworkSpec(100, List.of(50), Activation.TANH, 10);
        ParameterLayout layout = new ParameterLayout(relu);
        float[] reluParams = Initializer.initialParameters(relu, 7);
        float[] tanhParams = Initializer.initialParameters(tanh, 7);

        double outputLimit = Math.sqrt(6.0 / (50 + 10));
        double firstLimit = Math.sqrt(6.0 / (100 + 50));
        assertThat((double) maxAbs(reluParams, layout.weightOffset(1), layout.biasOffset(1)))
                .isLessThanOrEqualTo(outputLimit).isGreaterThan(0.95 * outputLimit);
        assertThat((double) maxAbs(tanhParams, layout.weightOffset(0), layout.biasOffset(0)))
                .isLessThanOrEqualTo(firstLimit).isGreaterThan(0.98 * firstLimit);
    }

    @Test
    void biasesStartAtZero() {
        NetworkSpec spec = new NetworkSpec(6, List.of(5, 4), Activation.SIGMOID, 3);
        ParameterLayout layout = new ParameterLayout(spec);
        float[] params = Initializer.initialParameters(spec, 1);

        for (int l = 0; l < layout.layers(); l++) {
            assertThat(Arrays.copyOfRange(params, layout.biasOffset(l), layout.biasOffset(l) + layout.out(l)))
                    .as("biases of layer %d", l).containsOnly(0f);
            assertThat(maxAbs(params, layout.weightOffset(l), layout.biasOffset(l))).isPositive();
        }
    }

    @Test
    void drawsTheBenchmarkContractsFirstWeight() {
        // WORKLOADS.md section 4, W1: 20 → 64 sigmoid → 4 from SplitMix64(43); W_1[0][0] is the first draw.
        float[] params = Initializer.initialParameters(new NetworkSpec(20, List.of(64), Activation.SIGMOID, 4), 43);

        assertThat(params[0]).isEqualTo(0.12196668f);
    }

    @Test
    void drawsEveryWeightFromTheSeedsSplittableRandomSequenceInLayoutOrder() {
        NetworkSpec spec = new NetworkSpec(7, List.of(5, 3), Activation.RELU, 4);
        ParameterLayout layout = new ParameterLayout(spec);
        SplittableRandom reference = new SplittableRandom(-3);
        float[] expected = new float[layout.size()];
        for (int l = 0; l < layout.layers(); l++) {
            double limit = l < layout.layers() - 1
                    ? Math.sqrt(6.0 / layout.in(l))
                    : Math.sqrt(6.0 / (layout.in(l) + layout.out(l)));
            for (int i = 0; i < layout.in(l) * layout.out(l); i++) {
                expected[layout.weightOffset(l) + i] = (float) ((2.0 * reference.nextDouble() - 1.0) * limit);
            }
        }

        float[] params = Initializer.initialParameters(spec, -3);

        assertThat(Arrays.equals(params, expected)).as("every weight's bits, seed -3").isTrue();
    }

    @Test
    void theSameSeedGivesTheSameBitsAndAnotherSeedOthers() {
        NetworkSpec spec = new NetworkSpec(6, List.of(5), Activation.RELU, 3);

        float[] first = Initializer.initialParameters(spec, 11);

        assertThat(Initializer.initialParameters(spec, 11)).containsExactly(first);
        assertThat(Arrays.equals(Initializer.initialParameters(spec, 12), first)).isFalse();
    }
}
