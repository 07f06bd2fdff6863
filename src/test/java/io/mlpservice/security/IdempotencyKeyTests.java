package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on the requests that create: the same key and request answer the first
 * answer again and create nothing more, also while the job it started runs and when sent
 * concurrently; another request with the key answers 422; keys belong to the API key that sent them.
 */
@SecuredService
class IdempotencyKeyTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private HttpResponse<String> post(String path, String apiKey, String idempotencyKey, String contentType,
                                      String body) {
        HttpClientSupport client = new HttpClientSupport(port);
        HttpRequest.Builder request = client.request(path, apiKey).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return client.send(request);
    }

    private HttpResponse<String> postJson(String path, String apiKey, String idempotencyKey, String body) {
        return post(path, apiKey, idempotencyKey, "application/json", body);
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private int count(String path) {
        return body(new HttpClientSupport(port).send("GET", path, TestKeys.ADMIN, null)).size();
    }

    private static String model(String name) {
        return """
                {"name": "%s", "inputSize": 2, "hiddenLayers": [4], "classes": ["a", "b"], "seed": 1}""".formatted(name);
    }

    @Test
    void theSameKeyAndBodyAnswerTheFirstAnswerAgainAndCreateOneModel() {
        String key = UUID.randomUUID().toString();
        int before = count("/api/v1/models");

        HttpResponse<String> first = postJson("/api/v1/models", TestKeys.TRAINER, key, model("once"));
        HttpResponse<String> again = postJson("/api/v1/models", TestKeys.TRAINER, key, model("once"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(count("/api/v1/models")).isEqualTo(before + 1);

        HttpResponse<String> other = postJson("/api/v1/models", TestKeys.TRAINER, key, model("twice"));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(other).get("type").asString()).isEqualTo("urn:mlp-service:problem:idempotency-key-reused");
        assertThat(body(other).get("detail").asString()).isEqualTo("Idempotency-Key '" + key + "' was first sent "
                + "with another request (method, path, query or body); use a new key for a new request");

        // another API key has keys of its own
        HttpResponse<String> otherCaller = postJson("/api/v1/models", TestKeys.TRAINER_NEXT, key, model("once"));
        assertThat(otherCaller.statusCode()).isEqualTo(201);
        assertThat(body(otherCaller).get("id")).isNotEqualTo(body(first).get("id"));
        assertThat(count("/api/v1/models")).isEqualTo(before + 2);
    }

    @Test
    void aRepeatedJobSubmissionAnswersTheFirstJobWhileItRuns() {
        String modelId = body(postJson("/api/v1/models", TestKeys.TRAINER, null, model("job"))).get("id").asString();
        String job = """
                {"features": [[0, 0], [0, 1], [1, 0], [1, 1]], "labels": ["a", "b", "b", "a"], "epochs": 20}""";
        String key = UUID.randomUUID().toString();
        try (JobWatch watch = new JobWatch(events, jobs)) {
            watch.hold();
            HttpResponse<String> first = postJson("/api/v1/models/" + modelId + "/training-jobs", TestKeys.TRAINER,
                    key, job);
            assertThat(first.statusCode()).isEqualTo(202);
            String jobId = body(first).get("id").asString();
            watch.awaitFirstEpoch(jobId);

            HttpResponse<String> again = postJson("/api/v1/models/" + modelId + "/training-jobs", TestKeys.TRAINER,
                    key, job);

            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.headers().firstValue("Location")).hasValue("/api/v1/training-jobs/" + jobId);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(count("/api/v1/training-jobs?modelId=" + modelId)).isEqualTo(1);
            // without the key the same submission is a second job, refused while the first runs
            assertThat(postJson("/api/v1/models/" + modelId + "/training-jobs", TestKeys.TRAINER, null, job)
                    .statusCode()).isEqualTo(409);
            watch.release();
            watch.await(jobId, j -> j.status().isFinal());
        }
    }

    @Test
    void concurrentDuplicatesCreateOneDataset() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "concurrent-" + key;
        String csv = "a,b,label\n1,2,x\n3,4,y\n";
        int clients = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post("/api/v1/datasets?name=" + name + "&labelColumn=label", TestKeys.TRAINER, key,
                            "text/csv", csv);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(201, 409);
                if (response.statusCode() == 201) {
                    ids.add(body(response).get("id").asString());
                } else {
                    assertThat(body(response).get("type").asString())
                            .isEqualTo("urn:mlp-service:problem:idempotency-key-in-progress");
                }
            }
            assertThat(ids).isNotEmpty().allMatch(ids.getFirst()::equals);
        }
        JsonNode all = body(new HttpClientSupport(port).send("GET", "/api/v1/datasets", TestKeys.ADMIN, null));
        assertThat(all.valueStream().filter(d -> d.get("name").asString().equals(name)).count()).isEqualTo(1);
    }

    @Test
    void aFailedRequestKeepsNothingAndABadKeyIsRefused() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> refused = postJson("/api/v1/models", TestKeys.TRAINER, key, "{\"inputSize\": 0}");
        assertThat(refused.statusCode()).isEqualTo(400);
        HttpResponse<String> created = postJson("/api/v1/models", TestKeys.TRAINER, key, model("after-a-400"));
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> tooLong = postJson("/api/v1/models", TestKeys.TRAINER, "k".repeat(256), model("x"));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(body(tooLong).get("detail").asString())
                .isEqualTo("Idempotency-Key must be 1 to 255 visible ASCII characters");
        // a predictor may not create, with or without a key: nothing is stored for it
        assertThat(postJson("/api/v1/models", TestKeys.PREDICTOR, key, model("x")).statusCode()).isEqualTo(403);
    }
}
