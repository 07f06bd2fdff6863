package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobStatus;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluations, feature importance and drift with keys on, on the iris model trained through the
 * API: a predictor's key is enough for all three, no key gets 401; and the trained model scores
 * as it should on its own training rows.
 */
@SecuredService
class InsightAccessTests {

    @LocalServerPort
    private int port;
    @Autowired
    private JsonMapper json;
    @Autowired
    private JobEvents events;
    @Autowired
    private TrainingJobService jobs;

    @Test
    void aPredictorEvaluatesMeasuresImportanceAndReadsDriftOfATrainedModel() throws Exception {
        HttpClientSupport http = new HttpClientSupport(port);
        String model = json.readTree(http.send("POST", "/api/v1/models", TestKeys.TRAINER, """
                {"name": "iris", "inputSize": 4, "hiddenLayers": [16, 8], "activation": "relu",
                 "classes": ["setosa", "versicolor", "virginica"], "seed": 42}""").body()).get("id").asString();
        ObjectNode iris = (ObjectNode) json.readTree(Files.readString(Path.of("examples/iris-training-job.json")));
        try (JobWatch watch = new JobWatch(events, jobs)) {
            HttpResponse<String> submitted = http.send("POST", "/api/v1/models/" + model + "/training-jobs",
                    TestKeys.TRAINER, iris.toString());
            assertThat(submitted.statusCode()).isEqualTo(202);
            watch.awaitStatus(json.readTree(submitted.body()).get("id").asString(), JobStatus.SUCCEEDED);
        }
        String data = json.createObjectNode().set("features", iris.get("features")).toString();
        String labelled = ((ObjectNode) json.readTree(data)).set("labels", iris.get("labels")).toString();

        String evaluations = "/api/v1/models/" + model + "/evaluations";
        assertThat(http.send("POST", evaluations, null, labelled).statusCode()).isEqualTo(401);
        HttpResponse<String> evaluated = http.send("POST", evaluations, TestKeys.PREDICTOR, labelled);
        assertThat(evaluated.statusCode()).isEqualTo(200);
        JsonNode evaluation = json.readTree(evaluated.body());
        assertThat(evaluation.get("rows").asInt()).isEqualTo(150);
        assertThat(evaluation.get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(evaluation.get("perClass").get("setosa").get("support").asInt()).isEqualTo(50);

        // the same flowers stored from examples/iris.csv and evaluated by id: the same answer
        HttpResponse<String> uploaded = http.send(http.request("/api/v1/datasets?name=iris&labelColumn=species",
                TestKeys.TRAINER).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Path.of("examples/iris.csv")))));
        assertThat(uploaded.statusCode()).isEqualTo(201);
        String dataset = json.readTree(uploaded.body()).get("id").asString();
        HttpResponse<String> byId = http.send("POST", evaluations, TestKeys.PREDICTOR,
                "{\"datasetId\": \"" + dataset + "\"}");
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(json.readTree(byId.body())).isEqualTo(evaluation);

        String importance = "/api/v1/models/" + model + "/feature-importance";
        String request = ((ObjectNode) json.readTree(labelled)).put("repeats", 3).put("seed", 7).toString();
        assertThat(http.send("POST", importance, null, request).statusCode()).isEqualTo(401);
        HttpResponse<String> measured = http.send("POST", importance, TestKeys.PREDICTOR, request);
        assertThat(measured.statusCode()).isEqualTo(200);
        JsonNode ranked = json.readTree(measured.body()).get("features");
        // iris is told apart by its petals: one of the two petal measures comes first
        assertThat(ranked.get(0).get("index").asInt()).isIn(2, 3);
        assertThat(ranked.get(0).get("meanDecrease").asDouble()).isGreaterThan(0.1);

        String drift = "/api/v1/models/" + model + "/drift";
        assertThat(http.send("GET", drift, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> predicted = http.send("POST", "/api/v1/models/" + model + "/predictions",
                TestKeys.PREDICTOR, "{\"inputs\": " + iris.get("features") + "}");
        assertThat(predicted.statusCode()).isEqualTo(200);
        HttpResponse<String> report = http.send("GET", drift, TestKeys.PREDICTOR, null);
        assertThat(report.statusCode()).isEqualTo(200);
        JsonNode driftReport = json.readTree(report.body());
        assertThat(driftReport.get("rows").asInt()).isEqualTo(150);
        // the very rows it was trained on (the training part of them): no feature drifted
        assertThat(driftReport.get("drifted").asBoolean()).isFalse();
        assertThat(driftReport.get("features").get(2).get("shift").asDouble()).isBetween(-0.2, 0.2);
    }
}
