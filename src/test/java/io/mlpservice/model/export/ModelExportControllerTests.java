package io.mlpservice.model.export;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.model.LossPoint;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Export and import through the API: a version exported and imported predicts the same bits,
 * its ONNX export agrees with our predictions in ONNX Runtime, the version asked for is the one
 * exported, and the OpenAPI example imports as it says.
 */
class ModelExportControllerTests extends ExportSlice {

    /** Every hidden activation the service runs, and a stack that mixes them. */
    static final String[] STACKS = {"identity", "relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu", "mixed"};

    /**
     * The hidden layers of a stack: 8 and 5 units of one activation, or for "mixed" 8 gelu units
     * that drop 20% while training, 5 leaky_relu and 6 elu under a tanh default none of them uses;
     * "linear" has none.
     */
    static String hiddenLayers(String stack) {
        if (stack.equals("linear")) {
            return "[]";
        }
        return stack.equals("mixed")
                ? "[{\"units\": 8, \"activation\": \"gelu\", \"dropout\": 0.2}, "
                        + "{\"units\": 5, \"activation\": \"leaky_relu\"}, {\"units\": 6, \"activation\": \"elu\"}], "
                        + "\"activation\": \"tanh\""
                : "[8, 5], \"activation\": \"" + stack + "\"";
    }

    /** The document's layers of a stack: each hidden layer's units and activation, then the output layer. */
    static String documentLayers(String stack, String output) {
        if (stack.equals("linear")) {
            return "[" + output + "]";
        }
        String hidden = stack.equals("mixed")
                ? "{\"units\":8,\"activation\":\"gelu\"},{\"units\":5,\"activation\":\"leaky_relu\"},"
                        + "{\"units\":6,\"activation\":\"elu\"}"
                : "{\"units\":8,\"activation\":\"" + stack + "\"},{\"units\":5,\"activation\":\"" + stack + "\"}";
        return "[" + hidden + "," + output + "]";
    }

    /** A model of 4 features, the stack's hidden layers and 3 classes, with a version of seeded weights. */
    private String trainedModel(String stack, long seed) {
        MvcTestResult created = mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"flowers " + stack + "\", \"inputSize\": 4, \"hiddenLayers\": "
                        + hiddenLayers(stack) + ", \"classes\": [\"a\", \"b\", \"c\"]}").exchange();
        assertThat(created).hasStatus(201);
        String id = body(created).get("id").asString();
        publish(id, seed);
        return id;
    }

    /** A version as a finished job would publish it: seeded weights and a seeded standardisation. */
    private Network publish(String id, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return publish(id, seed, Standardizer.of(Documents.uniform(random, FEATURES, -3, 3),
                Documents.uniform(random, FEATURES, 0.2, 4)));
    }

    private Network publish(String id, long seed, Standardizer standardizer) {
        var spec = registry.get(id).spec();
        Network network = new Network(spec, Network.initialize(spec, seed).parameters(), standardizer, matMul);
        registry.claim(id, "job-" + seed);
        registry.publish(id, "job-" + seed, network, new LossPoint("job-" + seed, 12, 0.25, 0.875, 0.5, 0.75, null, null, 3.5, null),
                Instant.parse("2026-11-30T10:00:00Z"));
        return network;
    }

    private MvcTestResult importDocument(String document, String query) {
        return mvc.post().uri("/api/v1/models/import" + query).contentType(MediaType.APPLICATION_JSON)
                .content(document).exchange();
    }

    @ParameterizedTest
    @FieldSource("STACKS")
    void anExportedVersionImportsAsANewModelThatPredictsTheSameBits(String activation) {
        String original = trainedModel(activation, 11);
        MvcTestResult exported = mvc.get().uri("/api/v1/models/" + original + "/export").exchange();
        assertThat(exported).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        JsonNode document = body(exported);
        assertThat(document.get("format").asString()).isEqualTo("mlp-service.model");
        assertThat(document.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(document.at("/architecture/layers").toString())
                .isEqualTo(documentLayers(activation, "{\"units\":3,\"activation\":\"softmax\"}"));
        assertThat(document.at("/architecture/classes").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(document.at("/standardization/targets").isNull()).isTrue();
        // 8x4 weights of 4 bytes in base64: 128 bytes, 172 characters with padding
        assertThat(document.at("/parameters/0/weights").asString()).hasSize(172);

        MvcTestResult imported = importDocument(document.toString(), "?name=copy");
        assertThat(imported).hasStatus(201);
        JsonNode model = body(imported);
        String copy = model.get("id").asString();
        assertThat(imported).headers().hasValue("Location", "/api/v1/models/" + copy);
        assertThat(model.get("name").asString()).isEqualTo("copy");
        assertThat(model.get("status").asString()).isEqualTo("TRAINED");
        assertThat(model.get("servingVersion").asInt()).isEqualTo(1);
        JsonNode originalLayers = body(mvc.get().uri("/api/v1/models/" + original).exchange()).get("layers");
        for (int l = 0; l < originalLayers.size(); l++) {
            assertThat(model.at("/layers/" + l + "/units")).isEqualTo(originalLayers.get(l).get("units"));
            assertThat(model.at("/layers/" + l + "/activation")).isEqualTo(originalLayers.get(l).get("activation"));
        }
        assertThat(model.get("layers").size()).isEqualTo(originalLayers.size());
        if (activation.equals("mixed")) {
            // dropout and the default activation play no part in a prediction: the document leaves them out
            assertThat(originalLayers.at("/0/dropout").asDouble()).isEqualTo(0.2, offset(1e-7));
            assertThat(model.at("/layers/0/dropout").asDouble()).isZero();
            assertThat(model.get("activation").asString()).isEqualTo("gelu");
        } else {
            assertThat(model.get("activation").asString()).isEqualTo(activation);
        }
        assertThat(model.at("/metrics/validationAccuracy").asDouble()).isEqualTo(0.75);
        assertThat(model.at("/links/export").asString()).isEqualTo("/api/v1/models/" + copy + "/export");

        // one row (the row-by-row path) and a batch (the blocked path): the same bits, printed the same
        for (String rows : new String[] {"[[5.1, 3.5, 1.4, 0.2]]", randomRows(40, 5)}) {
            assertThat(predictions(copy, rows).toString()).isEqualTo(predictions(original, rows).toString());
        }
        float[] x = Documents.uniform(new SplittableRandom(9), 64 * FEATURES, -10, 10);
        assertThat(registry.serving(registry.get(copy), registry.get(copy).serving()).predictProbabilities(x, 64))
                .isEqualTo(registry.serving(registry.get(original), registry.get(original).serving())
                        .predictProbabilities(x, 64));

        // and exported again, the same parameters and checksum
        JsonNode again = body(mvc.get().uri("/api/v1/models/" + copy + "/export").exchange());
        assertThat(again.get("parameters")).isEqualTo(document.get("parameters"));
        assertThat(again.get("standardization")).isEqualTo(document.get("standardization"));
        assertThat(again.get("parametersSha256")).isEqualTo(document.get("parametersSha256"));
    }

    @ParameterizedTest
    @FieldSource("STACKS")
    void theOnnxExportAgreesWithOurPredictionsInOnnxRuntime(String activation) throws Exception {
        String id = trainedModel(activation, 23);
        MvcTestResult exported = mvc.get().uri("/api/v1/models/" + id + "/export?format=onnx").exchange();
        assertThat(exported).hasStatusOk().hasContentType(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(exported).headers().hasValue("Content-Disposition",
                "attachment; filename=\"flowers_" + activation + "-v1.onnx\"");
        byte[] onnx = exported.getMvcResult().getResponse().getContentAsByteArray();

        int rows = 50;
        float[] x = Documents.uniform(new SplittableRandom(3), rows * FEATURES, -6, 6);
        OnnxRuntimeRunner.Run run = OnnxRuntimeRunner.run(onnx, "probabilities", x, rows, FEATURES);
        assertThat(run.metadata()).containsEntry("classes", "[\"a\",\"b\",\"c\"]");
        float[] ours = registry.serving(registry.get(id), registry.get(id).serving()).predictProbabilities(x, rows);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < 3; k++) {
                assertThat(run.output()[r][k]).as("row %d class %d", r, k).isCloseTo(ours[r * 3 + k], offset(1e-5f));
            }
        }
    }

    @Test
    void aModelWithoutHiddenLayersOrStandardisationGoesOutAndComesBackToo() throws Exception {
        String id = body(mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"linear\", \"inputSize\": 4, \"hiddenLayers\": [], \"activation\": \"tanh\", "
                        + "\"classes\": [\"a\", \"b\", \"c\"]}").exchange()).get("id").asString();
        Network network = publish(id, 8, Standardizer.identity(FEATURES));
        JsonNode document = body(mvc.get().uri("/api/v1/models/" + id + "/export").exchange());
        assertThat(document.at("/architecture/layers").toString()).isEqualTo("[{\"units\":3,\"activation\":\"softmax\"}]");
        assertThat(document.at("/standardization/inputs").isNull()).isTrue();

        MvcTestResult imported = importDocument(document.toString(), "");
        assertThat(imported).hasStatus(201);
        String copy = body(imported).get("id").asString();
        String rows = randomRows(7, 2);
        assertThat(predictions(copy, rows).toString()).isEqualTo(predictions(id, rows).toString());

        byte[] onnx = mvc.get().uri("/api/v1/models/" + id + "/export?format=onnx").exchange().getMvcResult()
                .getResponse().getContentAsByteArray();
        float[] x = Documents.uniform(new SplittableRandom(4), 10 * FEATURES, -6, 6);
        float[][] runtime = OnnxRuntimeRunner.run(onnx, "probabilities", x, 10, FEATURES).output();
        float[] ours = network.predictProbabilities(x, 10);
        for (int r = 0; r < 10; r++) {
            for (int k = 0; k < 3; k++) {
                assertThat(runtime[r][k]).isCloseTo(ours[r * 3 + k], offset(1e-5f));
            }
        }
    }

    @Test
    void exportsTheServingVersionOrTheOneNamed() {
        String id = trainedModel("relu", 1);
        publish(id, 2);
        JsonNode serving = body(mvc.get().uri("/api/v1/models/" + id + "/export").exchange());
        JsonNode first = body(mvc.get().uri("/api/v1/models/" + id + "/export?version=1&format=json").exchange());
        assertThat(serving.at("/source/version").asInt()).isEqualTo(2);
        assertThat(first.at("/source/version").asInt()).isEqualTo(1);
        assertThat(first.at("/source/modelId").asString()).isEqualTo(id);
        assertThat(first.get("parametersSha256")).isNotEqualTo(serving.get("parametersSha256"));
        assertThat(mvc.get().uri("/api/v1/models/" + id + "/export?version=1&format=onnx")).headers()
                .hasValue("Content-Disposition", "attachment; filename=\"flowers_relu-v1.onnx\"");

        assertProblem(mvc.get().uri("/api/v1/models/" + id + "/export?version=9").exchange(), 404,
                "version-not-found", "model '" + id + "' has no version 9");
        assertInvalid(mvc.get().uri("/api/v1/models/" + id + "/export?format=xml").exchange(), "format",
                "format 'xml' is not one of json, onnx");
        assertThat(mvc.get().uri("/api/v1/models/nope/export")).hasStatus(404);
        String untrained = body(mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputSize\": 2, \"classes\": [\"x\", \"y\"]}").exchange()).get("id").asString();
        assertThat(mvc.get().uri("/api/v1/models/" + untrained + "/export")).hasStatus(409);
    }

    @Test
    void everyFloat32OfAStandardisationComesBackFromItsJsonNumberWithTheSameBits() {
        // random bit patterns: every exponent, subnormals included; the JSON number is the shortest
        // decimal that names the float, which the service reads back to that float
        SplittableRandom random = new SplittableRandom(17);
        float[] values = new float[20_000];
        for (int i = 0; i < values.length; i++) {
            float value;
            do {
                value = Float.intBitsToFloat(random.nextInt());
            } while (!Float.isFinite(value));
            values[i] = value;
        }
        var scaling = new PortableModel.InputScaling(values, values);
        String text = json.writeValueAsString(scaling);
        var back = json.readValue(text, PortableModel.InputScaling.class);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(back.means()[i])).as("%s", values[i])
                    .isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void theDocumentedExampleImportsAndPredictsWhatItsNumbersSay() {
        MvcTestResult imported = importDocument(ModelExportController.IMPORT_EXAMPLE, "");
        assertThat(imported).hasStatus(201);
        JsonNode model = body(imported);
        assertThat(model.get("name").asString()).isEqualTo("xor-like");
        assertThat(model.get("hiddenLayers").toString()).isEqualTo("[3]");
        assertThat(model.get("metrics").isNull()).isTrue();
        // (0.5, 0.5) standardises to (0, 0): the hidden layer is tanh of its biases (0.1, -0.2, 0.05)
        double[] h = {Math.tanh(0.1), Math.tanh(-0.2), Math.tanh(0.05)};
        double no = 1.0 * h[0] - 2.0 * h[1] + 0.5 * h[2];
        double yes = -1.0 * h[0] + 2.0 * h[1] - 0.5 * h[2] + 0.25;
        double pYes = 1 / (1 + Math.exp(no - yes));
        JsonNode prediction = predictions(model.get("id").asString(), "[[0.5, 0.5]]").get(0);
        assertThat(prediction.at("/probabilities/yes").asDouble()).isCloseTo(pYes, offset(1e-6));
        assertThat(prediction.get("label").asString()).isEqualTo(pYes > 0.5 ? "yes" : "no");
    }
}
