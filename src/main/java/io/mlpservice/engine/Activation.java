package io.mlpservice.engine;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation of a hidden layer. Each constant applies itself in place to a block of
 * pre-activations, fused with the bias add in one pass, and turns an upstream gradient into the
 * gradient with respect to the pre-activation. All but {@link #GELU} compute that derivative from
 * the layer's output alone, so that their pre-activations never need to be kept; GELU is not
 * monotonic, its output does not determine its input, and its derivative is computed from the
 * pre-activation, which training then keeps ({@link #derivativeFromInput}). Both passes run a SIMD vector at a time, the last
 * partial vector under a mask, so that every element goes through the same arithmetic; a row
 * shorter than a vector takes the scalar twins of {@link SimdMath}, which give the same bits.
 * <p>
 * The functions are chosen by a {@code switch} in final methods rather than by overriding per
 * constant: a call site then binds statically and the JIT always inlines it, whereas an
 * overridden method seen with several constants is called through a virtual call, with every
 * vector argument boxed.
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
     * to 6e-7 ({@link SimdMath#erf}); derivative {@code Φ(z) + z φ(z)}, from the pre-activation.
     */
    GELU;

    /** Slope of {@link #LEAKY_RELU} below 0. */
    static final float LEAKY_SLOPE = 0.01f;
    private static final float INV_SQRT2 = 0.70710678118654752f;
    private static final float INV_SQRT_2PI = 0.39894228040143268f;

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);
    /** Elements per call of the vector code over a flat buffer: whole vectors, a few KiB. */
    static final int CHUNK = 64 * L;

    /** The activation of each lane. */
    FloatVector apply(FloatVector z) {
        return switch (this) {
            case SIGMOID -> SimdMath.sigmoid(z);
            case RELU -> z.max(0f);
            case TANH -> SimdMath.tanh(z);
            case IDENTITY -> z;
            case LEAKY_RELU -> z.blend(z.mul(LEAKY_SLOPE), z.compare(VectorOperators.LT, 0f));
            case ELU -> z.blend(SimdMath.exp(z.min(0f)).sub(1f), z.compare(VectorOperators.LE, 0f));
            case GELU -> z.mul(0.5f).mul(SimdMath.erf(z.mul(INV_SQRT2)).add(1f));
        };
    }

    /** The activation of one value: the same bits as a lane of {@link #apply(FloatVector)}. */
    float apply(float z) {
        return switch (this) {
            case SIGMOID -> SimdMath.sigmoid(z);
            case RELU -> Math.max(z, 0f);
            case TANH -> SimdMath.tanh(z);
            case IDENTITY -> z;
            case LEAKY_RELU -> z < 0f ? z * LEAKY_SLOPE : z;
            case ELU -> z <= 0f ? SimdMath.exp(Math.min(z, 0f)) - 1f : z;
            case GELU -> z * 0.5f * (SimdMath.erf(z * INV_SQRT2) + 1f);
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
     * (from the pre-activation for GELU).
     */
    private FloatVector backward(FloatVector d, FloatVector a) {
        return switch (this) {
            case SIGMOID -> d.mul(a.mul(ONE.sub(a)));
            case RELU -> d.blend(0f, a.compare(VectorOperators.LE, 0f));  // keep d where the unit was active
            case TANH -> d.mul(ONE.sub(a.mul(a)));
            case IDENTITY -> d;
            case LEAKY_RELU -> d.blend(d.mul(LEAKY_SLOPE), a.compare(VectorOperators.LE, 0f));
            case ELU -> d.blend(d.mul(a.add(1f)), a.compare(VectorOperators.LE, 0f));
            case GELU -> {
                // Φ(z) + z φ(z), with φ(z) = e^(-z²/2) / √(2π)
                FloatVector density = SimdMath.exp(a.mul(a).mul(-0.5f)).mul(INV_SQRT_2PI);
                FloatVector cdf = SimdMath.erf(a.mul(INV_SQRT2)).add(1f).mul(0.5f);
                yield d.mul(a.fma(density, cdf));
            }
        };
    }

    private float backward(float d, float a) {
        return switch (this) {
            case SIGMOID -> d * (a * (1f - a));
            case RELU -> a <= 0f ? 0f : d;
            case TANH -> d * (1f - a * a);
            case IDENTITY -> d;
            case LEAKY_RELU -> a <= 0f ? d * LEAKY_SLOPE : d;
            case ELU -> a <= 0f ? d * (a + 1f) : d;
            case GELU -> {
                float density = SimdMath.exp(a * a * -0.5f) * INV_SQRT_2PI;
                float cdf = (SimdMath.erf(a * INV_SQRT2) + 1f) * 0.5f;
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
        for (int r = 0; r < rows; r++) {
            if (cols < L) {
                for (int j = 0; j < cols; j++) {
                    z[offset + r * cols + j] = apply(z[offset + r * cols + j] + bias[biasOffset + j]);
                }
            } else {
                biasAndApplyRow(z, offset + r * cols, cols, bias, biasOffset);
            }
        }
    }

    // One row, a vector at a time. Vector code lives in short methods called once per row or
    // chunk: the JIT compiles a method after a few hundred calls, but a long loop only after tens
    // of thousands of iterations, all run until then on the Vector API's allocating fallbacks.
    private void biasAndApplyRow(float[] z, int row, int cols, float[] bias, int biasOffset) {
        int j = 0;
        for (; j + L <= cols; j += L) {
            FloatVector b = FloatVector.fromArray(SPECIES, bias, biasOffset + j);
            apply(FloatVector.fromArray(SPECIES, z, row + j).add(b)).intoArray(z, row + j);
        }
        if (j < cols) {
            VectorMask<Float> tail = SPECIES.indexInRange(j, cols);
            FloatVector b = FloatVector.fromArray(SPECIES, bias, biasOffset + j, tail);
            apply(FloatVector.fromArray(SPECIES, z, row + j, tail).add(b)).intoArray(z, row + j, tail);
        }
    }

    /**
     * Applies the activation to a flat block, {@code out[i] = f(z[i])}: the pre-activations
     * {@code z} are kept, for an activation whose derivative needs them. The same bits as
     * {@link #biasAndApply} on {@code z} already holding the bias.
     */
    public void apply(float[] z, int zOffset, float[] out, int outOffset, int length) {
        if (length < L) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = apply(z[zOffset + i]);
            }
            return;
        }
        for (int i = 0; i < length; i += CHUNK) {
            applyChunk(z, zOffset + i, out, outOffset + i, Math.min(CHUNK, length - i));
        }
    }

    private void applyChunk(float[] z, int zOffset, float[] out, int outOffset, int length) {
        int i = 0;
        for (; i + L <= length; i += L) {
            apply(FloatVector.fromArray(SPECIES, z, zOffset + i)).intoArray(out, outOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = SPECIES.indexInRange(i, length);
            apply(FloatVector.fromArray(SPECIES, z, zOffset + i, m)).intoArray(out, outOffset + i, m);
        }
    }

    /**
     * Multiplies an upstream gradient by the activation's derivative, in place:
     * {@code delta[i] *= f'(z[i])}, where the derivative is computed from the output {@code a[i]},
     * or from the pre-activation when {@link #derivativeFromInput()}.
     */
    public void backward(float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        if (length < L) {
            for (int i = 0; i < length; i++) {
                delta[deltaOffset + i] = backward(delta[deltaOffset + i], a[aOffset + i]);
            }
            return;
        }
        for (int i = 0; i < length; i += CHUNK) {
            backwardChunk(delta, deltaOffset + i, a, aOffset + i, Math.min(CHUNK, length - i));
        }
    }

    private void backwardChunk(float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        int i = 0;
        for (; i + L <= length; i += L) {
            FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i);
            FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i);
            backward(d, out).intoArray(delta, deltaOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = SPECIES.indexInRange(i, length);
            FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i, m);
            FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i, m);
            backward(d, out).intoArray(delta, deltaOffset + i, m);
        }
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
