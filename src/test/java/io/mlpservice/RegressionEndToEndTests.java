package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.LocalApi.Reply;
import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobStatus;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
import java.util.Map;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A regression model through the API: created with per-layer activations, trained on targets far
 * from the unit scale, its loss history reporting R² and the learning rate, its predictions
 * answered in the targets' units (and through the Open Inference Protocol as {@code values}),
 * and every request that mixes up the two tasks refused with a 400 naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegressionEndToEndTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;

    private JobWatch watch;
    private String model;
    private JsonNode job;

    /** {@code y = 100 sin(x0) x1 + 500}, x uniform in [-2, 2]²: the rows and their targets. */
    private ObjectNode rows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode body = json.createObjectNode();
        ArrayNode features = body.putArray("features");
        ArrayNode targets = body.putArray("targets");
        for (int r = 0; r < count; r++) {
            double a = random.nextDouble(-2, 2);
            double b = random.nextDouble(-2, 2);
            features.addArray().add(a).add(b);
            targets.add(100 * Math.sin(a) * b + 500);
        }
        return body;
    }

    @BeforeAll
    void trainARegression() {
        watch = new JobWatch(events, jobs);
        Reply created = send("POST", "/api/v1/models", """
                {"name": "wave", "task": "regression", "inputSize": 2,
                 "hiddenLayers": [32, {"units": 16, "activation": "gelu"}], "activation": "tanh", "seed": 3}""");
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        model = created.body().get("id").asString();
        ObjectNode body = rows(600, 1);
        body.put("epochs", 120).put("batchSize", 32).put("learningRate", 0.005).put("validationSplit", 0.2);
        Reply submitted = send("POST", "/api/v1/models/" + model + "/training-jobs", body.toString());
        assertThat(submitted.status()).as("%s", submitted.body()).isEqualTo(202);
        String jobId = submitted.body().get("id").asString();
        watch.awaitStatus(jobId, JobStatus.SUCCEEDED);
        job = send("GET", "/api/v1/training-jobs/" + jobId, null).body();
    }

    @AfterAll
    void stopWatching() {
        watch.close();
    }

    @Test
    void theModelShowsItsTaskAndEachLayersActivation() {
        JsonNode shown = send("GET", "/api/v1/models/" + model, null).body();
        assertThat(shown.get("task").asString()).isEqualTo("regression");
        assertThat(shown.get("outputSize").asInt()).isEqualTo(1);
        assertThat(shown.get("classes").size()).isZero();
        assertThat(shown.get("hiddenLayers")).isEqualTo(json.readTree("[32, 16]"));
        assertThat(shown.get("layers")).isEqualTo(json.readTree("""
                [{"units": 32, "activation": "tanh", "dropout": 0.0},
                 {"units": 16, "activation": "gelu", "dropout": 0.0}]"""));
        assertThat(shown.get("metrics").get("validationR2").asDouble()).isGreaterThan(0.9);
    }

    @Test
    void theJobAndItsLossHistoryReportR2AndTheLearningRateInsteadOfAccuracy() {
        assertThat(job.get("trainingR2").asDouble()).isGreaterThan(0.9);
        assertThat(job.get("validationR2").asDouble()).isGreaterThan(0.9);
        assertThat(job.get("trainingAccuracy").isNull()).isTrue();
        assertThat(job.get("learningRate").asDouble()).isEqualTo(0.005);
        assertThat(job.get("hyperparameters").get("standardizeTargets").asBoolean()).isTrue();
        JsonNode points = send("GET", "/api/v1/models/" + model + "/loss-history", null).body().get("points");
        assertThat(points.size()).isEqualTo(120);
        JsonNode last = points.get(119);
        assertThat(last.get("trainingR2").asDouble()).isEqualTo(job.get("trainingR2").asDouble());
        assertThat(last.get("validationR2").asDouble()).isEqualTo(job.get("validationR2").asDouble());
        assertThat(last.get("trainingAccuracy").isNull()).isTrue();
        assertThat(last.get("validationAccuracy").isNull()).isTrue();
        assertThat(last.get("learningRate").asDouble()).isEqualTo(0.005);
        assertThat(points.get(0).get("validationR2").asDouble()).isLessThan(last.get("validationR2").asDouble());
    }

    @Test
    void predictsValuesInTheTargetsUnitsWithAnR2OfNinetyPercentOnNewRows() {
        ObjectNode heldOut = rows(200, 2);
        ObjectNode request = json.createObjectNode();
        request.set("inputs", heldOut.get("features"));
        Reply answer = send("POST", "/api/v1/models/" + model + "/predictions", request.toString());
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode predictions = answer.body().get("predictions");
        assertThat(predictions.get(0).propertyNames()).containsExactly("values");
        double mean = 0;
        for (JsonNode t : heldOut.get("targets")) {
            mean += t.asDouble() / 200;
        }
        double residual = 0;
        double total = 0;
        for (int r = 0; r < 200; r++) {
            double t = heldOut.get("targets").get(r).asDouble();
            JsonNode values = predictions.get(r).get("values");
            assertThat(values.size()).isEqualTo(1);
            residual += Math.pow(values.get(0).asDouble() - t, 2);
            total += Math.pow(t - mean, 2);
        }
        assertThat(1 - residual / total).as("held-out R² of the answers").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theInferenceProtocolAnswersValues() {
        JsonNode metadata = send("GET", "/v2/models/" + model, null).body();
        assertThat(metadata.get("outputs")).isEqualTo(json.readTree("""
                [{"name": "values", "datatype": "FP32", "shape": [-1, 1]}]"""));
        Reply reply = send("POST", "/v2/models/" + model + "/infer", """
                {"inputs": [{"name": "input", "shape": [2, 2], "datatype": "FP32", "data": [1, 1, -1, 1]}]}""");
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
        JsonNode values = reply.body().get("outputs").get(0);
        assertThat(values.get("name").asString()).isEqualTo("values");
        assertThat(values.get("shape")).isEqualTo(json.readTree("[2, 1]"));
        // 100 sin(1) + 500 = 584 and -100 sin(1) + 500 = 416, to within the fit
        assertThat(values.get("data").get(0).asDouble()).isBetween(560.0, 610.0);
        assertThat(values.get("data").get(1).asDouble()).isBetween(390.0, 440.0);
    }

    @Test
    void requestsThatMixUpTheTasksAreRefusedNamingTheField() {
        Map<String, String[]> models = Map.of(
                """
                {"task": "regression", "inputSize": 2, "classes": ["a", "b"]}""",
                new String[] {"classes", "a regression has no classes; give outputSize, the values per row"},
                """
                {"task": "ranking", "inputSize": 2, "outputSize": 2}""",
                new String[] {"task", "task 'ranking' is not one of classification, regression"},
                """
                {"inputSize": 2, "outputSize": 1}""",
                new String[] {"outputSize", "outputSize 1 is under 2; a classifier needs at least 2 classes"},
                """
                {"inputSize": 2, "outputSize": 2, "hiddenLayers": [{"units": 4, "activation": "swish"}]}""",
                new String[] {"hiddenLayers[0].activation", "hiddenLayers[0].activation 'swish' is not one of "
                        + "sigmoid, relu, tanh, identity, leaky_relu, elu, gelu"},
                """
                {"inputSize": 2, "outputSize": 2, "hiddenLayers": [8, {"units": 4, "dropout": 1.5}]}""",
                new String[] {"hiddenLayers[1].dropout", "hiddenLayers[1].dropout 1.5 is not in [0, 1)"},
                """
                {"inputSize": 2, "outputSize": 2, "hiddenLayers": [{"activation": "tanh"}]}""",
                new String[] {"hiddenLayers[0].units", "hiddenLayers[0].units is required"});
        models.forEach((body, expected) -> assertInvalid(send("POST", "/api/v1/models", body), expected));

        String jobs = "/api/v1/models/" + model + "/training-jobs";
        Map<String, String[]> jobBodies = Map.of(
                """
                {"features": [[0, 0], [1, 1]], "labels": ["a", "b"], "targets": [1, 2], "epochs": 1}""",
                new String[] {"labels", "a regression takes targets, not labels"},
                """
                {"features": [[0, 0], [1, 1]], "epochs": 1}""",
                new String[] {"targets", "targets is required for a regression"},
                """
                {"features": [[0, 0], [1, 1]], "targets": [1, [2, 3]], "epochs": 1}""",
                new String[] {"targets[1]", "targets[1] has 2 values; the model gives 1"},
                """
                {"features": [[0, 0], [1, 1]], "targets": [1], "epochs": 1}""",
                new String[] {"targets", "targets has 1 row; features has 2 rows"},
                """
                {"features": [[0, 0], [1, 1]], "targets": [1, "x"], "epochs": 1}""",
                new String[] {"targets[1]", "targets[1] must be a number or an array of numbers, was a string"});
        jobBodies.forEach((body, expected) -> assertInvalid(send("POST", jobs, body), expected));
    }

    private void assertInvalid(Reply reply, String[] expected) {
        assertThat(reply.status()).as("%s", reply.body()).isEqualTo(400);
        assertThat(reply.body().get("errors").get(0).get("field").asString()).isEqualTo(expected[0]);
        assertThat(reply.body().get("errors").get(0).get("message").asString()).isEqualTo(expected[1]);
    }

    private Reply send(String method, String path, String body) {
        return LocalApi.send(port, json, method, path, body, "application/json");
    }
}
