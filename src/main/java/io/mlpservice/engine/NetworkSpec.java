package io.mlpservice.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The architecture of a multi-layer perceptron: its task, {@code inputSize} features, any number
 * of dense hidden layers (zero included), each with its own activation and dropout, and an output
 * layer of {@code outputSize} units: a softmax over classes for {@link Task#CLASSIFICATION}, the
 * identity for {@link Task#REGRESSION}.
 *
 * @param task         what the output layer answers
 * @param inputSize    number of features per row, at least 1
 * @param hiddenLayers the hidden layers, from the input side
 * @param activation   the default the hidden layers' activations were chosen from (a model's
 *                     {@code activation}); the layers' own activations are the ones applied
 * @param outputSize   classes (at least 2) for a classifier, values per row (at least 1) for a regression
 */
public record NetworkSpec(Task task, int inputSize, List<HiddenLayer> hiddenLayers, Activation activation,
                          int outputSize) {

    public NetworkSpec {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(activation, "activation");
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be at least 1, was " + inputSize);
        }
        int least = task == Task.CLASSIFICATION ? 2 : 1;
        if (outputSize < least) {
            throw new IllegalArgumentException("outputSize must be at least " + least + " for "
                    + task.wireName() + ", was " + outputSize);
        }
        hiddenLayers = List.copyOf(hiddenLayers);
    }

    /** A classifier whose hidden layers all share one activation and drop nothing. */
    public NetworkSpec(int inputSize, List<Integer> hiddenSizes, Activation activation, int outputSize) {
        this(Task.CLASSIFICATION, inputSize, layers(hiddenSizes, activation), activation, outputSize);
    }

    /** Hidden layers of the given widths, all with {@code activation} and no dropout. */
    public static List<HiddenLayer> layers(List<Integer> hiddenSizes, Activation activation) {
        List<HiddenLayer> layers = new ArrayList<>(hiddenSizes.size());
        for (int i = 0; i < hiddenSizes.size(); i++) {
            int units = hiddenSizes.get(i);
            if (units < 1) {
                throw new IllegalArgumentException("hidden layer " + i + " must have at least 1 unit, had " + units);
            }
            layers.add(new HiddenLayer(units, activation));
        }
        return layers;
    }

    /** Units of each hidden layer, from the input side. */
    public List<Integer> hiddenSizes() {
        return hiddenLayers.stream().map(HiddenLayer::units).toList();
    }

    /** The activation of hidden layer {@code l} (0 = the first). */
    public Activation activation(int l) {
        return hiddenLayers.get(l).activation();
    }

    /** Whether any hidden layer drops units while training. */
    public boolean hasDropout() {
        for (HiddenLayer layer : hiddenLayers) {
            if (layer.dropout() > 0f) {
                return true;
            }
        }
        return false;
    }

    /** Number of weight layers: hidden layers plus the output layer. */
    public int layerCount() {
        return hiddenLayers.size() + 1;
    }

    /** Widths of all layers including input and output: {@code [inputSize, hidden..., outputSize]}. */
    public int[] layerSizes() {
        int[] sizes = new int[hiddenLayers.size() + 2];
        sizes[0] = inputSize;
        for (int i = 0; i < hiddenLayers.size(); i++) {
            sizes[i + 1] = hiddenLayers.get(i).units();
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
