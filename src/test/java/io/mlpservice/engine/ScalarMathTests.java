package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * exp, tanh, the sigmoid and erf of {@link ScalarMath} against Math's double-precision functions,
 * on whichever JVM the tests run (the Vector API kernel's lanes give the same bits:
 * {@code VectorMathTests}). Tolerance: 4 ulp of the float result (the Cephes polynomials promise
 * about 2), and for tanh near 0 an absolute 1e-7 as well; erf, by Abramowitz and Stegun's 7.1.26,
 * an absolute 6e-7 (the formula's 1.5e-7 plus the rounding of its float evaluation: measured
 * 5.4e-7 at worst).
 */
class ScalarMathTests {

    interface FloatFunction {
        float apply(float x);
    }

    private static List<String> mismatches(FloatFunction f, DoubleUnaryOperator exact, float[] inputs, double absolute) {
        float[] outputs = new float[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            outputs[i] = f.apply(inputs[i]);
        }
        return mismatches(inputs, outputs, exact, absolute);
    }

    /**
     * The first five outputs further than 4 ulps (or {@code absolute}) from the exact value of their
     * input; an infinite or zero expected value must come out exactly.
     */
    static List<String> mismatches(float[] inputs, float[] outputs, DoubleUnaryOperator exact, double absolute) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            float got = outputs[i];
            double want = exact.applyAsDouble(inputs[i]);
            float wantFloat = (float) want;
            boolean ok = Float.isInfinite(wantFloat) || wantFloat == 0f
                    ? got == wantFloat
                    : Math.abs(got - want) <= Math.max(4 * Math.ulp(wantFloat), absolute);
            if (!ok && wrong.size() < 5) {
                wrong.add("f(" + inputs[i] + ") = " + got + ", expected " + want);
            }
        }
        return wrong;
    }

    static float[] inputs(double from, double to, int count, float... extra) {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[count + extra.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < extra.length ? extra[i] : (float) random.nextDouble(from, to);
        }
        return x;
    }

    @Test
    void expMatchesMathExpAcrossTheFloatRangeAndSaturates() {
        float[] x = inputs(-87, 88.7, 200_000, 0f, -0f, 1f, -1f, 88.72f, 88.8f, -87.33f, -90f, -1000f, 1000f,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1e-30f, -1e-30f);
        assertThat(mismatches(ScalarMath::exp, d -> d < -87.3365447505531 ? 0 : Math.exp(d), x, 0)).isEmpty();
    }

    @Test
    void expOfNanIsNan() {
        assertThat(ScalarMath.exp(Float.NaN)).isNaN();
    }

    @Test
    void sigmoidMatchesTheLogisticFunction() {
        float[] x = inputs(-30, 30, 100_000, 0f, 1f, -1f, 17f, -17f);
        assertThat(mismatches(ScalarMath::sigmoid, d -> 1 / (1 + Math.exp(-d)), x, 0)).isEmpty();
    }

    @Test
    void tanhMatchesMathTanhNearZeroAndFarOut() {
        float[] x = inputs(-12, 12, 200_000, 0f, -0f, 0.625f, -0.625f, 0.6249f, 1e-20f, -1e-7f, 50f, -50f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertThat(mismatches(ScalarMath::tanh, Math::tanh, x, 1e-7)).isEmpty();
    }

    @Test
    void erfMatchesAFloat64ErfToSixTenMillionths() {
        float[] x = inputs(-6, 6, 200_000, 0f, -0f, 1e-20f, -1e-7f, 0.5f, -0.5f, 3f, -3f, 10f, -10f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        double worst = 0;
        for (float v : x) {
            worst = Math.max(worst, Math.abs(ScalarMath.erf(v) - ReferenceMlp.erf(v)));
        }
        assertThat(worst).isLessThanOrEqualTo(6e-7);
    }
}
