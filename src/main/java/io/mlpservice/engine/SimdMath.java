package io.mlpservice.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, tanh and erf on SIMD vectors, built from additions, multiplications, fused multiply-adds and
 * bit operations only. The Vector API's own {@code EXP} and {@code TANH} give different bits
 * depending on whether the JIT has compiled the caller yet (a vendor math library once compiled,
 * {@link Math#exp} per lane before), which would make training irreproducible within one JVM;
 * these give the same bits on every path. Accuracy: within a few ulp of the true value wherever
 * the result is a normal float (the polynomials are Cephes' {@code expf} and {@code tanhf}).
 * <p>
 * Each vector function has a scalar twin that performs the same operations in the same order
 * ({@link Math#fma} for each fused multiply-add), so it gives the bits of a lane of the vector
 * function. Short work (one row of a few classes, a vector's worth of elements or less) takes
 * the scalar one: before the JIT's optimising tier has compiled it, Vector API code runs on
 * allocating fallbacks tens of times slower than plain arithmetic.
 */
public final class SimdMath {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Adding and subtracting 1.5·2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Above ln(Float.MAX_VALUE) exp overflows; below ln(Float.MIN_NORMAL) it is under every normal float. */
    private static final float MAX_ARG = 88.72283905206835f;
    private static final float MIN_ARG = -87.3365447505531f;
    /** The constants of Abramowitz and Stegun 7.1.26. */
    private static final float ERF_P = 0.3275911f;
    private static final float ERF_A1 = 0.254829592f;
    private static final float ERF_A2 = -0.284496736f;
    private static final float ERF_A3 = 1.421413741f;
    private static final float ERF_A4 = -1.453152027f;
    private static final float ERF_A5 = 1.061405429f;

    private SimdMath() {
    }

    private static FloatVector v(float value) {
        return FloatVector.broadcast(SPECIES, value);
    }

    /** e^x lane by lane: infinity above ln(Float.MAX_VALUE), 0 below ln(Float.MIN_NORMAL), NaN for NaN. */
    public static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(MIN_ARG).min(MAX_ARG);       // NaN stays NaN through max and min
        // x = n ln2 + r, |r| <= ln2 / 2; t holds n in its low mantissa bits, ln2 is split in two
        // so that n ln2 is exact
        FloatVector t = clamped.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(v(-LN2_HI), clamped);
        r = n.fma(v(-LN2_LO), r);
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(1.9875691500E-4f, 1.3981999507E-3f)
                .fma(r, v(8.3334519073E-3f))
                .fma(r, v(4.1665795894E-2f))
                .fma(r, v(1.6666665459E-1f))
                .fma(r, v(5.0000001201E-1f));
        p = p.fma(r2, r).add(1f);
        // times 2^n, as 2^(n/2) · 2^(n - n/2) so that n = 128 does not overflow the exponent bits
        IntVector whole = t.reinterpretAsInts().sub(ROUNDER_BITS);
        IntVector half = whole.lanewise(VectorOperators.ASHR, 1);
        FloatVector result = p.mul(half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul(whole.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        return result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, MAX_ARG))
                .blend(0f, x.compare(VectorOperators.LT, MIN_ARG));
    }

    /** tanh lane by lane: an odd polynomial near 0, {@code 1 - 2 / (e^2|x| + 1)} with x's sign elsewhere. */
    public static FloatVector tanh(FloatVector x) {
        FloatVector z = x.mul(x);
        FloatVector small = z.fma(-5.70498872745E-3f, 2.06390887954E-2f)
                .fma(z, v(-5.37397155531E-2f))
                .fma(z, v(1.33314422036E-1f))
                .fma(z, v(-3.33332819422E-1f))
                .mul(z).fma(x, x);
        FloatVector magnitude = x.abs();
        FloatVector large = v(1f).sub(v(2f).div(exp(magnitude.add(magnitude)).add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return large.blend(small, magnitude.compare(VectorOperators.LT, 0.625f));
    }

    /** The logistic sigmoid {@code 1 / (1 + e^-x)} lane by lane. */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector one = v(1f);
        return one.div(exp(x.neg()).add(one));
    }

    /** {@link #exp(FloatVector)} of one float: the same bits as a lane of the vector function. */
    public static float exp(float x) {
        float clamped = Math.min(Math.max(x, MIN_ARG), MAX_ARG);
        float t = Math.fma(clamped, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, clamped);
        r = Math.fma(n, -LN2_LO, r);
        float r2 = r * r;
        float p = Math.fma(r, 1.9875691500E-4f, 1.3981999507E-3f);
        p = Math.fma(p, r, 8.3334519073E-3f);
        p = Math.fma(p, r, 4.1665795894E-2f);
        p = Math.fma(p, r, 1.6666665459E-1f);
        p = Math.fma(p, r, 5.0000001201E-1f);
        p = Math.fma(p, r2, r) + 1f;
        int whole = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        int half = whole >> 1;
        float result = p * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((whole - half + 127) << 23);
        if (x > MAX_ARG) {
            return Float.POSITIVE_INFINITY;
        }
        return x < MIN_ARG ? 0f : result;
    }

    /** {@link #tanh(FloatVector)} of one float: the same bits as a lane of the vector function. */
    public static float tanh(float x) {
        float magnitude = Math.abs(x);
        if (magnitude < 0.625f) {
            float z = x * x;
            float small = Math.fma(z, -5.70498872745E-3f, 2.06390887954E-2f);
            small = Math.fma(small, z, -5.37397155531E-2f);
            small = Math.fma(small, z, 1.33314422036E-1f);
            small = Math.fma(small, z, -3.33332819422E-1f);
            return Math.fma(small * z, x, x);
        }
        float large = 1f - 2f / (exp(magnitude + magnitude) + 1f);
        return x < 0f ? -large : large;
    }

    /** {@link #sigmoid(FloatVector)} of one float: the same bits as a lane of the vector function. */
    public static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    /**
     * erf lane by lane, by Abramowitz and Stegun's formula 7.1.26:
     * {@code 1 - (a1 t + a2 t² + a3 t³ + a4 t⁴ + a5 t⁵) e^(-x²)} with {@code t = 1 / (1 + p|x|)}, and
     * x's sign. The formula's absolute error is at most 1.5e-7; evaluated in float32 it is within
     * 6e-7 (measured 5.4e-7 at worst), so that GELU, {@code 0.5 x (1 + erf(x / √2))}, differs from
     * its exact form by at most {@code 3e-7 |x|}.
     */
    public static FloatVector erf(FloatVector x) {
        FloatVector magnitude = x.abs();
        FloatVector t = v(1f).div(magnitude.fma(v(ERF_P), v(1f)));
        FloatVector poly = t.fma(ERF_A5, ERF_A4)
                .fma(t, v(ERF_A3))
                .fma(t, v(ERF_A2))
                .fma(t, v(ERF_A1))
                .mul(t);
        FloatVector y = v(1f).sub(poly.mul(exp(magnitude.mul(magnitude).neg())));
        return y.blend(y.neg(), x.compare(VectorOperators.LT, 0f));
    }

    /** {@link #erf(FloatVector)} of one float: the same bits as a lane of the vector function. */
    public static float erf(float x) {
        float magnitude = Math.abs(x);
        float t = 1f / Math.fma(magnitude, ERF_P, 1f);
        float poly = Math.fma(t, ERF_A5, ERF_A4);
        poly = Math.fma(poly, t, ERF_A3);
        poly = Math.fma(poly, t, ERF_A2);
        poly = Math.fma(poly, t, ERF_A1);
        poly = poly * t;
        float y = 1f - poly * exp(-(magnitude * magnitude));
        return x < 0f ? -y : y;
    }
}
