package io.mlpservice.model;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.engine.Network;
import io.mlpservice.insight.DriftMonitor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(ModelController.class)
@Import({WebSliceConfiguration.class, ModelService.class, DriftMonitor.class, ModelRegistry.class})
@TestPropertySource(properties = {
    "mlp.limits.max-hidden-layers=3",
    "mlp.limits.max-layer-units=1000",
    "mlp.limits.max-parameters=20000",
    "mlp.limits.max-prediction-rows=3",
    "mlp.limits.max-request-size=4KB",
    "mlp.limits.max-models=5"
})
class ModelControllerTests {

    private static final String IRIS = """
            {"name": "iris", "inputSize": 4, "hiddenLayers": [16, 8], "activation": "relu",
             "classes": ["setosa", "versicolor", "virginica"], "seed": 42}""";

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private ModelRegistry registry;

    @Autowired
    private JsonMapper json;

    @BeforeEach
    void emptyRegistry() {
        registry.all().forEach(model -> registry.remove(model.id()));
    }

    private MvcTestResult post(String uri, String body) {
        return mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private String createIris() {
        MvcTestResult created = post("/api/v1/models", IRIS);
        assertThat(created).hasStatus(201);
        return json.readTree(created.getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
    }

    /** Gives a model a version as a finished job would, without training; returns its weights. */
    private Network giveWeights(String id) {
        Network network = Network.initialize(registry.get(id).spec(), 1);
        registry.claim(id, "job-1");
        registry.publish(id, "job-1", network, new LossPoint("job-1", 3, 0.25, 0.9, null, null, null, null, 1.0, null),
                Instant.parse("2026-11-28T10:00:00Z"));
        return network;
    }

    @Test
    void createsAModelWith201LocationAndItsArchitecture() {
        MvcTestResult created = post("/api/v1/models", IRIS);
        assertThat(created).hasStatus(201);
        String id = json.readTree(created.getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
        assertThat(created).hasHeader("Location", "/api/v1/models/" + id);
        assertThat(created).bodyJson().extractingPath("$.name").isEqualTo("iris");
        assertThat(created).bodyJson().extractingPath("$.inputSize").isEqualTo(4);
        assertThat(created).bodyJson().extractingPath("$.hiddenLayers").isEqualTo(List.of(16, 8));
        assertThat(created).bodyJson().extractingPath("$.activation").isEqualTo("relu");
        assertThat(created).bodyJson().extractingPath("$.classes").isEqualTo(List.of("setosa", "versicolor", "virginica"));
        // 4·16+16 + 16·8+8 + 8·3+3
        assertThat(created).bodyJson().extractingPath("$.parameterCount").isEqualTo(243);
        assertThat(created).bodyJson().extractingPath("$.status").isEqualTo("UNTRAINED");
        assertThat(created).bodyJson().extractingPath("$.seed").isEqualTo(42);
        assertThat(created).bodyJson().extractingPath("$.createdAt").asString().isNotBlank();
        assertThat(created).bodyJson().extractingPath("$.trainedAt").isNull();
        assertThat(created).bodyJson().extractingPath("$.metrics").isNull();
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void outputSizeStandsForNumberedClassesAndDefaultsFillTheRest() {
        MvcTestResult created = post("/api/v1/models", """
                {"inputSize": 2, "outputSize": 3}""");
        assertThat(created).hasStatus(201);
        assertThat(created).bodyJson().extractingPath("$.classes").isEqualTo(List.of("0", "1", "2"));
        assertThat(created).bodyJson().extractingPath("$.hiddenLayers").isEqualTo(List.of(100));
        assertThat(created).bodyJson().extractingPath("$.activation").isEqualTo("relu");
        assertThat(created).bodyJson().extractingPath("$.name").asString().hasSize(36);
    }

    @Test
    void listsModelsOldestFirstAndAnEmptyRegistryAsAnEmptyList() {
        assertThat(mvc.get().uri("/api/v1/models")).hasStatusOk().bodyJson().isEqualTo("[]");
        String first = createIris();
        String second = createIris();
        assertThat(mvc.get().uri("/api/v1/models")).hasStatusOk().bodyJson()
                .extractingPath("$[*].id").isEqualTo(List.of(first, second));
    }

    @Test
    void getsAModelAndAnswers404ForAnUnknownId() {
        String id = createIris();
        assertThat(mvc.get().uri("/api/v1/models/" + id)).hasStatusOk().bodyJson().extractingPath("$.id").isEqualTo(id);
        assertProblem(mvc.get().uri("/api/v1/models/nope").exchange(), 404, "model-not-found",
                "no model with id 'nope'");
    }

    @Test
    void deletesAModelWith204ThenItIsGone() {
        String id = createIris();
        MvcTestResult deleted = mvc.delete().uri("/api/v1/models/" + id).exchange();
        assertThat(deleted).hasStatus(204);
        assertThat(deleted.getMvcResult().getResponse().getContentAsByteArray()).isEmpty();
        assertProblem(mvc.get().uri("/api/v1/models/" + id).exchange(), 404, "model-not-found",
                "no model with id '" + id + "'");
        assertProblem(mvc.delete().uri("/api/v1/models/" + id).exchange(), 404, "model-not-found",
                "no model with id '" + id + "'");
    }

    @Test
    void refusesInvalidModelsNamingTheFieldAndChangesNothing() {
        Map<String, String[]> cases = Map.ofEntries(
                Map.entry("{\"inputSize\": 4, \"classes\": [\"a\"]}",
                        new String[] {"classes", "classes has 1 class; a classifier needs at least 2"}),
                Map.entry("{\"inputSize\": 4, \"classes\": [\"a\", \"b\", \"a\"]}",
                        new String[] {"classes[2]", "classes[2] 'a' appears more than once"}),
                Map.entry("{\"inputSize\": 0, \"outputSize\": 2}",
                        new String[] {"inputSize", "inputSize must be greater than 0"}),
                Map.entry("{\"inputSize\": 4, \"outputSize\": 2, \"hiddenLayers\": [8, -1]}",
                        new String[] {"hiddenLayers[1]", "hiddenLayers[1] must be greater than 0"}),
                Map.entry("{\"inputSize\": 4, \"outputSize\": 2, \"activation\": \"swish\"}",
                        new String[] {"activation", "activation 'swish' is not one of sigmoid, relu, tanh, identity, "
                                + "leaky_relu, elu, gelu"}),
                Map.entry("{\"inputSize\": 4, \"outputSize\": 3, \"classes\": [\"a\", \"b\"]}",
                        new String[] {"outputSize", "outputSize 3 disagrees with the 2 classes given"}),
                Map.entry("{\"inputSize\": 4}",
                        new String[] {"classes", "classes is required (or outputSize, for unnamed classes)"}),
                Map.entry("{\"classes\": [\"a\", \"b\"]}",
                        new String[] {"inputSize", "inputSize is required"}),
                Map.entry("{\"inputSize\": 4, \"outputSize\": 2, \"hiddenLayers\": [2, 2, 2, 2]}",
                        new String[] {"hiddenLayers", "hiddenLayers has 4 layers; the limit is 3 (mlp.limits.max-hidden-layers)"}),
                Map.entry("{\"inputSize\": 4, \"outputSize\": 2, \"hiddenLayers\": [1001]}",
                        new String[] {"hiddenLayers[0]", "hiddenLayers[0] has 1001 units; the limit is 1000 (mlp.limits.max-layer-units)"}),
                Map.entry("{\"inputSize\": 500, \"outputSize\": 2, \"hiddenLayers\": [100]}",
                        new String[] {"hiddenLayers", "the model would have 50,302 parameters; the limit is 20,000 (mlp.limits.max-parameters)"}),
                Map.entry("{\"inputSize\": \"4\", \"outputSize\": 2}",
                        new String[] {"inputSize", "inputSize must be an integer, was a string"}),
                Map.entry("{\"inputSize\": 4.5, \"outputSize\": 2}",
                        new String[] {"inputSize", "inputSize must be an integer, was 4.5"}),
                Map.entry("{\"inputSize\": 4, \"outputSize\": 2, \"seed\": 1e3}",
                        new String[] {"seed", "seed must be an integer, was 1e3"}),
                Map.entry("{\"inputSize\": 4, \"outputSize\": 2, \"hiddenlayers\": [3]}",
                        new String[] {"hiddenlayers", "hiddenlayers is not a field of this request; expected one of "
                                + "activation, classes, hiddenLayers, inputSize, name, outputSize, seed, task"}),
                Map.entry("[1, 2]", new String[] {"", "the body must be an object"}));
        cases.forEach((body, expected) -> assertInvalid(post("/api/v1/models", body), expected[0], expected[1]));
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void refusesMalformedJsonWrongMediaTypeAndUnsupportedMethods() {
        assertProblem(post("/api/v1/models", "{\"inputSize\": 4,"), 400, "malformed-json",
                "the body is not valid JSON: Unexpected end-of-input within/between Object entries (line 1, column 17)");
        assertProblem(mvc.post().uri("/api/v1/models").contentType(MediaType.TEXT_PLAIN).content(IRIS).exchange(),
                415, "unsupported-media-type", "Content-Type 'text/plain' is not supported; send application/json");
        assertProblem(mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON).exchange(),
                400, "invalid-input", "the request body is missing; send a JSON object");
        String id = createIris();
        assertProblem(mvc.put().uri("/api/v1/models/" + id).contentType(MediaType.APPLICATION_JSON).content(IRIS)
                .exchange(), 405, "method-not-allowed", "PUT is not supported here; use DELETE or GET");
        assertProblem(mvc.get().uri("/api/v1/nothing-here").exchange(), 404, "not-found",
                "no endpoint at GET /api/v1/nothing-here");
        assertThat(registry.all()).hasSize(1);
    }

    @Test
    void refusesABodyOverTheSizeLimitWith413() {
        String big = "{\"name\": \"" + "x".repeat(5000) + "\", \"inputSize\": 4, \"outputSize\": 2}";
        assertProblem(post("/api/v1/models", big), 413, "payload-too-large",
                "the request body exceeds the limit of 4096 bytes (mlp.limits.max-request-size)");
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void refusesModelsBeyondTheRegistryCapacityWith409() {
        for (int i = 0; i < 5; i++) {
            createIris();
        }
        assertProblem(post("/api/v1/models", IRIS), 409, "registry-full",
                "the registry already holds 5 models, its limit (mlp.limits.max-models); delete one first");
        assertThat(registry.all()).hasSize(5);
    }

    @Test
    void predictsTheMostProbableClassWithEveryProbability() {
        String id = createIris();
        Network network = giveWeights(id);
        MvcTestResult answer = post("/api/v1/models/" + id + "/predictions",
                "{\"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}");
        assertThat(answer).hasStatusOk();
        var body = json.readTree(answer.getMvcResult().getResponse().getContentAsByteArray());
        assertThat(body.get("modelId").asString()).isEqualTo(id);
        assertThat(body.get("jobId").asString()).isEqualTo("job-1");
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("predictions")).hasSize(2);
        float[] expected = network.predictProbabilities(new float[] {5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f}, 2);
        List<String> classes = List.of("setosa", "versicolor", "virginica");
        for (int r = 0; r < 2; r++) {
            var prediction = body.get("predictions").get(r);
            double total = 0;
            int best = 0;
            for (int c = 0; c < 3; c++) {
                double p = prediction.get("probabilities").get(classes.get(c)).asDouble();
                assertThat((float) p).isEqualTo(expected[r * 3 + c]);     // written as the float it is
                total += p;
                if (expected[r * 3 + c] > expected[r * 3 + best]) {
                    best = c;
                }
            }
            assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(prediction.get("classIndex").asInt()).isEqualTo(best);
            assertThat(prediction.get("label").asString()).isEqualTo(classes.get(best));
        }
        assertThat(post("/api/v1/models/" + id + "/predictions", "{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}"))
                .hasStatusOk().bodyJson().extractingPath("$.predictions.length()").isEqualTo(1);
    }

    @Test
    void predictionBeforeAnyTrainingIsAConflict() {
        String id = createIris();
        assertProblem(post("/api/v1/models/" + id + "/predictions", "{\"inputs\": [[5.1, 3.5, 1.4, 0.2]]}"),
                409, "model-not-trained", "model '" + id + "' has no trained weights yet; submit a training job for it "
                        + "first");
    }

    @Test
    void refusesInvalidPredictionInputsByRowAndValue() {
        String id = createIris();
        giveWeights(id);
        String uri = "/api/v1/models/" + id + "/predictions";
        assertInvalid(post(uri, "{\"inputs\": [[1, 2, 3, 4], [1, 2, 3]]}"), "inputs[1]",
                "inputs[1] has 3 values; the model expects 4");
        assertInvalid(post(uri, "{\"inputs\": [[1, 2, 3, \"NaN\"]]}"), "inputs[0][3]",
                "inputs[0][3] must be a number, was a string");
        assertInvalid(post(uri, "{\"inputs\": [[1, 2, 1e999, 4]]}"), "inputs[0][2]",
                "inputs[0][2] must be a finite number, was 1e999");
        assertInvalid(post(uri, "{\"inputs\": [[1, 2, 1e39, 4]]}"), "inputs[0][2]",
                "inputs[0][2] is outside the float32 range (±3.4e38), was 1e39");
        assertInvalid(post(uri, "{\"inputs\": [null]}"), "inputs[0]",
                "inputs[0] must not be null; a row is an array of numbers");
        assertInvalid(post(uri, "{\"inputs\": []}"), "inputs", "inputs has no rows; send at least one");
        assertInvalid(post(uri, "{\"inputs\": [[1,2,3,4],[1,2,3,4],[1,2,3,4],[1,2,3,4]]}"), "inputs",
                "inputs has 4 rows; the limit is 3 a request (mlp.limits.max-prediction-rows)");
        assertInvalid(post(uri, "{}"), "inputs", "inputs is required");
        assertInvalid(post(uri, "{\"inputs\": [[3e38, -3e38, 3e38, 3e38]]}"), "inputs[0]",
                "inputs[0] holds values so far from the training data that the network's arithmetic overflows");
        assertProblem(post("/api/v1/models/nope/predictions", "{\"inputs\": [[1, 2, 3, 4]]}"), 404,
                "model-not-found", "no model with id 'nope'");
    }

    /** The prediction body has its own reader (the hot path); it keeps the rules of every other body. */
    @Test
    void readsPredictionBodiesAsStrictlyAsAnyOther() {
        String id = createIris();
        giveWeights(id);
        String uri = "/api/v1/models/" + id + "/predictions";
        assertInvalid(post(uri, "{\"inputs\": [[1, 2, 3, 4]], \"instances\": [[1, 2, 3, 4]]}"), "instances",
                "instances is another name of inputs; give one of them");
        assertInvalid(post(uri, "{\"inputs\": [[1, 2, 3, 4]], \"inputs\": [[1, 2, 3, 4]]}"), "inputs",
                "inputs appears more than once in its object; give each field once");
        assertInvalid(post(uri, "{\"inputs\": null}"), "inputs",
                "inputs must not be null; an optional field is left out to take its default");
        assertInvalid(post(uri, "{\"input\": [[1, 2, 3, 4]]}"), "input",
                "input is not a field of this request; expected one of inputs, instances");
        assertInvalid(post(uri, "{\"inputs\": [[1, 2, 3, 4]], \"" + "v".repeat(1000) + "\": 1}"),
                "v".repeat(60) + "…", "v".repeat(60) + "… is not a field of this request; expected one of inputs, instances");
        assertInvalid(post(uri, "[[1, 2, 3, 4]]"), "", "the body must be an object");
        assertInvalid(post(uri, "null"), "", "the body must not be null; send an object with inputs");
        assertInvalid(post(uri, ""), "", "the request body is missing; send a JSON object");
        assertInvalid(post(uri, "{\"inputs\": \"[[1, 2, 3, 4]]\"}"), "inputs",
                "inputs must be an array of rows, each an array of numbers");
        assertProblem(post(uri, "{\"inputs\": [[1, 2, 3, 4]]} {}"), 400, "malformed-json",
                "the body holds more than one JSON value; send a single object");
        assertThat(post(uri, "{\"inputs\": [[1, 2, 3, 4]")).hasStatus(400).bodyJson()
                .extractingPath("$.type").isEqualTo("urn:mlp-service:problem:malformed-json");
        assertProblem(mvc.post().uri(uri).contentType(MediaType.TEXT_PLAIN).content("{\"inputs\": [[1, 2, 3, 4]]}")
                .exchange(), 415, "unsupported-media-type", "Content-Type 'text/plain' is not supported; send application/json");
        assertProblem(mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_HTML)
                .content("{\"inputs\": [[1, 2, 3, 4]]}").exchange(), 406, "not-acceptable",
                "Acceptable representations: [application/json].");
        assertThat(post(uri, "{\"inputs\": [[5.1, 3.5, 1.4, 0.2]]}")).hasStatusOk().contentType()
                .isEqualTo(MediaType.APPLICATION_JSON);
    }

    @Test
    void aTrainedModelShowsItsWeightsFigures() {
        String id = createIris();
        giveWeights(id);
        MvcTestResult model = mvc.get().uri("/api/v1/models/" + id).exchange();
        assertThat(model).bodyJson().extractingPath("$.status").isEqualTo("TRAINED");
        assertThat(model).bodyJson().extractingPath("$.servingVersion").isEqualTo(1);
        assertThat(model).bodyJson().extractingPath("$.latestVersion").isEqualTo(1);
        assertThat(model).bodyJson().extractingPath("$.trainedAt").isEqualTo("2026-11-28T10:00:00Z");
        assertThat(model).bodyJson().extractingPath("$.metrics.jobId").isEqualTo("job-1");
        assertThat(model).bodyJson().extractingPath("$.metrics.epoch").isEqualTo(3);
        assertThat(model).bodyJson().extractingPath("$.metrics.trainingLoss").isEqualTo(0.25);
        assertThat(model).bodyJson().extractingPath("$.metrics.validationLoss").isNull();
    }

}
