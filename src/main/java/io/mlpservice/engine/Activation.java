package io.mlpservice.engine;

import java.util.Locale;

/**
 * Activation of a hidden layer. Each constant applies itself in place to a block of
 * pre-activations, fused with the bias add in one pass, and turns an upstream gradient into the
 * gradient with respect to the pre-activation. All but {@link #GELU} compute that derivative from
 * the layer's output alone, so that their pre-activations never need to be kept; GELU is not
 * monotonic, its output does not determine its input, and its derivative is computed from the
 * pre-activation, which training then keeps ({@link #derivativeFromInput}). Both passes run on
 * the engine's element-wise kernel ({@link Kernels}): a SIMD vector at a time on the Vector API,
 * an element at a time in scalar Java, with the same bits either way.
 * <p>
 * The functions are chosen by a {@code switch} in final methods rather than by overriding per
 * constant: a call site then binds statically and the JIT always inlines it.
 */
public enum Activation {

    /** Logistic sigmoid {@code 1 / (1 + e^-z)}; derivative {@code a (1 - a)}. */
    SIGMOID,

    /** Rectified linear unit {@code max(0, z)}; derivative 1 where the output is positive, else 0. */
    RELU,

    /** Hyperbolic tangent; derivative {@code 1 - a^2}. */
    TANH,

    /** The identity {@code z}; derivative 1. */
    IDENTITY,

    /** Leaky ReLU {@code z} for z &gt; 0, else {@code 0.01 z}; derivative 1 where the output is positive, else 0.01. */
    LEAKY_RELU,

    /** ELU with alpha 1: {@code z} for z &gt; 0, else {@code e^z - 1}; derivative 1 where the output is positive, else {@code a + 1}. */
    ELU,

    /**
     * GELU in its erf form {@code 0.5 z (1 + erf(z / √2))} (Hendrycks and Gimpel 2016), with erf
     * to 6e-7 ({@link ScalarMath#erf}); derivative {@code Φ(z) + z φ(z)}, from the pre-activation.
     */
    GELU;

    /** Slope of {@link #LEAKY_RELU} below 0. */
    static final float LEAKY_SLOPE = 0.01f;
    static final float INV_SQRT2 = 0.70710678118654752f;
    static final float INV_SQRT_2PI = 0.39894228040143268f;

    /** The activation of one value: the bits of a lane of the Vector API kernel's. */
    float apply(float z) {
        return switch (this) {
            case SIGMOID -> ScalarMath.sigmoid(z);
            case RELU -> Math.max(z, 0f);
            case TANH -> ScalarMath.tanh(z);
            case IDENTITY -> z;
            case LEAKY_RELU -> z < 0f ? z * LEAKY_SLOPE : z;
            case ELU -> z <= 0f ? ScalarMath.exp(Math.min(z, 0f)) - 1f : z;
            case GELU -> z * 0.5f * (ScalarMath.erf(z * INV_SQRT2) + 1f);
        };
    }

    /**
     * Whether {@link #backward(float[], int, float[], int, int)} needs the pre-activation rather
     * than the output: only for GELU.
     */
    public boolean derivativeFromInput() {
        return this == GELU;
    }

    /**
     * The upstream gradient {@code d} times the derivative, computed from the output {@code a}
     * (from the pre-activation for GELU): the bits of a lane of the Vector API kernel's.
     */
    float backward(float d, float a) {
        return switch (this) {
            case SIGMOID -> d * (a * (1f - a));
            case RELU -> a <= 0f ? 0f : d;
            case TANH -> d * (1f - a * a);
            case IDENTITY -> d;
            case LEAKY_RELU -> a <= 0f ? d * LEAKY_SLOPE : d;
            case ELU -> a <= 0f ? d * (a + 1f) : d;
            case GELU -> {
                // Φ(z) + z φ(z), with φ(z) = e^(-z²/2) / √(2π)
                float density = ScalarMath.exp(a * a * -0.5f) * INV_SQRT_2PI;
                float cdf = (ScalarMath.erf(a * INV_SQRT2) + 1f) * 0.5f;
                yield d * Math.fma(a, density, cdf);
            }
        };
    }

    /**
     * Adds the bias to every row and applies the activation, in place.
     *
     * @param z    (rows, cols) row-major pre-activations from {@code offset}; overwritten by the outputs
     * @param bias (cols) read from {@code biasOffset}
     */
    public void biasAndApply(float[] z, int offset, int rows, int cols, float[] bias, int biasOffset) {
        Kernels.ELEMENTS.biasAndApply(this, z, offset, rows, cols, bias, biasOffset);
    }

    /**
     * Applies the activation to a flat block, {@code out[i] = f(z[i])}: the pre-activations
     * {@code z} are kept, for an activation whose derivative needs them. The same bits as
     * {@link #biasAndApply} on {@code z} already holding the bias.
     */
    public void apply(float[] z, int zOffset, float[] out, int outOffset, int length) {
        Kernels.ELEMENTS.apply(this, z, zOffset, out, outOffset, length);
    }

    /**
     * Multiplies an upstream gradient by the activation's derivative, in place:
     * {@code delta[i] *= f'(z[i])}, where the derivative is computed from the output {@code a[i]},
     * or from the pre-activation when {@link #derivativeFromInput()}.
     */
    public void backward(float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        Kernels.ELEMENTS.backward(this, delta, deltaOffset, a, aOffset, length);
    }

    /** The accepted names, for messages: {@code "sigmoid, relu, ..."}. */
    public static final String NAMES = "sigmoid, relu, tanh, identity, leaky_relu, elu, gelu";

    /** The activation's name as clients write it: {@code "relu"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException(
                "unknown activation '" + name + "'; expected one of " + NAMES);
    }
}
