package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every activation against its float64 definition ({@link ReferenceMlp}), and its short-row
 * scalar path against its vector path bit for bit, forward and backward: a row narrower than a
 * SIMD vector must give the bits that row gives inside a wider block.
 */
class ActivationTests {

    /** Floats per vector of the kernel in use (1 in scalar Java). */
    private static final int LANES = Kernels.ELEMENTS.lanes();

    private static float[] inputs(int count) {
        SplittableRandom random = new SplittableRandom(11);
        float[] z = new float[count];
        for (int i = 0; i < count; i++) {
            z[i] = (float) random.nextDouble(-6, 6);
        }
        z[0] = 0f;
        z[1] = -0f;
        return z;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMatchesTheFloat64DefinitionAndTheScalarPathGivesTheVectorBits(Activation activation) {
        int cols = Math.max(LANES, 16) * 3 + 1;     // whole vectors and a masked tail
        float[] z = inputs(cols * 4);
        float[] zero = new float[cols];
        float[] vector = z.clone();
        activation.biasAndApply(vector, 0, 4, cols, zero, 0);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            float[] one = {z[i]};
            activation.biasAndApply(one, 0, 1, 1, new float[1], 0);   // one column: the scalar twin
            double want = ReferenceMlp.activate(activation, z[i]);
            if (Float.floatToRawIntBits(one[0]) != Float.floatToRawIntBits(vector[i])
                    || Math.abs(vector[i] - want) > 1e-6 * Math.max(1, Math.abs(want))) {
                wrong.add("f(" + z[i] + "): vector " + vector[i] + ", scalar " + one[0] + ", float64 " + want);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesTheFloat64DerivativeAndTheScalarPathGivesTheVectorBits(Activation activation) {
        int length = Math.max(LANES, 16) * 5 + 3;
        float[] z = inputs(length);
        z[0] = 0.5f;                         // away from the kinks of relu and leaky relu at 0
        z[1] = -0.5f;
        float[] from = new float[length];    // what backward reads: the output, or z for GELU
        for (int i = 0; i < length; i++) {
            from[i] = activation.derivativeFromInput() ? z[i] : activation.apply(z[i]);
        }
        float[] delta = new float[length];
        java.util.Arrays.fill(delta, 1.5f);
        float[] vector = delta.clone();
        activation.backward(vector, 0, from, 0, length);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            float[] one = {1.5f};
            activation.backward(one, 0, from, i, 1);
            double want = 1.5 * ReferenceMlp.derivative(activation, z[i]);
            if (Float.floatToRawIntBits(one[0]) != Float.floatToRawIntBits(vector[i])
                    || Math.abs(vector[i] - want) > 2e-6 * Math.max(1, Math.abs(want))) {
                wrong.add("f'(" + z[i] + "): vector " + vector[i] + ", scalar " + one[0] + ", float64 " + want);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void parsesItsWireName(Activation activation) {
        assertThat(Activation.parse(activation.wireName())).isEqualTo(activation);
        assertThat(Activation.NAMES).contains(activation.wireName());
    }
}
