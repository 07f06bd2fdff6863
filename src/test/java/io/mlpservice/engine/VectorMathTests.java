package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * exp, tanh, the sigmoid and erf of the Vector API kernel ({@link VectorMath}) against Math's
 * double-precision functions, and their scalar twins ({@link ScalarMath}) against the vector lanes
 * bit for bit. Runs only on a JVM with the Vector API module. Tolerance: 4 ulp of the float
 * result (the Cephes polynomials promise about 2), and for tanh near 0 an absolute 1e-7 as well;
 * erf, by Abramowitz and Stegun's 7.1.26, an absolute 6e-7 (the formula's 1.5e-7 plus the rounding
 * of its float evaluation: measured 5.4e-7 at worst).
 */
@EnabledIf(value = "io.mlpservice.engine.Kernels#vectorApi", disabledReason = "the JVM has no Vector API module")
class VectorMathTests {

    private static List<String> mismatches(UnaryOperator<FloatVector> simd, DoubleUnaryOperator exact,
                                           float[] inputs, double absolute) {
        int lanes = VectorMath.SPECIES.length();
        float[] outputs = new float[inputs.length];
        for (int i = 0; i + lanes <= inputs.length; i += lanes) {
            simd.apply(FloatVector.fromArray(VectorMath.SPECIES, inputs, i)).intoArray(outputs, i);
        }
        return ScalarMathTests.mismatches(inputs, outputs, exact, absolute);
    }

    /** As {@link ScalarMathTests#inputs}, padded with more random values to whole vectors. */
    private static float[] inputs(double from, double to, int count, float... extra) {
        int lanes = VectorMath.SPECIES.length();
        int size = (count + extra.length + lanes - 1) / lanes * lanes;
        return ScalarMathTests.inputs(from, to, size - extra.length, extra);
    }

    @Test
    void expMatchesMathExpAcrossTheFloatRangeAndSaturates() {
        float[] x = inputs(-87, 88.7, 200_000, 0f, -0f, 1f, -1f, 88.72f, 88.8f, -87.33f, -90f, -1000f, 1000f,
                Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1e-30f, -1e-30f);
        assertThat(mismatches(VectorMath::exp, d -> d < -87.3365447505531 ? 0 : Math.exp(d), x, 0)).isEmpty();
    }

    @Test
    void expOfNanIsNan() {
        float[] x = inputs(0, 1, 1, Float.NaN);
        float[] out = new float[x.length];
        VectorMath.exp(FloatVector.fromArray(VectorMath.SPECIES, x, 0)).intoArray(out, 0);
        assertThat(out[0]).isNaN();
    }

    @Test
    void scalarTwinsGiveTheBitsOfTheVectorLanes() {
        float[] x = inputs(-100, 100, 100_000, 0f, -0f, 0.625f, -0.625f, 0.6249f, 88.72f, 88.8f, -87.33f, -90f,
                1e-30f, -1e-7f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE);
        int lanes = VectorMath.SPECIES.length();
        float[] lane = new float[lanes];
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < x.length; i += lanes) {
            FloatVector v = FloatVector.fromArray(VectorMath.SPECIES, x, i);
            for (String name : List.of("exp", "tanh", "sigmoid", "erf")) {
                FloatVector simd = switch (name) {
                    case "exp" -> VectorMath.exp(v);
                    case "tanh" -> VectorMath.tanh(v);
                    case "erf" -> VectorMath.erf(v);
                    default -> VectorMath.sigmoid(v);
                };
                simd.intoArray(lane, 0);
                for (int l = 0; l < lanes; l++) {
                    float scalar = switch (name) {
                        case "exp" -> ScalarMath.exp(x[i + l]);
                        case "tanh" -> ScalarMath.tanh(x[i + l]);
                        case "erf" -> ScalarMath.erf(x[i + l]);
                        default -> ScalarMath.sigmoid(x[i + l]);
                    };
                    boolean same = Float.floatToRawIntBits(scalar) == Float.floatToRawIntBits(lane[l])
                            || Float.isNaN(scalar) && Float.isNaN(lane[l]);     // a NaN's sign bit carries nothing
                    if (!same && wrong.size() < 5) {
                        wrong.add(name + "(" + x[i + l] + "): scalar " + scalar + ", vector " + lane[l]);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void sigmoidMatchesTheLogisticFunction() {
        float[] x = inputs(-30, 30, 100_000, 0f, 1f, -1f, 17f, -17f);
        assertThat(mismatches(VectorMath::sigmoid, d -> 1 / (1 + Math.exp(-d)), x, 0)).isEmpty();
    }

    @Test
    void tanhMatchesMathTanhNearZeroAndFarOut() {
        float[] x = inputs(-12, 12, 200_000, 0f, -0f, 0.625f, -0.625f, 0.6249f, 1e-20f, -1e-7f, 50f, -50f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertThat(mismatches(VectorMath::tanh, Math::tanh, x, 1e-7)).isEmpty();
    }

    @Test
    void erfMatchesAFloat64ErfToSixTenMillionths() {
        float[] x = inputs(-6, 6, 200_000, 0f, -0f, 1e-20f, -1e-7f, 0.5f, -0.5f, 3f, -3f, 10f, -10f,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        int lanes = VectorMath.SPECIES.length();
        float[] out = new float[lanes];
        double worst = 0;
        for (int i = 0; i < x.length; i += lanes) {
            VectorMath.erf(FloatVector.fromArray(VectorMath.SPECIES, x, i)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) {
                worst = Math.max(worst, Math.abs(out[l] - ReferenceMlp.erf(x[i + l])));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(6e-7);
    }
}
