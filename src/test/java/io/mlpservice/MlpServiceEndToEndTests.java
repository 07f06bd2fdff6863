package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.LocalApi.Reply;
import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a real port, through a real HTTP client, as a user drives it: create, train
 * asynchronously, follow the job and the loss, predict; cancel; predict while a new job trains;
 * many clients at once; the metrics a monitoring system scrapes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class MlpServiceEndToEndTests {

    private static final int FEATURES = 10;
    private static final int CLASSES = 5;

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingJobService jobs;


    private Reply send(String method, String path, Object body) {
        return LocalApi.send(port, json, method, path, body == null ? null : json.writeValueAsString(body),
                "application/json");
    }

    /** Waits, woken by the job's events, until it has ended as {@code status}; answers its view. */
    private JsonNode awaitStatus(String jobId, String status) {
        try (JobWatch watch = new JobWatch(events, jobs)) {
            watch.await(jobId, job -> job.status().isFinal());
        }
        JsonNode job = send("GET", "/api/v1/training-jobs/" + jobId, null).body();
        assertThat(job.get("status").asString()).as("job %s", job).isEqualTo(status);
        return job;
    }

    /**
     * Five classes in ten dimensions, each class two Gaussian clusters (unit deviation, centres
     * drawn in [-2.5, 2.5]^10) far apart from each other: a class is not one convex region, so a
     * linear model stays under 90% here (logistic regression: 88% on held-out rows) while a small
     * MLP passes 95%.
     */
    private record Problem(List<double[]> features, List<Integer> labels) {

        static Problem generate(int rows, long seed) {
            SplittableRandom centres = new SplittableRandom(7);
            double[][] centre = new double[2 * CLASSES][FEATURES];
            for (double[] c : centre) {
                for (int f = 0; f < FEATURES; f++) {
                    c[f] = centres.nextDouble(-2.5, 2.5);
                }
            }
            SplittableRandom random = new SplittableRandom(seed);
            List<double[]> x = new ArrayList<>();
            List<Integer> y = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                int cluster = random.nextInt(2 * CLASSES);
                double[] features = new double[FEATURES];
                for (int f = 0; f < FEATURES; f++) {
                    features[f] = centre[cluster][f] + random.nextGaussian();
                }
                x.add(features);
                y.add(cluster % CLASSES);
            }
            return new Problem(x, y);
        }
    }

    private String createModel(String name, int inputSize, List<Integer> hidden) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("inputSize", inputSize);
        body.put("hiddenLayers", hidden);
        body.put("activation", "relu");
        body.put("classes", List.of("v", "w", "x", "y", "z"));
        body.put("seed", 3);
        Reply created = send("POST", "/api/v1/models", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/models/" + created.body().get("id").asString());
        return created.body().get("id").asString();
    }

    private String submit(String modelId, Problem data, int epochs, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("features", data.features());
        body.put("labels", data.labels());
        body.put("epochs", epochs);
        body.putAll(extra);
        Reply accepted = send("POST", "/api/v1/models/" + modelId + "/training-jobs", body);
        assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
        String jobId = accepted.body().get("id").asString();
        assertThat(accepted.raw().headers().firstValue("Location")).hasValue("/api/v1/training-jobs/" + jobId);
        return jobId;
    }

    private JsonNode predict(String modelId, List<double[]> rows) {
        Reply answer = send("POST", "/api/v1/models/" + modelId + "/predictions", Map.of("inputs", rows));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body().get("predictions");
    }

    @Test
    void trainsAsynchronouslyTheLossFallsAndHeldOutRowsArePredictedWell() {
        Problem train = Problem.generate(3000, 1);
        Problem heldOut = Problem.generate(600, 2);
        String modelId = createModel("teacher-student", FEATURES, List.of(64, 32));
        String jobId = submit(modelId, train, 80, Map.of("learningRate", 0.005, "batchSize", 64,
                "validationSplit", 0.1, "earlyStopping", Map.of("patience", 8)));

        JsonNode done = awaitStatus(jobId, "SUCCEEDED");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("trainingRows").asInt() + done.get("validationRows").asInt()).isEqualTo(3000);
        JsonNode points = send("GET", "/api/v1/models/" + modelId + "/loss-history", null).body().get("points");
        assertThat(points.size()).isEqualTo(done.get("epochsCompleted").asInt()).isGreaterThan(5);
        double first = points.get(0).get("trainingLoss").asDouble();
        double last = points.get(points.size() - 1).get("trainingLoss").asDouble();
        assertThat(last).as("loss from %s to %s", first, last).isLessThan(first / 3);
        assertThat(points.get(points.size() - 1).get("validationLoss").isNumber()).isTrue();

        JsonNode predictions = predict(modelId, heldOut.features());
        int correct = 0;
        for (int r = 0; r < heldOut.labels().size(); r++) {
            JsonNode prediction = predictions.get(r);
            double total = 0;
            for (JsonNode p : prediction.get("probabilities")) {
                total += p.asDouble();
            }
            assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            if (prediction.get("classIndex").asInt() == heldOut.labels().get(r)) {
                correct++;
            }
        }
        assertThat((double) correct / heldOut.labels().size()).as("held-out accuracy").isGreaterThanOrEqualTo(0.90);

        JsonNode model = send("GET", "/api/v1/models/" + modelId, null).body();
        assertThat(model.get("status").asString()).isEqualTo("TRAINED");
        assertThat(model.get("metrics").get("jobId").asString()).isEqualTo(jobId);
    }

    @Test
    void cancellingALongJobStopsItAndKeepsTheEarlierWeightsServing() {
        Problem data = Problem.generate(400, 5);
        String modelId = createModel("cancel-me", FEATURES, List.of(32));
        String firstJob = submit(modelId, data, 5, Map.of());
        awaitStatus(firstJob, "SUCCEEDED");
        JsonNode before = send("GET", "/api/v1/models/" + modelId, null).body();
        JsonNode predictionsBefore = predict(modelId, data.features().subList(0, 20));

        JobWatch watch = new JobWatch(events, jobs);
        watch.hold();                     // the job stops after its first epoch until released
        String longJob = submit(modelId, data, 1000, Map.of("batchSize", 8));
        watch.awaitFirstEpoch(longJob);
        // predictions while the new job trains come from the finished weights, bit for bit
        assertThat(predict(modelId, data.features().subList(0, 20))).isEqualTo(predictionsBefore);
        assertThat(send("GET", "/api/v1/models/" + modelId, null).body().get("status").asString()).isEqualTo("TRAINING");

        Reply cancel = send("POST", "/api/v1/training-jobs/" + longJob + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.body().get("cancelRequested").asBoolean()).isTrue();
        watch.close();                    // released: it stops before its next mini-batch
        JsonNode cancelled = awaitStatus(longJob, "CANCELLED");
        assertThat(cancelled.get("stopReason").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("epochsCompleted").asInt()).isEqualTo(1);

        JsonNode after = send("GET", "/api/v1/models/" + modelId, null).body();
        assertThat(after.get("status").asString()).isEqualTo("TRAINED");
        assertThat(after.get("trainedAt")).isEqualTo(before.get("trainedAt"));
        assertThat(after.get("metrics")).isEqualTo(before.get("metrics"));
        assertThat(predict(modelId, data.features().subList(0, 20))).isEqualTo(predictionsBefore);
    }

    @Test
    void twelveClientsCreateTrainAndPredictAtOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 12; c++) {
                int client = c;
                Callable<Integer> session = () -> {
                    Problem data = Problem.generate(300, 100 + client);
                    String modelId = createModel("client-" + client, FEATURES, List.of(16));
                    String jobId = submit(modelId, data, 15, Map.of("learningRate", 0.01));
                    awaitStatus(jobId, "SUCCEEDED");
                    return predict(modelId, data.features().subList(0, 10)).size();
                };
                results.add(clients.submit(session));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(10);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Every sample of the Prometheus scrape, by name and labels: {@code mlp_models -> 3.0}. */
    private Map<String, Double> scrape() {
        Reply reply = send("GET", "/actuator/prometheus", null);
        assertThat(reply.status()).isEqualTo(200);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : reply.raw().body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    @Test
    void prometheusCountsModelsJobsEpochsAndPredictedRows() {
        Map<String, Double> before = scrape();
        Problem data = Problem.generate(300, 9);
        String modelId = createModel("metered", FEATURES, List.of(16));
        String jobId = submit(modelId, data, 7, Map.of());
        awaitStatus(jobId, "SUCCEEDED");
        predict(modelId, data.features().subList(0, 25));
        Map<String, Double> after = scrape();

        Map<String, Double> added = new LinkedHashMap<>();
        for (String name : List.of("mlp_models", "mlp_training_epochs_total",
                "mlp_training_jobs_finished_total{status=\"succeeded\"}",
                "mlp_training_job_duration_seconds_count{status=\"succeeded\"}",
                "mlp_predictions_seconds_count", "mlp_predictions_rows_total")) {
            assertThat(after).as("scrape after").containsKey(name);
            added.put(name, after.get(name) - before.getOrDefault(name, 0.0));
        }
        assertThat(added).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mlp_models", 1.0,
                "mlp_training_epochs_total", 7.0,
                "mlp_training_jobs_finished_total{status=\"succeeded\"}", 1.0,
                "mlp_training_job_duration_seconds_count{status=\"succeeded\"}", 1.0,
                "mlp_predictions_seconds_count", 1.0,
                "mlp_predictions_rows_total", 25.0));
        assertThat(after).containsEntry("mlp_training_jobs{status=\"running\"}", 0.0)
                .containsEntry("mlp_training_jobs{status=\"queued\"}", 0.0);
        assertThat(after).containsKey("http_server_requests_seconds_count{error=\"none\",exception=\"none\","
                + "method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/models/{id}/predictions\"}");
        // the request is timed whole, not once more per security filter (that cost more than a small prediction)
        assertThat(after.keySet()).noneMatch(name -> name.startsWith("spring_security_"));
    }

    @Test
    void healthProbesAndSwaggerUiAnswer() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Reply health = send("GET", path, null);
            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.body().get("status").asString()).as(path).isEqualTo("UP");
        }
        Reply ui = send("GET", "/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw().body()).contains("Swagger UI");
        assertThat(send("GET", "/swagger-ui.html", null).status()).isIn(200, 302);
    }

    @Test
    void errorsOutsideTheApiAreProblemsToo() {
        Reply missing = send("GET", "/nothing/here", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(missing.body().get("type").asString()).isEqualTo("urn:mlp-service:problem:not-found");
        assertThat(missing.raw().body()).doesNotContain("Exception", "at io.", "trace");
    }
}
