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
 * partial vector under a mask, so that every element goes through the same arithmetic.
 */
public enum Activation {

    /** Logistic sigmoid {@code 1 / (1 + e^-z)}; derivative {@code a (1 - a)}. */
    SIGMOID {
        @Override
        FloatVector apply(FloatVector z) {
            return ONE.div(SimdMath.exp(z.neg()).add(ONE));
        }

        @Override
        FloatVector derivativeFromOutput(FloatVector a) {
            return a.mul(ONE.sub(a));
        }
    },

    /** Rectified linear unit {@code max(0, z)}; derivative 1 where the output is positive, else 0. */
    RELU {
        @Override
        FloatVector apply(FloatVector z) {
            return z.max(ZERO);
        }

        @Override
        FloatVector derivativeFromOutput(FloatVector a) {
            return ZERO.blend(ONE, a.compare(VectorOperators.GT, 0f));
        }

        @Override
        public void backward(float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
            // Cheaper than multiplying by the derivative: keep the gradient where the unit was active.
            int i = 0;
            for (int upper = SPECIES.loopBound(length); i < upper; i += SPECIES.length()) {
                FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i);
                FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i);
                d.blend(ZERO, out.compare(VectorOperators.LE, 0f)).intoArray(delta, deltaOffset + i);
            }
            if (i < length) {
                VectorMask<Float> m = SPECIES.indexInRange(i, length);
                FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i, m);
                FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i, m);
                d.blend(ZERO, out.compare(VectorOperators.LE, 0f)).intoArray(delta, deltaOffset + i, m);
            }
        }
    },

    /** Hyperbolic tangent; derivative {@code 1 - a^2}. */
    TANH {
        @Override
        FloatVector apply(FloatVector z) {
            return SimdMath.tanh(z);
        }

        @Override
        FloatVector derivativeFromOutput(FloatVector a) {
            return ONE.sub(a.mul(a));
        }
    };

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);

    abstract FloatVector apply(FloatVector z);

    abstract FloatVector derivativeFromOutput(FloatVector a);

    /**
     * Adds the bias to every row and applies the activation, in place.
     *
     * @param z    (rows, cols) row-major pre-activations from {@code offset}; overwritten by the outputs
     * @param bias (cols) read from {@code biasOffset}
     */
    public void biasAndApply(float[] z, int offset, int rows, int cols, float[] bias, int biasOffset) {
        int whole = SPECIES.loopBound(cols);
        VectorMask<Float> tail = SPECIES.indexInRange(whole, cols);
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            for (int j = 0; j < whole; j += SPECIES.length()) {
                FloatVector b = FloatVector.fromArray(SPECIES, bias, biasOffset + j);
                apply(FloatVector.fromArray(SPECIES, z, row + j).add(b)).intoArray(z, row + j);
            }
            if (whole < cols) {
                FloatVector b = FloatVector.fromArray(SPECIES, bias, biasOffset + whole, tail);
                apply(FloatVector.fromArray(SPECIES, z, row + whole, tail).add(b)).intoArray(z, row + whole, tail);
            }
        }
    }

    /**
     * Multiplies an upstream gradient by the activation's derivative, in place:
     * {@code delta[i] *= f'(z[i])}, where the derivative is computed from the output {@code a[i]}.
     */
    public void backward(float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        int i = 0;
        for (int upper = SPECIES.loopBound(length); i < upper; i += SPECIES.length()) {
            FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i);
            FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i);
            d.mul(derivativeFromOutput(out)).intoArray(delta, deltaOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = SPECIES.indexInRange(i, length);
            FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i, m);
            FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i, m);
            d.mul(derivativeFromOutput(out)).intoArray(delta, deltaOffset + i, m);
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
