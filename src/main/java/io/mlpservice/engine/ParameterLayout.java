package io.mlpservice.engine;

/**
 * Where each layer's weights and biases live in one flat parameter buffer. Layer {@code l}
 * (0 = first hidden layer) stores its weights row-major as (out, in) at {@link #weightOffset},
 * followed by its {@code out} biases at {@link #biasOffset}. Gradients and optimizer state use
 * the same layout, so every update is one loop over one buffer.
 */
public final class ParameterLayout {

    private final int[] sizes;
    private final int[] weightOffsets;
    private final int[] biasOffsets;
    private final int size;

    /**
     * @throws IllegalArgumentException when the parameters would not fit in one Java array
     */
    public ParameterLayout(NetworkSpec spec) {
        long count = spec.parameterCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "the network has " + count + " parameters; at most " + (Integer.MAX_VALUE - 8) + " fit");
        }
        sizes = spec.layerSizes();
        int layers = sizes.length - 1;
        weightOffsets = new int[layers];
        biasOffsets = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffsets[l] = offset;
            offset += sizes[l] * sizes[l + 1];
            biasOffsets[l] = offset;
            offset += sizes[l + 1];
        }
        size = offset;
    }

    /** Number of weight layers (hidden layers plus output). */
    public int layers() {
        return weightOffsets.length;
    }

    /** Inputs of layer {@code l}. */
    public int in(int l) {
        return sizes[l];
    }

    /** Outputs of layer {@code l}. */
    public int out(int l) {
        return sizes[l + 1];
    }

    public int weightOffset(int l) {
        return weightOffsets[l];
    }

    public int biasOffset(int l) {
        return biasOffsets[l];
    }

    /** Total number of floats in the buffer. */
    public int size() {
        return size;
    }
}
