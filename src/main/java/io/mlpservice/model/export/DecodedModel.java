package io.mlpservice.model.export;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import io.mlpservice.model.CreateModel;
import io.mlpservice.model.HiddenLayerRequest;
import io.mlpservice.model.LossPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A portable document once checked: its architecture and its parameters as floats. It is what
 * both the importer ({@link #toNetwork}) and the {@link OnnxWriter} read, so that a task or an
 * activation is added in one place for both: the document check, then a case in each of these.
 *
 * @param classes         class names for a classifier; null for a regression
 * @param outputSize      outputs: the number of classes, or of a regression's values
 * @param layers          every weight layer from the input side, the output layer last
 * @param inputMeans      per feature, or null when inputs go in unchanged (then {@code inputScales} is null too)
 * @param targetMeans     per output of a regression whose targets were standardised, else null
 * @param targetScales    per output, with {@code targetMeans}: an output comes out as {@code z / scale + mean}
 */
public record DecodedModel(String name, int inputSize, String task, List<String> classes, int outputSize,
                           List<DecodedLayer> layers, float[] inputMeans, float[] inputScales,
                           float[] targetMeans, float[] targetScales, LossPoint metrics) {

    /**
     * One dense layer: {@code activation(x · Wᵀ + b)}.
     *
     * @param weights (out, in) row-major
     * @param biases  (out)
     */
    public record DecodedLayer(int in, int out, String activation, float[] weights, float[] biases) {
    }

    public boolean classification() {
        return PortableModel.CLASSIFICATION.equals(task);
    }

    /** The hidden layers: every layer but the output one. */
    public List<DecodedLayer> hidden() {
        return layers.subList(0, layers.size() - 1);
    }

    public DecodedLayer output() {
        return layers.getLast();
    }

    /**
     * The network this service runs for the document: the same parameters and standardisation,
     * so the same bits out.
     *
     * @throws io.mlpservice.error.InvalidInputException for what the engine cannot run, by field
     */
    public Network toNetwork(MatMul matMul) {
        NetworkSpec spec = toSpec();
        float[] params = new float[Math.toIntExact(spec.parameterCount())];
        int offset = 0;
        for (DecodedLayer layer : layers) {
            // the engine's layout: each layer's weights row-major (out, in), then its biases
            System.arraycopy(layer.weights(), 0, params, offset, layer.weights().length);
            offset += layer.weights().length;
            System.arraycopy(layer.biases(), 0, params, offset, layer.biases().length);
            offset += layer.biases().length;
        }
        Standardizer standardizer = inputMeans == null ? Standardizer.identity(inputSize)
                : Standardizer.of(inputMeans, inputScales);
        Standardizer targets = targetMeans == null ? Standardizer.identity(outputSize)
                : Standardizer.of(targetMeans, targetScales);
        return new Network(spec, params, standardizer, targets, matMul);
    }

    /** What creates the model that will hold the imported version. */
    public CreateModel toCreateModel(String modelName) {
        NetworkSpec spec = toSpec();
        List<HiddenLayerRequest> layers = spec.hiddenLayers().stream()
                .map(l -> new HiddenLayerRequest(l.units(), l.activation().wireName(), null)).toList();
        return new CreateModel(modelName, classification() ? null : PortableModel.REGRESSION, inputSize, layers,
                spec.activation().wireName(), classification() ? classes : null,
                classification() ? null : outputSize, null);
    }

    /**
     * The engine's architecture: each hidden layer with its own activation. Without a hidden layer
     * the activation plays no part; the engine's default stands in.
     */
    private NetworkSpec toSpec() {
        Violations violations = new Violations();
        List<HiddenLayer> layers = new ArrayList<>();
        List<DecodedLayer> hidden = hidden();
        for (int l = 0; l < hidden.size(); l++) {
            String field = "architecture.layers[" + l + "].activation";
            String name = hidden.get(l).activation();
            try {
                layers.add(new HiddenLayer(hidden.get(l).out(), Activation.parse(name)));
            } catch (IllegalArgumentException unknown) {
                violations.add(field, field + " " + Excerpt.quoted(name) + " cannot be imported: this service runs "
                        + Activation.NAMES);
            }
        }
        violations.throwIfAny();
        Activation defaultActivation = layers.isEmpty() ? Activation.RELU : layers.getFirst().activation();
        return new NetworkSpec(classification() ? Task.CLASSIFICATION : Task.REGRESSION, inputSize, layers,
                defaultActivation, outputSize);
    }
}
