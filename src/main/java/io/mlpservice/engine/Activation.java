package io.mlpservice.engine;

/**
 * Activation of the hidden layers. Each constant applies itself in place to a block of
 * pre-activations (fused with the bias add) and turns an upstream gradient into the gradient
 * with respect to the pre-activation, using only the layer's output, so that the
 * pre-activations never need to be kept.
 */
public enum Activation {

    /** Logistic sigmoid {@code 1 / (1 + e^-z)}; derivative {@code a (1 - a)}. */
    SIGMOID {
        @Override
        float apply(float z) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }

        @Override
        float derivativeFromOutput(float a) {
            return a * (1f - a);
        }
    },

    /** Rectified linear unit {@code max(0, z)}; derivative 1 where the output is positive, else 0. */
    RELU {
        @Override
        float apply(float z) {
            return z > 0f ? z : 0f;
        }

        @Override
        float derivativeFromOutput(float a) {
            return a > 0f ? 1f : 0f;
        }
    },

    /** Hyperbolic tangent; derivative {@code 1 - a^2}. */
    TANH {
        @Override
        float apply(float z) {
            return (float) Math.tanh(z);
        }

        @Override
        float derivativeFromOutput(float a) {
            return 1f - a * a;
        }
    };

    abstract float apply(float z);

    abstract float derivativeFromOutput(float a);

    /**
     * Adds the bias to every row and applies the activation, in place.
     *
     * @param z    (rows, cols) row-major pre-activations from {@code offset}; overwritten by the outputs
     * @param bias (cols) read from {@code biasOffset}
     */
    public void biasAndApply(float[] z, int offset, int rows, int cols, float[] bias, int biasOffset) {
        for (int r = 0; r < rows; r++) {
            int row = offset + r * cols;
            for (int j = 0; j < cols; j++) {
                z[row + j] = apply(z[row + j] + bias[biasOffset + j]);
            }
        }
    }

    /**
     * Multiplies an upstream gradient by the activation's derivative, in place:
     * {@code delta[i] *= f'(z[i])}, where the derivative is computed from the output {@code a[i]}.
     */
    public void backward(float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        for (int i = 0; i < length; i++) {
            delta[deltaOffset + i] *= derivativeFromOutput(a[aOffset + i]);
        }
    }

    /** The activation's name as clients write it: {@code "relu"}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
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
