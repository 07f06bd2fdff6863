package io.mlpservice.model.export;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import io.mlpservice.model.CreateModel;
import io.mlpservice.model.LossPoint;
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
 * @param targetDeviations per output, with {@code targetMeans}
 */
public record DecodedModel(String name, int inputSize, String task, List<String> classes, int outputSize,
                           List<DecodedLayer> layers, float[] inputMeans, float[] inputScales,
                           float[] targetMeans, float[] targetDeviations, LossPoint metrics) {

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
        return new Network(spec, params, standardizer, matMul);
    }

    /** What creates the model that will hold the imported version. */
    public CreateModel toCreateModel(String modelName) {
        Activation activation = toSpec().activation();
        return new CreateModel(modelName, inputSize, hiddenUnits(), activation.wireName(), classes, null, null);
    }

    private List<Integer> hiddenUnits() {
        return hidden().stream().map(DecodedLayer::out).toList();
    }

    /**
     * The engine's architecture: a classifier whose hidden layers share one activation. Without a
     * hidden layer the activation plays no part; the engine's default stands in.
     */
    private NetworkSpec toSpec() {
        Violations violations = new Violations();
        if (!classification()) {
            violations.add("architecture.task", "architecture.task '" + task
                    + "' cannot be imported: this service serves classifiers only");
        }
        Activation shared = Activation.RELU;
        List<DecodedLayer> hidden = hidden();
        for (int l = 0; l < hidden.size(); l++) {
            String field = "architecture.layers[" + l + "].activation";
            String name = hidden.get(l).activation();
            Activation activation;
            try {
                activation = Activation.parse(name);
            } catch (IllegalArgumentException unknown) {
                violations.add(field, field + " " + Excerpt.quoted(name)
                        + " cannot be imported: this service runs relu, sigmoid "
                        + "and tanh");
                continue;
            }
            if (l == 0) {
                shared = activation;
            } else if (activation != shared) {
                violations.add(field, field + " " + Excerpt.quoted(name)
                        + " differs from architecture.layers[0].activation '"
                        + Excerpt.of(hidden.getFirst().activation())
                        + "': this service runs one activation for every hidden layer");
            }
        }
        violations.throwIfAny();
        return new NetworkSpec(inputSize, hiddenUnits(), shared, outputSize);
    }
}
