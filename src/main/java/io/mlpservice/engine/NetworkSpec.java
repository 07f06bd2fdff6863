package io.mlpservice.engine;

import java.util.List;
import java.util.Objects;

/**
 * The architecture of a multi-layer perceptron: {@code inputSize} features, any number of dense
 * hidden layers (zero included) sharing one activation, and a softmax output over
 * {@code outputSize} classes.
 *
 * @param inputSize   number of features per row, at least 1
 * @param hiddenSizes units of each hidden layer, from the input side; each at least 1
 * @param activation  activation of every hidden layer
 * @param outputSize  number of classes, at least 2
 */
public record NetworkSpec(int inputSize, List<Integer> hiddenSizes, Activation activation, int outputSize) {

    public NetworkSpec {
        Objects.requireNonNull(activation, "activation");
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be at least 1, was " + inputSize);
        }
        if (outputSize < 2) {
            throw new IllegalArgumentException("outputSize must be at least 2, was " + outputSize);
        }
        hiddenSizes = List.copyOf(hiddenSizes);
        for (int i = 0; i < hiddenSizes.size(); i++) {
            if (hiddenSizes.get(i) < 1) {
                throw new IllegalArgumentException(
                        "hidden layer " + i + " must have at least 1 unit, had " + hiddenSizes.get(i));
            }
        }
    }

    /** Number of weight layers: hidden layers plus the output layer. */
    public int layerCount() {
        return hiddenSizes.size() + 1;
    }

    /** Widths of all layers including input and output: {@code [inputSize, hidden..., outputSize]}. */
    public int[] layerSizes() {
        int[] sizes = new int[hiddenSizes.size() + 2];
        sizes[0] = inputSize;
        for (int i = 0; i < hiddenSizes.size(); i++) {
            sizes[i + 1] = hiddenSizes.get(i);
        }
        sizes[sizes.length - 1] = outputSize;
        return sizes;
    }

    /** Weights and biases of all layers, as a long because wide specs can exceed an int. */
    public long parameterCount() {
        int[] sizes = layerSizes();
        long count = 0;
        for (int l = 1; l < sizes.length; l++) {
            count += (long) sizes[l - 1] * sizes[l] + sizes[l];
        }
        return count;
    }
}
