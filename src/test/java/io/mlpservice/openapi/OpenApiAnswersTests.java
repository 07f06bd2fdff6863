package io.mlpservice.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.TrainingJobService;
import io.mlpservice.web.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's answers against its own OpenAPI document, through the life of a model: every
 * operation of the document is called, with success and with its usual errors, and every answer
 * has a status the operation lists and a body valid against the schema the document gives for it
 * (nullable fields included: an untrained model's metrics, a job without early stopping or
 * validation split, a running job's stop reason). The operations added since (datasets as JSON and
 * CSV, evaluations, feature importance, drift, export as JSON and ONNX, import, the job event
 * stream) are called the same way; an ONNX file and an event stream are not JSON, and are checked
 * by their media type and as {@link #events} says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mlp.security.enabled=false", "mlp.storage.dir="})
class OpenApiAnswersTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private ApiDocument document;
    private AnswerValidator validator;
    private RawHttp http;
    private final Set<String> answered = new HashSet<>();

    /** Sends the request, checks the answer against the document, and returns it after checking its status. */
    private RawHttp.Response call(String method, String target, String body, int status) {
        return call(method, target, "application/json", body, status);
    }

    private RawHttp.Response call(String method, String target, String contentType, String body, int status) {
        List<String> headers = body == null ? List.of() : List.of("Content-Type: " + contentType);
        RawHttp.Response answer = http.send(method, target.getBytes(StandardCharsets.UTF_8), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        ApiDocument.Operation operation = document.operations().stream()
                .filter(o -> o.method().equals(method.toLowerCase(Locale.ROOT)))
                .filter(o -> o.path().equals(document.template(path).orElse("")))
                .findFirst().orElseThrow(() -> new AssertionError("no operation for " + method + " " + path));
        answered.add(operation.toString());
        String as = method + " " + target + " answered " + answer.status() + ": " + answer.body();
        assertThat(answer.status()).as(as).isEqualTo(status);
        assertThat(validator.check(operation, answer.status(), answer.header("Content-Type"), answer.body())).as(as)
                .isEmpty();
        return answer;
    }

    private JsonNode example(String operationPointer) {
        return Examples.of(document, document.at(operationPointer + "/requestBody/content/application~1json/schema"),
                new SplittableRandom(1));
    }

    @Test
    void everyAnswerThroughTheLifeOfAModelIsTheOneTheDocumentDescribes() throws Exception {
        http = new RawHttp(port);
        document = new ApiDocument(json.readTree(http.send("GET", "/v3/api-docs").body()));
        validator = new AnswerValidator(document, json);
        try (JobsQuiet quiet = new JobsQuiet(events, jobs)) {
            String model = example("/paths/~1api~1v1~1models/post").toString();
            String id = json.readTree(call("POST", "/api/v1/models", model, 201).body()).get("id").asString();
            JsonNode untrained = json.readTree(call("GET", "/api/v1/models/" + id, null, 200).body());
            assertThat(untrained.get("metrics").isNull()).isTrue();
            call("GET", "/api/v1/models", null, 200);
            call("GET", "/api/v1/models/" + id + "/versions", null, 200);
            String inputs = example("/paths/" + ApiDocument.escape("/api/v1/models/{id}/predictions") + "/post").toString();
            call("POST", "/api/v1/models/" + id + "/predictions", inputs, 409);

            String jobsPath = "/api/v1/models/" + id + "/training-jobs";
            ObjectNode training = (ObjectNode) example("/paths/" + ApiDocument.escape("/api/v1/models/{modelId}/training-jobs")
                    + "/post");
            JsonNode queued = json.readTree(call("POST", jobsPath, training.toString(), 202).body());
            assertThat(queued.get("stopReason").isNull()).isTrue();
            String first = queued.get("id").asString();
            quiet.await();
            training.remove(List.of("earlyStopping", "validationSplit"));
            String second = json.readTree(call("POST", jobsPath, training.toString(), 202).body()).get("id").asString();
            quiet.await();
            JsonNode plain = json.readTree(call("GET", "/api/v1/training-jobs/" + second, null, 200).body());
            assertThat(plain.get("hyperparameters").get("earlyStopping").isNull()).isTrue();
            // the example's "warmStart": true goes on from the version the first job made
            assertThat(plain.get("warmStartedFromVersion").asInt()).isEqualTo(1);
            assertThat(plain.get("validationLoss").isNull()).isTrue();
            call("GET", "/api/v1/training-jobs?modelId=" + id + "&status=SUCCEEDED", null, 200);
            call("GET", "/api/v1/models/" + id + "/loss-history?jobId=" + second + "&limit=5", null, 200);
            call("GET", "/api/v1/models/" + id + "/loss-history?limit=0", null, 400);
            call("GET", "/api/v1/models/" + id + "/versions/1", null, 200);
            call("PUT", "/api/v1/models/" + id + "/serving-version", "{\"version\": 1}", 200);
            call("POST", "/api/v1/models/" + id + "/predictions", inputs, 200);
            call("POST", "/api/v1/models/" + id + "/predictions?version=2", inputs, 200);
            insight(id, training);
            portable(id);
            events(second);
            call("POST", "/api/v1/training-jobs/" + first + "/cancel", null, 409);
            call("DELETE", "/api/v1/models/" + id + "/versions/1", null, 409);
            call("DELETE", "/api/v1/models/" + id + "/versions/2", null, 204);
            call("GET", "/api/v1/models/" + id + "/versions/2", null, 404);
            call("POST", "/api/v1/models", "{\"inputSize\": 0}", 400);
            call("GET", "/api/v1/training-jobs/nope", null, 404);
            call("DELETE", "/api/v1/models/" + id, null, 204);
            call("GET", "/api/v1/models/" + id, null, 404);
        }
        assertThat(answered).as("every operation of the document answered")
                .containsAll(document.operations().stream().map(ApiDocument.Operation::toString).toList());
    }

    /** Datasets sent as JSON and as CSV, and the model's evaluation, feature importance and drift on them. */
    private void insight(String id, JsonNode training) {
        JsonNode features = training.get("features");
        JsonNode labels = training.get("labels");
        ObjectNode rows = json.createObjectNode();
        rows.set("features", features);
        rows.set("labels", labels);
        String fromJson = json.readTree(call("POST", "/api/v1/datasets", rows.deepCopy().put("name", "rows").toString(),
                201).body()).get("id").asString();
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < features.get(0).size(); j++) {
            csv.append('f').append(j).append(',');
        }
        csv.append("label\n");
        for (int i = 0; i < features.size(); i++) {
            features.get(i).forEach(x -> csv.append(x.asString()).append(','));
            csv.append(labels.get(i).asString()).append('\n');
        }
        String fromCsv = json.readTree(call("POST", "/api/v1/datasets?name=table&labelColumn=label", "text/csv",
                csv.toString(), 201).body()).get("id").asString();
        call("POST", "/api/v1/datasets?labelColumn=label", "text/csv", "f0,label\n1\n", 400);
        call("POST", "/api/v1/datasets", "{\"name\": \"no rows\"}", 400);
        call("GET", "/api/v1/datasets", null, 200);
        call("GET", "/api/v1/datasets/" + fromCsv, null, 200);

        String models = "/api/v1/models/" + id;
        call("POST", models + "/evaluations", "{\"datasetId\": \"" + fromJson + "\"}", 200);
        call("POST", models + "/evaluations", rows.toString(), 200);
        call("POST", models + "/evaluations", "{\"datasetId\": \"6b1f6f8e-0000-4000-8000-000000000000\"}", 404);
        call("POST", models + "/feature-importance", "{\"datasetId\": \"" + fromCsv + "\", \"repeats\": 2, "
                + "\"seed\": 7}", 200);
        call("POST", models + "/feature-importance", "{\"datasetId\": \"" + fromCsv + "\", \"repeats\": 0}", 400);
        call("GET", models + "/drift", null, 200);
        call("GET", models + "/drift?version=2", null, 200);

        call("DELETE", "/api/v1/datasets/" + fromJson, null, 204);
        call("GET", "/api/v1/datasets/" + fromJson, null, 404);
        call("DELETE", "/api/v1/datasets/" + fromJson, null, 404);
    }

    /** Export as JSON and as ONNX, and the exported document imported as it is, its nulls included. */
    private void portable(String id) {
        String export = "/api/v1/models/" + id + "/export";
        RawHttp.Response exported = call("GET", export, null, 200);
        JsonNode portable = json.readTree(exported.body());
        assertThat(portable.at("/standardization/targets").isNull()).as("a classifier's targets").isTrue();
        assertThat(portable.at("/architecture/outputSize").isNull()).as("a classifier's output size").isTrue();
        call("POST", "/api/v1/models/import?name=copy", exported.body(), 201);
        call("POST", "/api/v1/models/import", "{\"format\": \"mlp-service.model\"}", 400);
        RawHttp.Response onnx = call("GET", export + "?format=onnx&version=1", null, 200);
        assertThat(onnx.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(onnx.header("Content-Disposition")).contains(".onnx");
        assertThat(onnx.body()).isNotEmpty();
        call("GET", export + "?format=xml", null, 400);
    }

    /**
     * The event stream of a finished job, read to its end. The document gives its body as a string
     * ({@code text/event-stream}) and its events in the operation's description, so the validator
     * checks the media type and this reads the events one by one: each {@code epoch} event's data
     * valid against the {@code LossPoint} schema with the epoch as its id, epochs 1, 2, 3... in
     * order; the {@code status} event's data valid against {@code TrainingJobResponse}; and
     * {@code end} last, with the status the job ended with.
     */
    private void events(String jobId) {
        RawHttp.Response stream = call("GET", "/api/v1/training-jobs/" + jobId + "/events", null, 200);
        List<String> kinds = new ArrayList<>();
        // the example body warm-starts: the second job numbers its epochs on after the first's
        int epochs = json.readTree(call("GET", "/api/v1/training-jobs/" + jobId, null, 200).body())
                .get("firstEpoch").asInt() - 1;
        for (String block : stream.body().split("\n\n")) {
            if (block.isBlank() || block.startsWith(":")) {
                continue;       // a heartbeat comment
            }
            String event = "";
            String eventId = null;
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length());
                } else if (line.startsWith("id:")) {
                    eventId = line.substring("id:".length());
                } else if (line.startsWith("data:")) {
                    data.append(line.substring("data:".length()));
                }
            }
            kinds.add(event);
            JsonNode payload = json.readTree(data.toString());
            switch (event) {
                case "epoch" -> {
                    epochs++;
                    assertThat(validator.check("/components/schemas/LossPoint", payload)).as(block).isEmpty();
                    assertThat(eventId).as(block).isEqualTo(Integer.toString(epochs));
                    assertThat(payload.get("epoch").asInt()).as(block).isEqualTo(epochs);
                }
                case "status" -> assertThat(validator.check("/components/schemas/TrainingJobResponse", payload))
                        .as(block).isEmpty();
                case "end" -> assertThat(payload.get("status").asString()).as(block).isEqualTo("SUCCEEDED");
                default -> throw new AssertionError("an event the document does not describe: " + block);
            }
        }
        assertThat(epochs).as("epoch events").isPositive();
        assertThat(kinds).as("events").contains("status").last().isEqualTo("end");
        call("GET", "/api/v1/training-jobs/6b1f6f8e-0000-4000-8000-000000000000/events", null, 404);
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeIsCaught() {
        http = new RawHttp(port);
        document = new ApiDocument(json.readTree(http.send("GET", "/v3/api-docs").body()));
        validator = new AnswerValidator(document, json);
        ApiDocument.Operation get = document.operations().stream()
                .filter(o -> o.toString().equals("GET /api/v1/models/{id}")).findFirst().orElseThrow();
        assertThat(validator.check(get, 200, "application/json", "{\"inputSize\": \"four\"}")).isNotEmpty();
        assertThat(validator.check(get, 200, "application/json", "{\"metrics\": 5}")).isNotEmpty();
        assertThat(validator.check(get, 200, "application/json", "{\"metrics\": null, \"status\": \"TRAINED\"}"))
                .isEmpty();
        assertThat(validator.check(get, 418, "application/json", "{}")).singleElement().asString()
                .contains("answered 418, which the document does not list");
        assertThat(validator.check(get, 404, "text/html", "<html></html>")).singleElement().asString()
                .contains("answered text/html");
        assertThat(validator.check(AnswerValidator.PROBLEM, json.readTree("{\"status\": \"400\"}"))).isNotEmpty();
    }
}
