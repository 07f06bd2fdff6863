package io.mlpservice.engine;

/**
 * exp, tanh, the sigmoid and erf of one float, built from additions, multiplications, fused
 * multiply-adds ({@link Math#fma}) and bit operations only, so that they give the same bits
 * whatever the JIT has compiled, on every machine. Accuracy: within a few ulp of the true value
 * wherever the result is a normal float (the polynomials are Cephes' {@code expf} and
 * {@code tanhf}); erf within 6e-7.
 * <p>
 * Each function is the scalar twin of one in {@code VectorMath}, the Vector API kernel's: the same
 * operations in the same order, so that it gives the bits of a lane of the vector function and
 * short rows computed here agree with long rows computed there.
 */
public final class ScalarMath {

    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** Adding and subtracting 1.5·2^23 rounds a float of magnitude below 2^22 to an integer. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Above ln(Float.MAX_VALUE) exp overflows; below ln(Float.MIN_NORMAL) it is under every normal float. */
    static final float MAX_ARG = 88.72283905206835f;
    static final float MIN_ARG = -87.3365447505531f;
    /** Below this magnitude tanh is an odd polynomial; above, {@code 1 - 2 / (e^2|x| + 1)}. */
    static final float TANH_SMALL = 0.625f;
    /** The constants of Abramowitz and Stegun 7.1.26. */
    static final float ERF_P = 0.3275911f;
    static final float ERF_A1 = 0.254829592f;
    static final float ERF_A2 = -0.284496736f;
    static final float ERF_A3 = 1.421413741f;
    static final float ERF_A4 = -1.453152027f;
    static final float ERF_A5 = 1.061405429f;

    private ScalarMath() {
    }

    /**
     * e^x: infinity above ln(Float.MAX_VALUE), 0 below ln(Float.MIN_NORMAL), NaN for NaN. x is
     * split as {@code n ln2 + r}, |r| &lt;= ln2 / 2, with ln2 in two parts so that {@code n ln2}
     * is exact; the result is scaled by 2^n as {@code 2^(n/2) · 2^(n - n/2)} so that n = 128 does
     * not overflow the exponent bits.
     */
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

    /** tanh: an odd polynomial near 0, {@code 1 - 2 / (e^2|x| + 1)} with x's sign elsewhere. */
    public static float tanh(float x) {
        float magnitude = Math.abs(x);
        if (magnitude < TANH_SMALL) {
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

    /** The logistic sigmoid {@code 1 / (1 + e^-x)}. */
    public static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    /**
     * erf by Abramowitz and Stegun's formula 7.1.26:
     * {@code 1 - (a1 t + a2 t² + a3 t³ + a4 t⁴ + a5 t⁵) e^(-x²)} with {@code t = 1 / (1 + p|x|)}, and
     * x's sign. The formula's absolute error is at most 1.5e-7; evaluated in float32 it is within
     * 6e-7 (measured 5.4e-7 at worst), so that GELU, {@code 0.5 x (1 + erf(x / √2))}, differs from
     * its exact form by at most {@code 3e-7 |x|}.
     */
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
