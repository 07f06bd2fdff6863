package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.model.ModelService;
import io.mlpservice.training.LossHistoryService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded random damage to valid requests (values of the wrong type, NaN and infinite numbers in
 * every spelling, nulls, deep nesting, missing, extra and misspelt fields, truncated bodies),
 * sent through the real HTTP stack to each POST endpoint: the answer is always a 2xx for what is
 * still valid, or a 4xx problem+json that changed nothing; never a 5xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mlp.limits.max-request-size=256KB", "mlp.training.queue-capacity=1000"})
class RequestFuzzTests {

    private static final long SEED = 20261128L;
    private static final int CASES = 300;

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private ModelService models;

    @Autowired
    private LossHistoryService history;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String[] HOSTILE = {
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e999", "-1e999", "1e39", "null", "true", "\"text\"", "{}", "[]",
        "[[]]", "[null]", "-1", "0", "2147483648", "99999999999999999999999", "1.5", "-0.0", "\"\"",
        "[" .repeat(600) + "]".repeat(600), "{\"a\": " .repeat(300) + "1" + "}".repeat(300),
    };

    /** Stands where a hostile value goes; replaced in the text, so that even what no parser takes can be sent. */
    private static final String MARK = "@@hostile@@";

    private static JsonNode mark() {
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(MARK);
    }

    /** One random change to a valid body, or a structural break of its text. */
    private String damage(ObjectNode valid, SplittableRandom random) {
        String hostile = HOSTILE[random.nextInt(HOSTILE.length)];
        return damageWith(valid, random).replace("\"" + MARK + "\"", hostile);
    }

    private String damageWith(ObjectNode valid, SplittableRandom random) {
        ObjectNode body = valid.deepCopy();
        List<String> fields = new ArrayList<>(body.propertyNames());
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(6)) {
            case 0 -> body.set(field, mark());
            case 1 -> body.remove(field);
            case 2 -> body.set(field + (random.nextBoolean() ? "s" : "_"), mark());
            case 3 -> {
                JsonNode value = body.get(field);
                if (value instanceof ArrayNode array && !array.isEmpty()) {
                    int index = random.nextInt(array.size());
                    if (array.get(index) instanceof ArrayNode row && !row.isEmpty() && random.nextBoolean()) {
                        row.set(random.nextInt(row.size()), mark());
                    } else {
                        array.set(index, mark());
                    }
                } else {
                    body.set(field, mark());
                }
            }
            case 4 -> {
                String text = body.toString();
                return text.substring(0, random.nextInt(text.length()));
            }
            default -> {
                String text = body.toString();
                int at = random.nextInt(text.length());
                return text.substring(0, at) + "\"'[{,:}]".charAt(random.nextInt(8)) + text.substring(at);
            }
        }
        return body.toString();
    }

    @Test
    void damagedRequestsGetProblemsNeverServerErrorsAndChangeNothing() throws Exception {
        ObjectNode model = (ObjectNode) json.readTree("""
                {"name": "fuzz", "inputSize": 3, "hiddenLayers": [4], "activation": "tanh",
                 "classes": ["a", "b"], "outputSize": 2, "seed": 1}""");
        String modelId = json.readTree(post("/api/v1/models", model.toString()).body()).get("id").asString();
        ObjectNode training = (ObjectNode) json.readTree("""
                {"features": [[1, 2, 3], [3, 2, 1], [0, 0, 1], [1, 1, 0]], "labels": ["a", 1, "a", "b"],
                 "epochs": 2, "learningRate": 0.1, "batchSize": 2, "optimizer": "momentum", "momentum": 0.5,
                 "nesterov": true, "l2": 0.001, "validationSplit": 0.5, "standardize": false, "shuffle": true,
                 "earlyStopping": {"patience": 3, "minDelta": 0.01}, "seed": 4}""");
        ObjectNode prediction = (ObjectNode) json.readTree("{\"inputs\": [[1, 2, 3], [0, 0, 0]]}");

        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < CASES; i++) {
            int endpoint = random.nextInt(3);
            String path = switch (endpoint) {
                case 0 -> "/api/v1/models";
                case 1 -> "/api/v1/models/" + modelId + "/training-jobs";
                default -> "/api/v1/models/" + modelId + "/predictions";
            };
            String body = damage(endpoint == 0 ? model : endpoint == 1 ? training : prediction, random);
            int modelsBefore = models.list().size();
            long historyBefore = history.page(modelId, null, 0L, 1).total();
            HttpResponse<String> response = post(path, body);
            String context = "seed " + SEED + ", case " + i + ": POST " + path + " " + body.substring(0, Math.min(300, body.length()));
            assertThat(response.statusCode()).as(context).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertThat(response.headers().firstValue("Content-Type")).as(context)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode problem = json.readTree(response.body());
                assertThat(problem.get("type").asString()).as(context).startsWith("urn:mlp-service:problem:");
                assertThat(problem.get("detail").asString()).as(context).isNotBlank()
                        .doesNotContain("Exception", "tools.jackson", "io.mlpservice", "java.");
                assertThat(models.list()).as(context).hasSize(modelsBefore);
                assertThat(history.page(modelId, null, 0L, 1).total()).as(context).isEqualTo(historyBefore);
            } else if (endpoint == 1) {
                awaitIdle(modelId);      // a still-valid job: let it finish before the next case
            }
        }
    }

    private void awaitIdle(String modelId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (models.get(modelId).activeJobId() != null) {
            assertThat(System.nanoTime()).as("the fuzz model's job did not finish").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
