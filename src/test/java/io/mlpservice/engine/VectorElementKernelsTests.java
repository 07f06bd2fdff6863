package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Vector API kernel and the scalar Java kernel give the same bits for every activation,
 * forward and backward, and for softmax's exponentials, on lengths of whole vectors, a masked tail
 * and less than a vector: a model trained with the Vector API and served without it (or the
 * reverse) activates exactly alike. Runs only on a JVM with the Vector API module.
 */
@EnabledIf(value = "io.mlpservice.engine.Kernels#vectorApi", disabledReason = "the JVM has no Vector API module")
class VectorElementKernelsTests {

    private final ElementKernels vector = new VectorElementKernels();
    private final ElementKernels scalar = new ScalarElementKernels();

    private static float[] values(int count, double from, double to, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) random.nextDouble(from, to);
        }
        return x;
    }

    private static List<String> differences(String what, float[] expected, float[] actual) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < expected.length && wrong.size() < 5; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                wrong.add(what + "[" + i + "]: scalar " + expected[i] + ", vector " + actual[i]);
            }
        }
        return wrong;
    }

    private int[] lengths() {
        int l = vector.lanes();
        return new int[] {1, l - 1, l, 3 * l + 5, 64 * l + 7, 200 * l + 3};
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationsForwardAndBackwardGiveTheSameBits(Activation f) {
        List<String> wrong = new ArrayList<>();
        for (int length : lengths()) {
            float[] z = values(length, -8, 8, length);
            float[] bias = values(length, -1, 1, length + 1);
            float[] bySimd = z.clone();
            float[] byScalar = z.clone();
            vector.biasAndApply(f, bySimd, 0, 1, length, bias, 0);
            scalar.biasAndApply(f, byScalar, 0, 1, length, bias, 0);
            wrong.addAll(differences("biasAndApply " + length, byScalar, bySimd));

            float[] outSimd = new float[length];
            float[] outScalar = new float[length];
            vector.apply(f, z, 0, outSimd, 0, length);
            scalar.apply(f, z, 0, outScalar, 0, length);
            wrong.addAll(differences("apply " + length, outScalar, outSimd));

            float[] from = f.derivativeFromInput() ? z : outScalar;
            float[] deltaSimd = values(length, -2, 2, length + 2);
            float[] deltaScalar = deltaSimd.clone();
            vector.backward(f, deltaSimd, 0, from, 0, length);
            scalar.backward(f, deltaScalar, 0, from, 0, length);
            wrong.addAll(differences("backward " + length, deltaScalar, deltaSimd));
        }
        assertThat(wrong).as(f.wireName()).isEmpty();
    }

    @Test
    void exponentialsGiveTheSameBitsOverTheWholeRange() {
        for (int length : lengths()) {
            float[] z = values(length, -100, 100, 31L * length);
            float[] bySimd = z.clone();
            float[] byScalar = z.clone();
            vector.exp(bySimd, 0, length);
            scalar.exp(byScalar, 0, length);
            assertThat(differences("exp " + length, byScalar, bySimd)).isEmpty();
        }
    }
}
