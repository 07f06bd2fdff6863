package io.mlpservice.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.insight.DriftMonitor;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.export.Documents.Params;
import io.mlpservice.model.export.PortableModel.InputScaling;
import io.mlpservice.model.export.PortableModel.TargetScaling;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every fault of an imported document answered 400 with a problem that names the field, and
 * nothing created: the format and its version, the architecture against itself, the limits and
 * what the engine runs, the standardisation and the parameters against the architecture, the
 * base64, the checksum and finite numbers.
 */
@WebMvcTest(ModelExportController.class)
@Import({WebSliceConfiguration.class, ModelService.class, DriftMonitor.class, ModelRegistry.class,
        ModelExportService.class})
@TestPropertySource(properties = {"mlp.limits.max-layer-units=64", "mlp.limits.max-hidden-layers=3",
        "mlp.limits.max-parameters=2000"})
class ImportFaultTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int[] HIDDEN = {6, 5};
    private static final List<Params> PARAMS = Documents.randomParameters(Documents.widths(4, HIDDEN, 3), 5);
    private static final InputScaling INPUTS = new InputScaling(new float[] {1, 2, 3, 4}, new float[] {1, 0.5f, 2, 4});

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private ModelService models;

    /** A valid 4-6-5-3 classifier, as JSON to damage. */
    private static ObjectNode valid() {
        return JSON.valueToTree(document(new String[] {"relu", "relu"}, PARAMS));
    }

    private static PortableModel document(String[] activations, List<Params> params) {
        return Documents.document(4, HIDDEN, activations, List.of("a", "b", "c"), 3, INPUTS, null, params);
    }

    private static ObjectNode architecture(ObjectNode doc) {
        return (ObjectNode) doc.get("architecture");
    }

    private static ObjectNode layer(ObjectNode doc, int l) {
        return (ObjectNode) architecture(doc).get("layers").get(l);
    }

    private static Arguments fault(String name, Consumer<ObjectNode> damage, String field, String message) {
        return Arguments.of(name, damage, field, message);
    }

    static Stream<Arguments> faults() {
        List<Params> nan = Documents.randomParameters(Documents.widths(4, HIDDEN, 3), 5);
        nan.getFirst().weights()[3] = Float.NaN;
        List<Params> infinite = Documents.randomParameters(Documents.widths(4, HIDDEN, 3), 5);
        infinite.getLast().biases()[0] = Float.POSITIVE_INFINITY;
        String validSha = Documents.sha256(PARAMS);
        return Stream.of(
                fault("another format", d -> d.put("format", "onnx"), "format",
                        "format 'onnx' is not 'mlp-service.model'"),
                fault("a later version", d -> d.put("formatVersion", 2), "formatVersion",
                        "formatVersion 2 is not supported; this service reads version 1"),
                fault("no architecture", d -> d.remove("architecture"), "architecture", "architecture is required"),
                fault("too wide a layer", d -> layer(d, 0).put("units", 65), "architecture.layers[0].units",
                        "architecture.layers[0].units 65 is over the limit of 64 (mlp.limits.max-layer-units)"),
                fault("too many layers", d -> {
                    ArrayNode layers = (ArrayNode) architecture(d).get("layers");
                    layers.insert(0, layers.get(0).deepCopy());
                    layers.insert(0, layers.get(0).deepCopy());
                }, "architecture.layers", "architecture.layers has 4 hidden layers; the limit is 3 "
                        + "(mlp.limits.max-hidden-layers)"),
                fault("too many parameters", d -> {
                    layer(d, 0).put("units", 64);
                    layer(d, 1).put("units", 30);
                }, "architecture.layers", "the model would have 2,363 parameters; the limit is 2,000 "
                        + "(mlp.limits.max-parameters)"),
                fault("an unknown activation", d -> layer(d, 1).put("activation", "swish"),
                        "architecture.layers[1].activation", "architecture.layers[1].activation 'swish' is not one of "
                                + "identity, relu, sigmoid, tanh, leaky_relu, elu, gelu"),
                fault("an activation the engine does not run",
                        d -> d.setAll((ObjectNode) JSON.valueToTree(document(new String[] {"gelu", "gelu"}, PARAMS))),
                        "architecture.layers[0].activation", "architecture.layers[0].activation 'gelu' cannot be "
                                + "imported: this service runs relu, sigmoid and tanh"),
                fault("two hidden activations",
                        d -> d.setAll((ObjectNode) JSON.valueToTree(document(new String[] {"relu", "tanh"}, PARAMS))),
                        "architecture.layers[1].activation", "architecture.layers[1].activation 'tanh' differs from "
                                + "architecture.layers[0].activation 'relu': this service runs one activation for "
                                + "every hidden layer"),
                fault("a classifier without softmax", d -> layer(d, 2).put("activation", "relu"),
                        "architecture.layers[2].activation",
                        "architecture.layers[2].activation 'relu': the output layer of a classification is 'softmax'"),
                fault("fewer classes than outputs", d -> architecture(d).set("classes", JSON.valueToTree(List.of("a", "b"))),
                        "architecture.layers[2].units", "architecture.layers[2].units is 3; the output layer of a "
                                + "classification has one unit per class (2)"),
                fault("a class twice", d -> architecture(d).set("classes", JSON.valueToTree(List.of("a", "b", "a"))),
                        "architecture.classes[2]", "architecture.classes[2] 'a' appears more than once"),
                fault("classes and outputSize that disagree", d -> architecture(d).put("outputSize", 4),
                        "architecture.outputSize", "architecture.outputSize 4 disagrees with the 3 classes"),
                fault("a regression with classes", d -> {
                    architecture(d).put("task", "regression");
                    layer(d, 2).put("activation", "identity");
                    architecture(d).put("outputSize", 3);
                }, "architecture.classes", "architecture.classes must be null for a regression"),
                fault("a regression, which this service does not serve", d -> d.setAll((ObjectNode) JSON.valueToTree(
                        Documents.document(4, HIDDEN, new String[] {"relu", "relu"}, null, 3, INPUTS,
                                new TargetScaling(new float[] {1, 2, 3}, new float[] {1, 1, 1}), PARAMS))),
                        "architecture.task", "architecture.task 'regression' cannot be imported: this service serves "
                                + "classifiers only"),
                fault("an unknown task", d -> architecture(d).put("task", "ranking"), "architecture.task",
                        "architecture.task 'ranking' is not one of classification, regression"),
                fault("no standardization", d -> d.remove("standardization"), "standardization",
                        "standardization is required ({\"inputs\": null, \"targets\": null} for none)"),
                fault("a scale short", d -> ((ArrayNode) d.at("/standardization/inputs/scales")).remove(3),
                        "standardization.inputs.scales",
                        "standardization.inputs.scales has 3 numbers; architecture.inputSize is 4"),
                fault("a zero scale", d -> ((ArrayNode) d.at("/standardization/inputs/scales")).set(1, 0.0),
                        "standardization.inputs.scales[1]",
                        "standardization.inputs.scales[1] is 0.0; it must be positive and finite"),
                fault("targets on a classifier", d -> ((ObjectNode) d.get("standardization")).set("targets",
                        JSON.valueToTree(new TargetScaling(new float[] {0, 0, 0}, new float[] {1, 1, 1}))),
                        "standardization.targets", "standardization.targets must be null for a classification"),
                fault("a layer's parameters missing", d -> ((ArrayNode) d.get("parameters")).remove(2), "parameters",
                        "parameters has 2 entries; architecture.layers has 3"),
                fault("a weight short", d -> ((ObjectNode) d.get("parameters").get(1)).put("weights",
                        FloatBytes.base64(FloatBytes.toBytes(new float[29]))), "parameters[1].weights",
                        "parameters[1].weights holds 116 bytes; layer 1 (6 inputs, 5 units) needs 30 float32, 120 bytes"),
                fault("not base64", d -> ((ObjectNode) d.get("parameters").get(0)).put("biases", "@@@@"),
                        "parameters[0].biases", "parameters[0].biases is not base64: Illegal base64 character 40"),
                fault("a checksum that does not match", d -> d.put("parametersSha256", "0".repeat(64)),
                        "parametersSha256", "parametersSha256 " + "0".repeat(64) + " does not match the parameters, "
                                + "whose SHA-256 is " + validSha),
                fault("a NaN weight under a right checksum",
                        d -> d.setAll((ObjectNode) JSON.valueToTree(document(new String[] {"relu", "relu"}, nan))),
                        "parameters[0].weights", "parameters[0].weights[3] is NaN; every parameter must be finite"),
                fault("an infinite bias under a right checksum",
                        d -> d.setAll((ObjectNode) JSON.valueToTree(document(new String[] {"relu", "relu"}, infinite))),
                        "parameters[2].biases", "parameters[2].biases[0] is Infinity; every parameter must be finite"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void eachFaultIsA400NamingItsFieldAndCreatesNothing(String name, Consumer<ObjectNode> damage, String field,
                                                        String message) {
        ObjectNode document = valid();
        damage.accept(document);
        MvcTestResult answer = mvc.post().uri("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON)
                .content(document.toString()).exchange();
        assertThat(answer).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = JSON.readTree(answer.getMvcResult().getResponse().getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo("urn:mlp-service:problem:invalid-input");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString() + ": " + e.get("message")
                .asString())).contains(field + ": " + message);
        assertThat(models.list()).isEmpty();
    }

    /**
     * Seeded damage of a valid document (a value replaced by one of another type or out of range,
     * the text cut short, a character inserted): each answer is 201 or a 4xx problem, never a 5xx.
     */
    @Test
    void damagedDocumentsGetProblemsNeverServerErrors() {
        long seed = 20261130;
        SplittableRandom random = new SplittableRandom(seed);
        JsonNode[] replacements = {NullNode.getInstance(), JSON.getNodeFactory().stringNode("x"),
                JSON.getNodeFactory().numberNode(-1), JSON.getNodeFactory().numberNode(1e9),
                JSON.getNodeFactory().numberNode(0.5), JSON.createArrayNode(), JSON.createObjectNode(),
                JSON.getNodeFactory().booleanNode(true), JSON.getNodeFactory().stringNode("NaN")};
        for (int i = 0; i < 300; i++) {
            ObjectNode document = valid();
            String body;
            int kind = random.nextInt(4);
            if (kind < 2) {
                List<JsonNode> containers = new java.util.ArrayList<>();
                collect(document, containers);
                JsonNode target = containers.get(random.nextInt(containers.size()));
                JsonNode value = replacements[random.nextInt(replacements.length)];
                if (target instanceof ObjectNode object) {
                    List<String> names = new java.util.ArrayList<>(object.propertyNames());
                    object.set(names.get(random.nextInt(names.size())), value);
                } else if (target instanceof ArrayNode array && !array.isEmpty()) {
                    array.set(random.nextInt(array.size()), value);
                }
                body = document.toString();
            } else if (kind == 2) {
                String text = document.toString();
                body = text.substring(0, random.nextInt(text.length()));
            } else {
                String text = document.toString();
                int at = random.nextInt(text.length());
                body = text.substring(0, at) + "\"'[{,:}]0-".charAt(random.nextInt(10)) + text.substring(at);
            }
            MvcTestResult answer = mvc.post().uri("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON)
                    .content(body).exchange();
            int status = answer.getMvcResult().getResponse().getStatus();
            String context = "seed " + seed + ", case " + i + ": " + body;
            assertThat(status).as(context).isIn(201, 400);
            if (status == 400) {
                assertThat(answer).as(context).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(models.list()).as(context).isEmpty();
            }
            models.list().forEach(model -> models.delete(model.id()));
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer() && !node.isEmpty()) {
            containers.add(node);
            node.values().forEach(child -> collect(child, containers));
        }
    }

    @Test
    void anUnknownTaskIsTheOneFaultReportedNotTheOutputLayerThatFollowsFromIt() {
        ObjectNode document = valid();
        architecture(document).put("task", "ranking");
        MvcTestResult answer = mvc.post().uri("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON)
                .content(document.toString()).exchange();
        assertThat(answer).hasStatus(400).bodyJson().extractingPath("$.errors[*].field")
                .isEqualTo(List.of("architecture.task"));
    }

    @Test
    void theValidDocumentImportsAndANameTooLongOrAnUnknownFieldIsRefused() {
        assertThat(mvc.post().uri("/api/v1/models/import?name=" + "n".repeat(201))
                .contentType(MediaType.APPLICATION_JSON).content(valid().toString())).hasStatus(400).bodyJson()
                .extractingPath("$.detail").isEqualTo("name has 201 characters; at most 200");
        ObjectNode extra = valid();
        extra.put("weightsFormat", "fp16");
        assertThat(mvc.post().uri("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON)
                .content(extra.toString())).hasStatus(400).bodyJson().extractingPath("$.detail").asString()
                .contains("weightsFormat");
        assertThat(models.list()).isEmpty();

        assertThat(mvc.post().uri("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON)
                .content(valid().toString())).hasStatus(201).bodyJson().extractingPath("$.name").isEqualTo("by-hand");
        models.list().forEach(model -> models.delete(model.id()));
    }
}
