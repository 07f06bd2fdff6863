package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warm start through the API: two jobs of 50 epochs, the second with {@code "warmStart": true},
 * give the predictions, final losses and loss history of one job of 100, to the last bit, for
 * each optimizer; a warm start on a model never trained is a cold start; an imported version goes
 * on with a fresh optimizer; and what cannot be continued is refused with a 400 naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarmStartEndToEndTests {

    private static final String MODEL = """
            {"name": "%s", "inputSize": 4, "hiddenLayers": [8], "classes": ["a", "b", "c"], "seed": 11}""";
    private static final String INPUTS = "{\"inputs\": [[0.5, -1, 2, 0.1], [3, 0.2, -0.7, 1.5], [-2, -2, 0.3, 0.9]]}";

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private JobWatch watch;

    @BeforeAll
    void watchJobs() {
        watch = new JobWatch(events, jobs);
    }

    @AfterAll
    void stopWatching() {
        watch.close();
    }

    /** 90 rows of 4 features, three overlapping classes: the loss keeps moving for 100 epochs. */
    private ObjectNode rows() {
        SplittableRandom random = new SplittableRandom(5);
        ObjectNode body = json.createObjectNode();
        ArrayNode features = body.putArray("features");
        ArrayNode labels = body.putArray("labels");
        for (int r = 0; r < 90; r++) {
            int c = r % 3;
            ArrayNode row = features.addArray();
            for (int j = 0; j < 4; j++) {
                row.add((j == c ? 1.5 : 0) + random.nextGaussian());
            }
            labels.add(List.of("a", "b", "c").get(c));
        }
        return body;
    }

    private ObjectNode job(String optimizer, int epochs, boolean warmStart) {
        ObjectNode body = rows();
        body.put("epochs", epochs).put("batchSize", 16).put("optimizer", optimizer).put("validationSplit", 0.2)
                .put("seed", 7).put("warmStart", warmStart);
        return body;
    }

    private String model(String name) {
        Reply created = send("POST", "/api/v1/models", MODEL.formatted(name));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    /** Submits the job, waits for its end and returns its final view. */
    private JsonNode train(String model, ObjectNode body) {
        Reply submitted = send("POST", "/api/v1/models/" + model + "/training-jobs", body.toString());
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(202);
        String id = submitted.body().get("id").asString();
        watch.awaitStatus(id, JobStatus.SUCCEEDED);
        return send("GET", "/api/v1/training-jobs/" + id, null).body();
    }

    private JsonNode predictions(String model) {
        Reply reply = send("POST", "/api/v1/models/" + model + "/predictions", INPUTS);
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        return reply.body().get("predictions");
    }

    /** The job's loss history, each point without its job id and duration: the figures a user compares. */
    private List<JsonNode> history(String model, String job) {
        JsonNode page = send("GET", "/api/v1/models/" + model + "/loss-history?jobId=" + job, null).body();
        List<JsonNode> points = new ArrayList<>();
        for (JsonNode point : page.get("points")) {
            ObjectNode figures = (ObjectNode) point.deepCopy();
            figures.remove(List.of("jobId", "durationMillis"));
            points.add(figures);
        }
        return points;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "momentum", "adam"})
    void twoWarmStartedJobsOfFiftyEpochsEndBitIdenticalToOneJobOfAHundred(String optimizer) {
        String halves = model("halves-" + optimizer);
        String whole = model("whole-" + optimizer);
        JsonNode first = train(halves, job(optimizer, 50, false));

        JsonNode second = train(halves, job(optimizer, 50, true));
        JsonNode hundred = train(whole, job(optimizer, 100, false));

        assertThat(first.get("warmStartedFromVersion").isNull()).isTrue();
        assertThat(second.get("warmStart").asBoolean()).isTrue();
        assertThat(second.get("warmStartedFromVersion").asInt()).isEqualTo(1);
        assertThat(second.get("firstEpoch").asInt()).isEqualTo(51);
        assertThat(second.get("epochsPlanned").asInt()).isEqualTo(50);
        assertThat(second.get("epochsCompleted").asInt()).isEqualTo(50);
        assertThat(second.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(second.get("bestEpoch").asInt()).isEqualTo(100);
        assertThat(second.get("version").asInt()).isEqualTo(2);
        for (String figure : List.of("trainingLoss", "trainingAccuracy", "validationLoss", "validationAccuracy")) {
            assertThat(second.get(figure)).as(figure).isEqualTo(hundred.get(figure));
        }
        List<JsonNode> continued = history(halves, second.get("id").asString());
        List<JsonNode> reference = history(whole, hundred.get("id").asString());
        assertThat(continued.getFirst().get("epoch").asInt()).isEqualTo(51);
        assertThat(continued).isEqualTo(reference.subList(50, 100));
        assertThat(predictions(halves)).isEqualTo(predictions(whole));
    }

    @Test
    void aWarmStartFromAStoredDatasetGoesOnAsFromTheSameRowsSentInline() {
        ObjectNode rows = rows();
        ObjectNode stored = json.createObjectNode().put("name", "ninety rows");
        stored.set("features", rows.get("features"));
        stored.set("labels", rows.get("labels"));
        Reply dataset = send("POST", "/api/v1/datasets", stored.toString());
        assertThat(dataset.status()).as("%s", dataset.body()).isEqualTo(201);
        ObjectNode fromDataset = job("adam", 30, true);
        fromDataset.remove(List.of("features", "labels"));
        fromDataset.put("datasetId", dataset.body().get("id").asString());
        String halves = model("dataset-halves");
        String whole = model("dataset-whole");
        train(halves, job("adam", 30, false));

        JsonNode second = train(halves, fromDataset);
        JsonNode sixty = train(whole, job("adam", 60, false));

        assertThat(second.get("warmStartedFromVersion").asInt()).isEqualTo(1);
        assertThat(second.get("firstEpoch").asInt()).isEqualTo(31);
        assertThat(second.get("validationLoss")).isEqualTo(sixty.get("validationLoss"));
        assertThat(predictions(halves)).isEqualTo(predictions(whole));
    }

    @Test
    void aWarmStartOnAModelNeverTrainedIsAColdStart() {
        String warm = model("never-trained-warm");
        String cold = model("never-trained-cold");

        JsonNode warmJob = train(warm, job("adam", 20, true));
        JsonNode coldJob = train(cold, job("adam", 20, false));

        assertThat(warmJob.get("warmStart").asBoolean()).isTrue();
        assertThat(warmJob.get("warmStartedFromVersion").isNull()).isTrue();
        assertThat(warmJob.get("firstEpoch").asInt()).isEqualTo(1);
        assertThat(coldJob.get("warmStart").asBoolean()).isFalse();
        assertThat(warmJob.get("trainingLoss")).isEqualTo(coldJob.get("trainingLoss"));
        assertThat(predictions(warm)).isEqualTo(predictions(cold));
    }

    @Test
    void anImportedVersionGoesOnFromItsWeightsWithAFreshOptimizer() {
        String trained = model("to-export");
        JsonNode original = train(trained, job("adam", 60, false));
        Reply exported = send("GET", "/api/v1/models/" + trained + "/export", null);
        Reply imported = send("POST", "/api/v1/models/import?name=imported", exported.body().toString());
        assertThat(imported.status()).as("%s", imported.body()).isEqualTo(201);
        String copy = imported.body().get("id").asString();
        String fresh = model("fresh");

        // any optimizer: the imported version has no saved state to match
        JsonNode warm = train(copy, job("sgd", 1, true));
        JsonNode cold = train(fresh, job("sgd", 1, false));

        assertThat(warm.get("warmStartedFromVersion").asInt()).isEqualTo(1);
        assertThat(warm.get("firstEpoch").asInt()).isEqualTo(1);
        // its first epoch starts where the 60 epochs of the original ended, far below a first epoch from scratch
        assertThat(warm.get("trainingLoss").asDouble()).isLessThan(cold.get("trainingLoss").asDouble() * 0.8);
        assertThat(original.get("trainingLoss").asDouble()).isLessThan(cold.get("trainingLoss").asDouble());
    }

    @Test
    void refusesWhatCannotBeContinuedWithA400NamingTheField() {
        String model = model("refusals");
        train(model, job("adam", 5, false));
        String path = "/api/v1/models/" + model + "/training-jobs";

        ObjectNode otherOptimizer = job("momentum", 5, true);
        ObjectNode fewerFeatures = job("adam", 5, true);
        ((ArrayNode) fewerFeatures.get("features")).set(0, json.readTree("[1, 2, 3]"));
        ObjectNode otherClass = job("adam", 5, true);
        ((ArrayNode) otherClass.get("labels")).set(2, json.getNodeFactory().stringNode("d"));
        ObjectNode targets = job("adam", 5, true);
        targets.putArray("targets").add(1.0);
        targets.remove("labels");
        Reply dataset = send("POST", "/api/v1/datasets", """
                {"name": "three columns", "features": [[1, 2, 3], [4, 5, 6]], "labels": ["a", "b"]}""");
        assertThat(dataset.status()).as("%s", dataset.body()).isEqualTo(201);
        String fromDataset = """
                {"datasetId": "%s", "epochs": 5, "warmStart": true}""".formatted(dataset.body().get("id").asString());

        assertRefused(send("POST", path, otherOptimizer.toString()), "optimizer",
                "optimizer 'momentum' cannot continue version 1, whose saved state (moments and step) is of 'adam'; "
                        + "send \"optimizer\": \"adam\", or warmStart false to start from the seeded initial weights");
        assertRefused(send("POST", path, fewerFeatures.toString()), "features[0]", null);
        assertRefused(send("POST", path, otherClass.toString()), "labels[2]", null);
        assertRefused(send("POST", path, targets.toString()), "targets", "a classifier takes labels, not targets");
        assertRefused(send("POST", path, fromDataset), "datasetId", null);
        assertThat(send("GET", "/api/v1/training-jobs?modelId=" + model, null).body()).hasSize(1);
    }

    private static void assertRefused(Reply reply, String field, String message) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
        assertThat(reply.body().get("type").asString()).isEqualTo("urn:mlp-service:problem:invalid-input");
        JsonNode error = reply.body().get("errors").get(0);
        assertThat(error.get("field").asString()).as("%s", reply.body()).isEqualTo(field);
        if (message != null) {
            assertThat(error.get("message").asString()).isEqualTo(message);
        }
    }

    private Reply send(String method, String path, String body) {
        return LocalApi.send(port, json, method, path, body, "application/json");
    }
}
