package io.mlpservice.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.LocalApi;
import io.mlpservice.LocalApi.Reply;
import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobStatus;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Open Inference Protocol (V2) as its specification writes it (kserve/open-inference-protocol,
 * inference_rest.md): the health, server and model metadata, model readiness and inference
 * endpoints, with requests and expected bodies written from the specification's JSON objects and
 * examples; and its errors, {@code {"error": "..."}} with a 4xx status, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mlp.limits.max-request-size=64KB")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceProtocolTests {

    /** Three classes in two dimensions that a small network separates. */
    private static final String TRAINING = """
            {"features": [[0, 0], [0.1, 0.2], [3, 3], [3.2, 2.9], [-3, 3], [-2.9, 3.1]],
             "labels": ["a", "a", "b", "b", "c", "c"], "epochs": 300, "learningRate": 0.05}""";

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private JobWatch watch;
    private String trained;
    private String untrained;

    @BeforeAll
    void trainAModel() {
        watch = new JobWatch(events, jobs);
        trained = createModel("oip-" + port);
        untrained = createModel("oip-untrained-" + port);
        train(trained);
    }

    @AfterAll
    void stopWatching() {
        watch.close();
    }

    private String createModel(String name) {
        Reply created = send("POST", "/api/v1/models", """
                {"name": "%s", "inputSize": 2, "hiddenLayers": [8], "activation": "tanh",
                 "classes": ["a", "b", "c"], "seed": 1}""".formatted(name), "application/json");
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    private void train(String modelId) {
        Reply job = send("POST", "/api/v1/models/" + modelId + "/training-jobs", TRAINING, "application/json");
        assertThat(job.status()).isEqualTo(202);
        watch.awaitStatus(job.body().get("id").asString(), JobStatus.SUCCEEDED);
    }

    private Reply send(String method, String path, String body, String contentType) {
        return LocalApi.send(port, json, method, path, body, contentType);
    }

    private Reply get(String path) {
        return send("GET", path, null, null);
    }

    private Reply infer(String path, String body) {
        return send("POST", path, body, "application/json");
    }

    /** The protocol's error object: a 4xx status and a body that holds one string, "error". */
    private String assertError(Reply reply, int status) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body().propertyNames()).containsExactly("error");
        assertThat(reply.body().get("error").isString()).isTrue();
        return reply.body().get("error").asString();
    }

    @Test
    void theServerIsLiveAndReadyAndDescribesItself() {
        Reply live = get("/v2/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).isEqualTo(json.readTree("{\"live\": true}"));
        Reply ready = get("/v2/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo(json.readTree("{\"ready\": true}"));
        Reply server = get("/v2");
        assertThat(server.status()).isEqualTo(200);
        assertThat(server.body().get("name").asString()).isEqualTo("mlp-service");
        assertThat(server.body().get("version").asString()).isNotBlank();
        assertThat(server.body().get("extensions").isArray()).isTrue();
    }

    @Test
    void modelMetadataNamesTheTensorsWithMinusOneForTheBatch() {
        Reply byId = get("/v2/models/" + trained);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.body()).isEqualTo(json.readTree("""
                {"name": "oip-%d", "versions": ["1"], "platform": "mlpservice_mlp",
                 "inputs": [{"name": "input", "datatype": "FP32", "shape": [-1, 2]}],
                 "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 3]},
                             {"name": "label", "datatype": "BYTES", "shape": [-1]}]}""".formatted(port)));
        assertThat(get("/v2/models/oip-" + port).body()).isEqualTo(byId.body());
        assertThat(get("/v2/models/oip-" + port + "/versions/1").body()).isEqualTo(byId.body());
    }

    @Test
    void aModelIsReadyOnceAVersionServes() {
        Reply ready = get("/v2/models/" + trained + "/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo(json.readTree("{\"name\": \"" + trained + "\", \"ready\": true}"));
        assertThat(get("/v2/models/" + trained + "/versions/1/ready").status()).isEqualTo(200);
        Reply notReady = get("/v2/models/" + untrained + "/ready");
        assertThat(notReady.status()).isEqualTo(400);
        assertThat(notReady.body().get("ready").asBoolean()).isFalse();
        assertThat(assertError(get("/v2/models/" + trained + "/versions/9/ready"), 404)).contains("9");
    }

    @Test
    void infersFromFlatDataAndAnswersEveryOutputInTheSpecificationsShape() {
        Reply reply = infer("/v2/models/" + trained + "/infer", """
                {"id": "42",
                 "inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP32", "data": [0, 0, 3, 3]}]}""");
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        JsonNode body = reply.body();
        assertThat(body.get("model_name").asString()).isEqualTo("oip-" + port);
        assertThat(body.get("model_version").asString()).isEqualTo("1");
        assertThat(body.get("id").asString()).isEqualTo("42");
        JsonNode probabilities = body.get("outputs").get(0);
        assertThat(probabilities.get("name").asString()).isEqualTo("probabilities");
        assertThat(probabilities.get("datatype").asString()).isEqualTo("FP32");
        assertThat(probabilities.get("shape")).isEqualTo(json.readTree("[2, 3]"));
        JsonNode data = probabilities.get("data");
        assertThat(data.size()).isEqualTo(6);
        for (int row = 0; row < 2; row++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += data.get(row * 3 + c).asDouble();
            }
            assertThat(sum).as("row %d", row).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(data.get(0).asDouble()).isGreaterThan(0.9);   // [0, 0] is class a
        assertThat(data.get(4).asDouble()).isGreaterThan(0.9);   // [3, 3] is class b
        JsonNode labels = body.get("outputs").get(1);
        assertThat(labels).isEqualTo(json.readTree("""
                {"name": "label", "shape": [2], "datatype": "BYTES", "data": ["a", "b"]}"""));
        assertThat(body.get("outputs").size()).isEqualTo(2);
    }

    @Test
    void nestedDataAndFp64GiveTheAnswerOfFlatFp32Data() {
        String flat = """
                {"inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP32", "data": [-3, 3, 0.1, 0.2]}]}""";
        String nested = """
                {"inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP64", "data": [[-3, 3], [0.1, 0.2]]}]}""";
        JsonNode fromFlat = infer("/v2/models/" + trained + "/infer", flat).body().get("outputs");
        JsonNode fromNested = infer("/v2/models/" + trained + "/infer", nested).body().get("outputs");
        assertThat(fromNested).isEqualTo(fromFlat);
        assertThat(fromFlat.get(1).get("data")).isEqualTo(json.readTree("[\"c\", \"a\"]"));
    }

    @Test
    void answersOnlyTheOutputsAskedForInTheirOrder() {
        Reply reply = infer("/v2/models/" + trained + "/infer", """
                {"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP32", "data": [[3, 3]]}],
                 "outputs": [{"name": "label"}, {"name": "probabilities", "parameters": {"binary_data": false}}]}""");
        assertThat(reply.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.body().get("outputs").forEach(output -> names.add(output.get("name").asString()));
        assertThat(names).containsExactly("label", "probabilities");
        assertThat(reply.body().has("id")).isFalse();
    }

    @Test
    void aVersionAnswersFromItsOwnWeights() {
        Reply v1 = infer("/v2/models/" + trained + "/versions/1/infer", """
                {"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP32", "data": [0, 0]}]}""");
        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.body().get("model_version").asString()).isEqualTo("1");
        assertThat(assertError(infer("/v2/models/" + trained + "/versions/7/infer", """
                {"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP32", "data": [0, 0]}]}"""), 404))
                .contains("version 7");
        assertThat(assertError(infer("/v2/models/" + trained + "/versions/v10/infer", """
                {"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP32", "data": [0, 0]}]}"""), 404))
                .contains("'v10'");
    }

    @Test
    void aNameSharedByTwoModelsIsRefusedNamingTheirIds() {
        String first = createModel("twin-" + port);
        String second = createModel("twin-" + port);
        String error = assertError(get("/v2/models/twin-" + port), 400);
        assertThat(error).contains(first, second);
        assertThat(get("/v2/models/" + first).status()).isEqualTo(200);
    }

    @Test
    void theSpecificationsOwnExampleRequestIsRefusedForTheInputsThisModelDoesNotHave() {
        String example = """
                {
                  "id" : "42",
                  "inputs" : [
                    {"name" : "input0", "shape" : [ 2, 2 ], "datatype" : "UINT32", "data" : [ 1, 2, 3, 4 ]},
                    {"name" : "input1", "shape" : [ 3 ], "datatype" : "BOOL", "data" : [ true ]}
                  ],
                  "outputs" : [{"name" : "output0"}]
                }""";
        assertThat(assertError(infer("/v2/models/" + trained + "/infer", example), 400))
                .contains("2 tensors", "'input'");
    }

    @Test
    void tensorsThatDoNotFitTheModelAreRefusedNamingTheField() {
        String path = "/v2/models/" + trained + "/infer";
        assertThat(assertError(infer(path, tensor("\"INT64\"", "[1, 2]", "[1, 2]")), 400))
                .contains("inputs[0].datatype", "FP32 or FP64");
        assertThat(assertError(infer(path, tensor("\"FP32\"", "[1, 3]", "[1, 2, 3]")), 400))
                .contains("inputs[0].shape", "[1, 3]");
        assertThat(assertError(infer(path, tensor("\"FP32\"", "[2, 2]", "[1, 2, 3]")), 400))
                .contains("inputs[0].data", "4 numbers");
        assertThat(assertError(infer(path, tensor("\"FP32\"", "[2, 2]", "[[1, 2], [3]]")), 400))
                .contains("inputs[0].data[1]", "rectangular");
        assertThat(assertError(infer(path, tensor("\"FP32\"", "[1, 2]", "[1, \"2\"]")), 400))
                .contains("inputs[0].data[1]", "must be a number");
        assertThat(assertError(infer(path, tensor("\"FP32\"", "[1, 2]", "[1, 1e999]")), 400))
                .contains("inputs[0].data[1]", "finite");
        assertThat(assertError(infer(path, tensor("\"FP64\"", "[1, 2]", "[1, 1e300]")), 400))
                .contains("inputs[0].data[1]", "float32");
        assertThat(assertError(infer(path, tensor("\"FP32\"", "[0, 2]", "[]")), 400))
                .contains("at least one");
        assertThat(assertError(infer(path, """
                {"inputs": [{"name": "input", "shape": [1, 2], "datatype": "FP32", "data": [1, 2]}],
                 "outputs": [{"name": "logits"}]}"""), 400)).contains("outputs[0].name", "probabilities, label");
        assertThat(assertError(infer(path, "{\"inputs\": []}"), 400)).contains("one tensor");
        assertThat(assertError(infer(path, "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 2], "
                + "\"datatype\": \"FP32\", \"data\": [1, 2], \"colour\": 1}]}"), 400)).contains("colour");
        assertThat(assertError(infer(path, "{\"inputs\": [{"), 400)).contains("not valid JSON");
    }

    private static String tensor(String datatype, String shape, String data) {
        return "{\"inputs\": [{\"name\": \"input\", \"shape\": " + shape + ", \"datatype\": " + datatype
                + ", \"data\": " + data + "}]}";
    }

    @Test
    void errorsOutsideTheInferenceItselfAreTheProtocolsErrorsToo() {
        String request = tensor("\"FP32\"", "[1, 2]", "[1, 2]");
        assertThat(assertError(infer("/v2/models/nobody/infer", request), 404)).contains("'nobody'");
        assertThat(assertError(get("/v2/models/nobody"), 404)).contains("'nobody'");
        assertThat(assertError(infer("/v2/models/" + untrained + "/infer", request), 409)).contains("no trained");
        assertThat(assertError(send("POST", "/v2/models/" + trained + "/infer", request, "text/plain"), 415))
                .contains("application/json");
        assertThat(assertError(get("/v2/models/" + trained + "/infer"), 405)).contains("POST");
        assertThat(assertError(get("/v2/nothing/here"), 404)).contains("/v2/nothing/here");
        String huge = tensor("\"FP32\"", "[1, 2]", "[1, 2" + ", 0".repeat(40_000) + "]");
        assertThat(assertError(infer("/v2/models/" + trained + "/infer", huge), 413)).contains("limit");
    }

    /** Values a careless or hostile client puts where a valid one belongs; some no parser takes. */
    private static final String[] HOSTILE = {
        "null", "true", "\"x\"", "\"NaN\"", "NaN", "1e999", "-1", "0", "18446744073709551616", "1.5", "[]", "{}",
        "[[]]", "[null]", "[[1, 2], [3]]", "[\"a\", \"b\"]", "{\"name\": 1}", "[" .repeat(600) + "]".repeat(600),
    };

    @Test
    void damagedInferenceRequestsAreAnsweredWithTheProtocolsErrorNeverAServerError() {
        String valid = """
                {"id": "7", "parameters": {"a": 1},
                 "inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP32", "data": [[0, 0], [3, 3]]}],
                 "outputs": [{"name": "label"}]}""";
        long seed = 20261130L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 150; round++) {
            ObjectNode body = (ObjectNode) json.readTree(valid);
            ObjectNode tensor = (ObjectNode) body.get("inputs").get(0);
            ObjectNode target = random.nextBoolean() ? body : tensor;
            List<String> fields = new ArrayList<>(target.propertyNames());
            String field = fields.get(random.nextInt(fields.size()));
            String hostile = HOSTILE[random.nextInt(HOSTILE.length)];
            String text;
            switch (random.nextInt(4)) {
                case 0 -> {
                    target.remove(field);
                    text = body.toString();
                }
                case 1 -> {
                    target.put(field + "_", "@@");
                    text = body.toString().replace("\"@@\"", hostile);
                }
                case 2 -> {
                    String whole = body.toString();
                    text = whole.substring(0, random.nextInt(whole.length()));
                }
                default -> {
                    target.put(field, "@@");
                    text = body.toString().replace("\"@@\"", hostile);
                }
            }
            Reply reply = infer("/v2/models/" + trained + "/infer", text);
            String context = "seed " + seed + ", round " + round + ": " + text.substring(0, Math.min(200, text.length()));
            assertThat(reply.status()).as(context).isLessThan(500);
            if (reply.status() != 200) {
                assertThat(reply.status()).as(context).isBetween(400, 499);
                assertThat(reply.body().propertyNames()).as(context).containsExactly("error");
            }
        }
    }
}
