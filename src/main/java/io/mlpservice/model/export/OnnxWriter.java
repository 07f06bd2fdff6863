package io.mlpservice.model.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.mlpservice.model.export.DecodedModel.DecodedLayer;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a checked portable document as an ONNX model (opset 13): one float input {@code input}
 * of shape (N, inputSize); the input standardisation as {@code Sub} and {@code Mul}; per layer a
 * {@code Gemm} with the weights as stored, (out, in), taken transposed ({@code transB = 1}), and
 * its activation; then {@code Softmax} into {@code probabilities} for a classifier, or, for a
 * regression, the targets' standardisation undone ({@code Div} by the scales, {@code Add} the
 * means) into {@code values}. A classifier's class names go into the model's metadata as
 * {@code classes}, a JSON array in the order of the probabilities. Every activation the format
 * names has its node here, so a document the check accepts can always be written.
 */
public final class OnnxWriter {

    /** Hidden-layer activations the format knows, each written below. */
    static final List<String> ACTIVATIONS = List.of("identity", "relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu");

    /** ONNX opset of the default domain: the first with {@code Softmax} over one axis and {@code Erf}. */
    static final int OPSET = 13;
    /** ONNX IR version 8 (ONNX 1.10), which every runtime that runs opset 13 reads. */
    private static final long IR_VERSION = 8;
    /** Slope of {@code leaky_relu} for negative inputs, as the format defines it. */
    private static final float LEAKY_SLOPE = 0.01f;
    /** {@code alpha} of {@code elu}: {@code alpha (e^x - 1)} for negative inputs. */
    private static final float ELU_ALPHA = 1f;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OnnxWriter() {
    }

    /** The ONNX model's bytes (a serialised {@code ModelProto}). */
    public static byte[] write(DecodedModel model, String graphName) {
        OnnxGraph graph = new OnnxGraph(graphName);
        graph.input("input", model.inputSize());
        String x = "input";
        if (model.inputMeans() != null) {
            long width = model.inputSize();
            x = graph.node("Sub", "centered", x, graph.constant("input_mean", model.inputMeans(), width));
            x = graph.node("Mul", "standardized", x, graph.constant("input_scale", model.inputScales(), width));
        }
        List<DecodedLayer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            DecodedLayer layer = layers.get(l);
            String w = graph.constant("layer" + l + "_weight", layer.weights(), layer.out(), layer.in());
            String b = graph.constant("layer" + l + "_bias", layer.biases(), layer.out());
            x = graph.node("Gemm", "layer" + l + "_linear", new AttributeProto[] {OnnxGraph.intAttribute("transB", 1)},
                    x, w, b);
            boolean last = l == layers.size() - 1;
            if (!last || !model.classification()) {
                x = activation(graph, layer.activation(), x, "layer" + l + "_output");
            }
        }
        if (model.classification()) {
            graph.node("Softmax", "probabilities", new AttributeProto[] {OnnxGraph.intAttribute("axis", 1)}, x);
            graph.output("probabilities", model.outputSize());
        } else {
            if (model.targetMeans() != null) {
                long width = model.outputSize();
                x = graph.node("Div", "rescaled", x, graph.constant("target_scale", model.targetScales(), width));
                x = graph.node("Add", "shifted", x, graph.constant("target_mean", model.targetMeans(), width));
            }
            graph.node("Identity", "values", x);
            graph.output("values", model.outputSize());
        }
        ModelProto.Builder onnx = ModelProto.newBuilder();
        if (model.classification()) {
            // the names of the probabilities' columns, which the graph itself cannot carry
            onnx.addMetadataProps(StringStringEntryProto.newBuilder().setKey("classes")
                    .setValue(JSON.writeValueAsString(model.classes())));
        }
        return onnx
                .setIrVersion(IR_VERSION)
                .setProducerName("mlp-service")
                .setDomain("io.mlpservice")
                .setModelVersion(1)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build())
                .build()
                .toByteArray();
    }

    // activation(x) into a tensor named output
    private static String activation(OnnxGraph graph, String activation, String x, String output) {
        return switch (activation) {
            case "identity" -> graph.node("Identity", output, x);
            case "relu" -> graph.node("Relu", output, x);
            case "sigmoid" -> graph.node("Sigmoid", output, x);
            case "tanh" -> graph.node("Tanh", output, x);
            case "leaky_relu" -> graph.node("LeakyRelu", output,
                    new AttributeProto[] {OnnxGraph.floatAttribute("alpha", LEAKY_SLOPE)}, x);
            case "elu" -> graph.node("Elu", output, new AttributeProto[] {OnnxGraph.floatAttribute("alpha", ELU_ALPHA)}, x);
            case "gelu" -> gelu(graph, x, output);
            default -> throw new IllegalArgumentException("activation '" + activation + "' has no ONNX form here");
        };
    }

    // the exact gelu, x · 0.5 · (1 + erf(x / √2)): Erf is in opset 13, the Gelu operator only from opset 20
    private static String gelu(OnnxGraph graph, String x, String output) {
        String root2 = graph.scalar("sqrt2", (float) Math.sqrt(2));
        String one = graph.scalar("one", 1f);
        String half = graph.scalar("half", 0.5f);
        String scaled = graph.node("Div", output + "_scaled", x, root2);
        String erf = graph.node("Erf", output + "_erf", scaled);
        String shifted = graph.node("Add", output + "_erf_plus_one", erf, one);
        String product = graph.node("Mul", output + "_times_x", x, shifted);
        return graph.node("Mul", output, product, half);
    }
}
