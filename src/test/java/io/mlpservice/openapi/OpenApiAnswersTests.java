package io.mlpservice.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.TrainingJobService;
import io.mlpservice.web.RawHttp;
import java.nio.charset.StandardCharsets;
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
 * validation split, a running job's stop reason).
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
        List<String> headers = body == null ? List.of() : List.of("Content-Type: application/json");
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
            assertThat(plain.get("validationLoss").isNull()).isTrue();
            call("GET", "/api/v1/training-jobs?modelId=" + id + "&status=SUCCEEDED", null, 200);
            call("GET", "/api/v1/models/" + id + "/loss-history?jobId=" + second + "&limit=5", null, 200);
            call("GET", "/api/v1/models/" + id + "/loss-history?limit=0", null, 400);
            call("GET", "/api/v1/models/" + id + "/versions/1", null, 200);
            call("PUT", "/api/v1/models/" + id + "/serving-version", "{\"version\": 1}", 200);
            call("POST", "/api/v1/models/" + id + "/predictions", inputs, 200);
            call("POST", "/api/v1/models/" + id + "/predictions?version=2", inputs, 200);
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
