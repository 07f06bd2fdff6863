package io.mlpservice.engine;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation of the hidden layers. Each constant applies itself in place to a block of
 * pre-activations, fused with the bias add in one pass, and turns an upstream gradient into the
 * gradient with respect to the pre-activation using only the layer's output, so that the
 * pre-activations never need to be kept. Both passes run a SIMD vector at a time, the last
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
    TANH;

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
        };
    }

    /** The activation of one value: the same bits as a lane of {@link #apply(FloatVector)}. */
    float apply(float z) {
        return switch (this) {
            case SIGMOID -> SimdMath.sigmoid(z);
            case RELU -> Math.max(z, 0f);
            case TANH -> SimdMath.tanh(z);
        };
    }

    /** The upstream gradient {@code d} times the derivative, computed from the output {@code a}. */
    private FloatVector backward(FloatVector d, FloatVector a) {
        return switch (this) {
            case SIGMOID -> d.mul(a.mul(ONE.sub(a)));
            case RELU -> d.blend(0f, a.compare(VectorOperators.LE, 0f));  // keep d where the unit was active
            case TANH -> d.mul(ONE.sub(a.mul(a)));
        };
    }

    private float backward(float d, float a) {
        return switch (this) {
            case SIGMOID -> d * (a * (1f - a));
            case RELU -> a <= 0f ? 0f : d;
            case TANH -> d * (1f - a * a);
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
     * Multiplies an upstream gradient by the activation's derivative, in place:
     * {@code delta[i] *= f'(z[i])}, where the derivative is computed from the output {@code a[i]}.
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
                "unknown activation '" + name + "'; expected one of sigmoid, relu, tanh");
    }
}
