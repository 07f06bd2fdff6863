package io.mlpservice.training;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mlpservice.model.CreateModel;
import io.mlpservice.model.HiddenLayerRequest;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest({TrainingJobController.class, LossHistoryController.class})
@TrainingSlice
@TestPropertySource(properties = {
    "mlp.training.workers=1",
    "mlp.training.queue-capacity=1",
    "mlp.training.retry-after=7s",
    "mlp.limits.max-epochs=100000",
    "mlp.limits.max-training-values=2000"
})
class TrainingJobControllerTests {

    /** Six rows of two features, three classes that a small network separates. */
    private static final String DATA = """
            "features": [[0, 0], [0.1, 0.2], [3, 3], [3.2, 2.9], [-3, 3], [-2.9, 3.1]],
            "labels": ["a", "a", "b", "b", "c", "c"]""";

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private ModelRegistry registry;

    @Autowired
    private TrainingJobService jobs;

    @Autowired
    private JsonMapper json;

    @Autowired
    private ModelService models;

    @Autowired
    private JobEvents events;

    @Autowired
    private TrainingStore store;

    private JobWatch watch;

    @BeforeEach
    void watchJobs() {
        watch = new JobWatch(events, jobs);
    }

    @Autowired
    private MeterRegistry meters;

    private double finished(String status) {
        Counter counter = meters.find("mlp.training.jobs.finished").tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    private long runTimesRecorded(String status) {
        Timer timer = meters.find("mlp.training.job.duration").tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private double jobsNow(String status) {
        return meters.get("mlp.training.jobs").tag("status", status).gauge().value();
    }

    @AfterEach
    void cancelEverything() {
        watch.release();
        for (JobRecord job : jobs.list(null, null)) {
            try {
                jobs.cancel(job.id());
            } catch (JobFinishedException ended) {
                // nothing to stop
            }
        }
        for (JobRecord job : jobs.list(null, null)) {
            watch.await(job.id(), j -> j.status().isFinal());
        }
        watch.close();
        models.list().forEach(model -> models.delete(model.id()));
    }

    private MvcTestResult post(String uri, String body) {
        return mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    private String createModel() {
        return models.create(new CreateModel("abc", null, 2, List.of(HiddenLayerRequest.ofUnits(8)), "tanh", List.of("a", "b", "c"), null, 1L)).id();
    }

    private String submit(String modelId, String fields) {
        MvcTestResult submitted = post("/api/v1/models/" + modelId + "/training-jobs", "{" + DATA + ", " + fields + "}");
        assertThat(submitted).hasStatus(202);
        return body(submitted).get("id").asString();
    }

    private JsonNode view(String jobId) {
        return body(mvc.get().uri("/api/v1/training-jobs/" + jobId).exchange());
    }

    @Test
    void acceptsAJobWith202AndLocationThenRunsItToSuccess() {
        String modelId = createModel();
        MvcTestResult submitted = post("/api/v1/models/" + modelId + "/training-jobs",
                "{" + DATA + ", \"epochs\": 300, \"learningRate\": 0.05}");
        assertThat(submitted).hasStatus(202);
        JsonNode accepted = body(submitted);
        String jobId = accepted.get("id").asString();
        assertThat(submitted).hasHeader("Location", "/api/v1/training-jobs/" + jobId);
        assertThat(accepted.get("modelId").asString()).isEqualTo(modelId);
        assertThat(accepted.get("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(accepted.get("epochsPlanned").asInt()).isEqualTo(300);
        assertThat(accepted.get("submittedAt").asString()).isNotBlank();
        JsonNode defaults = accepted.get("hyperparameters");
        assertThat(defaults.get("optimizer").asString()).isEqualTo("adam");
        assertThat(defaults.get("learningRate").asDouble()).isEqualTo(0.05);
        assertThat(defaults.get("batchSize").asInt()).isEqualTo(6);     // min(200, rows)
        assertThat(defaults.get("l2").asDouble()).isEqualTo(0.0001);
        assertThat(defaults.get("standardize").asBoolean()).isTrue();
        assertThat(defaults.get("seed").asLong()).isEqualTo(1);         // the model's seed
        assertThat(defaults.get("earlyStopping").isNull()).isTrue();

        watch.awaitStatus(jobId, JobStatus.SUCCEEDED);
        JsonNode done = view(jobId);
        assertThat(done.get("epochsCompleted").asInt()).isEqualTo(300);
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("stopReason").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("trainingLoss").asDouble()).isLessThan(0.1);
        assertThat(done.get("validationLoss").isNull()).isTrue();
        assertThat(done.get("startedAt").asString()).isNotBlank();
        assertThat(done.get("finishedAt").asString()).isNotBlank();
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("version").asInt()).isEqualTo(1);
        assertThat(done.get("restarts").asInt()).isZero();
        assertThat(done.get("resumedFromEpoch").isNull()).isTrue();

        ModelRecord model = registry.get(modelId);
        assertThat(model.status().name()).isEqualTo("TRAINED");
        assertThat(model.servingVersion()).isEqualTo(1);
        assertThat(model.serving().jobId()).isEqualTo(jobId);
        var history = store.history.read(jobId, 0, 1000);
        assertThat(history).hasSize(300);
        assertThat(history.getFirst().epoch()).isEqualTo(1);
        assertThat(history.getLast().trainingLoss()).isLessThan(history.getFirst().trainingLoss());
        assertThat(mvc.get().uri("/api/v1/training-jobs?modelId=" + modelId)).hasStatusOk().bodyJson()
                .extractingPath("$[*].id").isEqualTo(List.of(jobId));
        assertThat(mvc.get().uri("/api/v1/training-jobs?modelId=nobody")).hasStatusOk().bodyJson().isEqualTo("[]");
    }

    @Test
    void reportsTheResolvedClassWeightsTheClipNormAndTheScheduleWithTheirDefaults() {
        String modelId = createModel();
        // 6 rows, 2 of each class: balanced gives 6 / (3 · 2) = 1 each; the map leaves b and c at 1
        JsonNode balanced = body(post("/api/v1/models/" + modelId + "/training-jobs", "{" + DATA
                + ", \"epochs\": 2, \"classWeights\": \"balanced\", \"gradientClipNorm\": 5,"
                + " \"learningRateSchedule\": {\"type\": \"step\"}}"));
        assertThat(balanced.get("hyperparameters").get("classWeights"))
                .isEqualTo(json.readTree("{\"a\": 1.0, \"b\": 1.0, \"c\": 1.0}"));
        assertThat(balanced.get("hyperparameters").get("gradientClipNorm").asDouble()).isEqualTo(5.0);
        assertThat(balanced.get("hyperparameters").get("learningRateSchedule"))
                .isEqualTo(json.readTree("{\"type\": \"step\", \"stepSize\": 10, \"gamma\": 0.1}"));
        watch.awaitStatus(balanced.get("id").asString(), JobStatus.SUCCEEDED);
        JsonNode named = body(post("/api/v1/models/" + modelId + "/training-jobs", "{" + DATA
                + ", \"epochs\": 2, \"classWeights\": {\"a\": 4}}"));
        assertThat(named.get("hyperparameters").get("classWeights"))
                .isEqualTo(json.readTree("{\"a\": 4.0, \"b\": 1.0, \"c\": 1.0}"));
        assertThat(named.get("hyperparameters").get("gradientClipNorm").isNull()).isTrue();
        assertThat(named.get("hyperparameters").get("learningRateSchedule").get("type").asString()).isEqualTo("constant");
        watch.awaitStatus(named.get("id").asString(), JobStatus.SUCCEEDED);

        String uri = "/api/v1/models/" + modelId + "/training-jobs";
        assertInvalid(post(uri, "{" + DATA + ", \"epochs\": 2, \"classWeights\": {\"z\": 2}}"),
                "classWeights.z", "classWeights.z: 'z' is not one of the model's classes: a, b, c");
        assertInvalid(post(uri, "{" + DATA + ", \"epochs\": 2, \"classWeights\": \"even\"}"),
                "classWeights", "classWeights 'even' is not \"balanced\" nor an object from class name to weight");
        assertInvalid(post(uri, "{" + DATA + ", \"epochs\": 2, \"learningRateSchedule\": {\"type\": \"cyclic\"}}"),
                "learningRateSchedule.type",
                "learningRateSchedule.type 'cyclic' is not one of constant, step, exponential, cosine, plateau");
    }

    @Test
    void earlyStoppingWithAValidationSplitReportsBothLossesAndTheBestEpoch() {
        String modelId = createModel();
        String group = "[0, 0], [0.1, 0.2], [0.2, 0.1], [3, 3], [3.2, 2.9], [2.9, 3.1], [-3, 3], [-2.9, 3.1], [-3.1, 2.8], ";
        String groupLabels = "\"a\", \"a\", \"a\", \"b\", \"b\", \"b\", \"c\", \"c\", \"c\", ";
        String rows = "\"features\": [" + group.repeat(3) + "[0, 0.1]], \"labels\": [" + groupLabels.repeat(3) + "\"a\"]";
        MvcTestResult submitted = post("/api/v1/models/" + modelId + "/training-jobs", "{" + rows
                + ", \"epochs\": 5000, \"learningRate\": 0.1, \"validationSplit\": 0.3,"
                + " \"earlyStopping\": {\"patience\": 5, \"minDelta\": 0.01}}");
        assertThat(submitted).hasStatus(202);
        JsonNode accepted = body(submitted);
        // per class: round(0.3 · 10) of the a's, round(0.3 · 9) of the b's and of the c's
        assertThat(accepted.get("validationRows").asInt()).isEqualTo(9);
        assertThat(accepted.get("trainingRows").asInt()).isEqualTo(19);
        watch.awaitStatus(accepted.get("id").asString(), JobStatus.SUCCEEDED);
        JsonNode done = view(accepted.get("id").asString());
        assertThat(done.get("stopReason").asString()).isEqualTo("EARLY_STOPPED");
        assertThat(done.get("epochsCompleted").asInt()).isLessThan(5000);
        assertThat(done.get("bestEpoch").asInt()).isEqualTo(done.get("epochsCompleted").asInt() - 5);
        assertThat(done.get("validationLoss").isNumber()).isTrue();
        assertThat(done.get("validationAccuracy").isNumber()).isTrue();
    }

    @Test
    void refusesInvalidJobsNamingFieldAndIndexAndCreatesNoJob() {
        String modelId = createModel();
        String uri = "/api/v1/models/" + modelId + "/training-jobs";
        Map<String, String[]> cases = Map.ofEntries(
                Map.entry("{\"features\": [[0, 0], [1, 1, 1]], \"labels\": [\"a\", \"b\"], \"epochs\": 5}",
                        new String[] {"features[1]", "features[1] has 3 values; the model expects 2"}),
                Map.entry("{\"features\": [[0, 0], null], \"labels\": [\"a\", \"b\"], \"epochs\": 5}",
                        new String[] {"features[1]", "features[1] must not be null; a row is an array of numbers"}),
                Map.entry("{\"features\": [[0, \"NaN\"]], \"labels\": [\"a\"], \"epochs\": 5}",
                        new String[] {"features[0][1]", "features[0][1] must be a number, was a string"}),
                Map.entry("{\"features\": [[0, 1e999]], \"labels\": [\"a\"], \"epochs\": 5}",
                        new String[] {"features[0][1]", "features[0][1] must be a finite number, was 1e999"}),
                Map.entry("{\"features\": [], \"labels\": [], \"epochs\": 5}",
                        new String[] {"features", "features has no rows; send at least one"}),
                Map.entry("{\"features\": [[0, 0], [1, 1]], \"labels\": [\"a\"], \"epochs\": 5}",
                        new String[] {"labels", "labels has 1 entry; features has 2 rows"}),
                Map.entry("{\"features\": [[0, 0], [1, 1]], \"labels\": [\"a\", \"rose\"], \"epochs\": 5}",
                        new String[] {"labels[1]", "labels[1] 'rose' is not one of the model's classes: a, b, c"}),
                Map.entry("{\"features\": [[0, 0], [1, 1]], \"labels\": [0, 3], \"epochs\": 5}",
                        new String[] {"labels[1]", "labels[1] 3 is outside the class indices 0..2"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [true], \"epochs\": 5}",
                        new String[] {"labels[0]", "labels[0] must be a class name (a string) or a class index (an integer), was a boolean"}),
                Map.entry("{\"features\": [[0, 0], [1, 1]], \"labels\": [0, 1], \"epochs\": 5, \"validationSplit\": 1}",
                        new String[] {"validationSplit", "validationSplit must be less than 1"}),
                Map.entry("{\"features\": [[0, 0], [1, 1]], \"labels\": [0, 1], \"epochs\": 5, \"validationSplit\": -0.1}",
                        new String[] {"validationSplit", "validationSplit must be greater than or equal to 0"}),
                Map.entry("{\"features\": [[0, 0], [1, 1]], \"labels\": [0, 1], \"epochs\": 5, \"validationSplit\": 0.1}",
                        new String[] {"validationSplit", "validationSplit 0.1 holds out no rows of 2; use a larger split or more rows"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 5, \"optimizer\": \"rmsprop\"}",
                        new String[] {"optimizer", "optimizer 'rmsprop' is not one of sgd, momentum, adam"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 100001}",
                        new String[] {"epochs", "epochs 100001 is over the limit of 100000 (mlp.limits.max-epochs)"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 0}",
                        new String[] {"epochs", "epochs must be greater than or equal to 1"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0]}",
                        new String[] {"epochs", "epochs is required"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": \"10\"}",
                        new String[] {"epochs", "epochs must be an integer, was a string"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 1.5}",
                        new String[] {"epochs", "epochs must be an integer, was 1.5"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 5, \"learningRate\": \"Infinity\"}",
                        new String[] {"learningRate", "learningRate must be a number, was a string"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 5, \"learningRate\": 1e999}",
                        new String[] {"learningRate", "learningRate must be a finite number, was 1e999"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 5, \"learningrate\": 0.1}",
                        new String[] {"learningrate", "learningrate is not a field of this request; expected one of "
                                + "batchSize, beta1, beta2, classWeights, datasetId, earlyStopping, epochs, epsilon, "
                                + "features, gradientClipNorm, l2, labels, learningRate, learningRateSchedule, momentum, "
                                + "nesterov, optimizer, seed, shuffle, standardize, standardizeTargets, targets, "
                                + "validationDatasetId, validationSplit, warmStart"}),
                Map.entry("{\"features\": [[0, 0]], \"labels\": [0], \"epochs\": 5, \"earlyStopping\": {\"patience\": 0}}",
                        new String[] {"earlyStopping.patience", "earlyStopping.patience must be greater than or equal to 1"}),
                Map.entry("{\"features\": [" + "[0, 0], ".repeat(1000) + "[0, 0]], \"labels\": ["
                        + "0, ".repeat(1000) + "0], \"epochs\": 5}",
                        new String[] {"features", "features holds 2,002 values; the limit is 2,000 (mlp.limits.max-training-values)"}));
        cases.forEach((body, expected) -> assertInvalid(post(uri, body), expected[0], expected[1]));
        assertProblem(post("/api/v1/models/nope/training-jobs", "{" + DATA + ", \"epochs\": 5}"), 404,
                "model-not-found", "no model with id 'nope'");
        assertThat(jobs.list(null, null)).isEmpty();
        assertThat(registry.get(modelId).status().name()).isEqualTo("UNTRAINED");
    }

    @Test
    void aSecondJobForABusyModelIsAConflictAndCancellingStopsTheFirst() {
        String modelId = createModel();
        watch.hold();
        String first = submit(modelId, "\"epochs\": 50");
        watch.awaitFirstEpoch(first);
        assertThat(registry.get(modelId).status().name()).isEqualTo("TRAINING");
        MvcTestResult second = post("/api/v1/models/" + modelId + "/training-jobs", "{" + DATA + ", \"epochs\": 5}");
        assertProblem(second, 409, "model-busy", "model '" + modelId + "' already has training job '" + first
                + "' queued or running; wait for it to finish or cancel it");
        assertThat(second).bodyJson().extractingPath("$.activeJobId").isEqualTo(first);

        MvcTestResult cancel = mvc.post().uri("/api/v1/training-jobs/" + first + "/cancel").exchange();
        assertThat(cancel).hasStatus(202).bodyJson().extractingPath("$.cancelRequested").isEqualTo(true);
        watch.release();
        watch.awaitStatus(first, JobStatus.CANCELLED);
        JsonNode cancelled = view(first);
        assertThat(cancelled.get("stopReason").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("epochsCompleted").asInt()).isEqualTo(1);
        ModelRecord model = registry.get(modelId);
        assertThat(model.status().name()).isEqualTo("UNTRAINED");
        assertThat(model.serving()).isNull();
        assertProblem(mvc.post().uri("/api/v1/training-jobs/" + first + "/cancel").exchange(), 409, "job-finished",
                "training job '" + first + "' has already ended as CANCELLED; there is nothing to cancel");
        // the model is free again at once
        assertThat(post("/api/v1/models/" + modelId + "/training-jobs", "{" + DATA + ", \"epochs\": 5}")).hasStatus(202);
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndAQueuedJobCancelsAtOnce() {
        double cancelledBefore = finished("cancelled");
        long runTimesBefore = runTimesRecorded("cancelled");
        watch.hold();
        String running = submit(createModel(), "\"epochs\": 50");
        watch.awaitFirstEpoch(running);
        String queued = submit(createModel(), "\"epochs\": 5");
        assertThat(body(mvc.get().uri("/api/v1/training-jobs/" + queued).exchange()).get("status").asString())
                .isEqualTo("QUEUED");
        assertThat(new double[] {jobsNow("running"), jobsNow("queued")}).containsExactly(1, 1);
        String third = createModel();
        MvcTestResult refused = post("/api/v1/models/" + third + "/training-jobs", "{" + DATA + ", \"epochs\": 5}");
        assertProblem(refused, 429, "queue-full",
                "the training queue is full (1 jobs waiting, mlp.training.queue-capacity); retry in 7 seconds");
        assertThat(refused).hasHeader("Retry-After", "7");
        assertThat(registry.get(third).status().name()).isEqualTo("UNTRAINED");
        assertThat(jobs.list(third, null)).isEmpty();

        MvcTestResult cancel = mvc.post().uri("/api/v1/training-jobs/" + queued + "/cancel").exchange();
        assertThat(cancel).hasStatus(202).bodyJson().extractingPath("$.status").isEqualTo("CANCELLED");
        assertThat(cancel).bodyJson().extractingPath("$.startedAt").isNull();
        assertThat(jobsNow("queued")).isZero();
        assertThat(finished("cancelled") - cancelledBefore).isEqualTo(1);
        // a job that never ran has no run time to record
        assertThat(runTimesRecorded("cancelled")).isEqualTo(runTimesBefore);
    }

    @Test
    void deletingAModelCancelsItsRunningJobAndRemovesItsJobs() {
        String modelId = createModel();
        watch.hold();
        String jobId = submit(modelId, "\"epochs\": 50");
        watch.awaitFirstEpoch(jobId);
        models.delete(modelId);
        assertProblem(mvc.get().uri("/api/v1/training-jobs/" + jobId).exchange(), 404, "job-not-found",
                "no training job with id '" + jobId + "'");
        watch.release();
        assertThat(store.history.count(jobId)).isZero();
        assertProblem(mvc.get().uri("/api/v1/training-jobs/" + jobId).exchange(), 404, "job-not-found",
                "no training job with id '" + jobId + "'");
    }

    @Test
    void aDivergingJobFailsWithItsReasonAndLeavesTheModelUntouched() {
        double failedBefore = finished("failed");
        long runTimesBefore = runTimesRecorded("failed");
        String modelId = createModel();
        String jobId = submit(modelId, "\"epochs\": 50, \"optimizer\": \"sgd\", \"learningRate\": 1e30, \"standardize\": false");
        watch.awaitAnnounced(jobId, JobStatus.FAILED);
        JsonNode failed = view(jobId);
        assertThat(failed.get("stopReason").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).startsWith("training diverged in epoch ")
                .endsWith("; try a smaller learning rate");
        assertThat(registry.get(modelId).serving()).isNull();
        assertThat(registry.get(modelId).status().name()).isEqualTo("UNTRAINED");
        assertThat(finished("failed") - failedBefore).isEqualTo(1);
        assertThat(runTimesRecorded("failed") - runTimesBefore).isEqualTo(1);
    }

    @Test
    void listsJobsByStatusAndRefusesAnUnknownStatus() {
        String modelId = createModel();
        String jobId = submit(modelId, "\"epochs\": 3");
        watch.awaitStatus(jobId, JobStatus.SUCCEEDED);
        assertThat(mvc.get().uri("/api/v1/training-jobs?status=SUCCEEDED")).hasStatusOk().bodyJson()
                .extractingPath("$[*].id").isEqualTo(List.of(jobId));
        assertThat(mvc.get().uri("/api/v1/training-jobs?status=RUNNING")).hasStatusOk().bodyJson().isEqualTo("[]");
        assertInvalid(mvc.get().uri("/api/v1/training-jobs?status=DONE").exchange(), "status",
                "status 'DONE' is not one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED");
        assertProblem(mvc.get().uri("/api/v1/training-jobs/nope").exchange(), 404, "job-not-found",
                "no training job with id 'nope'");
        assertProblem(mvc.post().uri("/api/v1/training-jobs/nope/cancel").exchange(), 404, "job-not-found",
                "no training job with id 'nope'");
    }

    /** A job record of the model with the given points in its history, as if it had run. */
    private void jobWithHistory(String modelId, String jobId, int epochs, double validation) {
        var config = new io.mlpservice.engine.train.TrainingConfig(epochs, 0,
                io.mlpservice.engine.optim.OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 1);
        store.insert(JobRecord.queued(jobId, modelId, config, 4, 4, 0, 0, 0, java.time.Instant.now(), null));
        for (int epoch = 1; epoch <= epochs; epoch++) {
            store.recordEpoch(new io.mlpservice.model.LossPoint(jobId, epoch, 1.0 / epoch, 0.5,
                    validation > 0 ? validation : null, validation > 0 ? 0.8 : null, null, null, 2.0, null));
        }
    }

    @Test
    void theLossHistoryComesInPartsForClientsThatFollowIt() {
        String id = createModel();
        jobWithHistory(id, "first", 1300, 0);
        jobWithHistory(id, "second", 4, 0.6);
        try {
            String history = "/api/v1/models/" + id + "/loss-history";
            assertThat(mvc.get().uri(history + "?from=10&limit=3")).hasStatusOk().bodyJson()
                    .extractingPath("$.points[*].epoch").isEqualTo(List.of(11, 12, 13));
            MvcTestResult all = mvc.get().uri(history + "?from=1298").exchange();
            assertThat(all).bodyJson().extractingPath("$.points[*].epoch").isEqualTo(List.of(1299, 1300, 1, 2, 3, 4));
            assertThat(all).bodyJson().extractingPath("$.total").isEqualTo(1304);
            assertThat(all).bodyJson().extractingPath("$.points[2].validationLoss").isEqualTo(0.6);
            assertThat(all).bodyJson().extractingPath("$.points[0].validationLoss").isNull();
            // without a limit a page holds 1000 points
            assertThat(mvc.get().uri(history)).bodyJson().extractingPath("$.points.length()").isEqualTo(1000);
            MvcTestResult ofJob = mvc.get().uri(history + "?jobId=second&from=2").exchange();
            assertThat(ofJob).bodyJson().extractingPath("$.points[*].epoch").isEqualTo(List.of(3, 4));
            assertThat(ofJob).bodyJson().extractingPath("$.points[*].jobId").isEqualTo(List.of("second", "second"));
            assertThat(ofJob).bodyJson().extractingPath("$.total").isEqualTo(4);
            assertThat(ofJob).bodyJson().extractingPath("$.from").isEqualTo(2);
            // a client that has every point asks from the total and gets nothing new
            assertThat(mvc.get().uri(history + "?from=1304")).hasStatusOk().bodyJson()
                    .extractingPath("$.points").isEqualTo(List.of());

            assertInvalid(mvc.get().uri(history + "?from=-1").exchange(), "from",
                    "from -1 must be 0 or more: it counts points from the first");
            assertInvalid(mvc.get().uri(history + "?limit=0").exchange(), "limit", "limit 0 must be between 1 and 10000");
            assertInvalid(mvc.get().uri(history + "?limit=10001").exchange(), "limit",
                    "limit 10001 must be between 1 and 10000");
            assertInvalid(mvc.get().uri(history + "?limit=many").exchange(), "limit", "limit 'many' is not an integer between -2147483648 and 2147483647");
        } finally {
            store.delete("first");
            store.delete("second");
        }
    }

    @Test
    void theLossHistoryOfANewModelIsEmpty() {
        String id = createModel();
        assertThat(mvc.get().uri("/api/v1/models/" + id + "/loss-history")).hasStatusOk().bodyJson()
                .isEqualTo("{\"modelId\": \"" + id + "\", \"total\": 0, \"from\": 0, \"points\": []}");
        assertProblem(mvc.get().uri("/api/v1/models/nope/loss-history").exchange(), 404, "model-not-found",
                "no model with id 'nope'");
    }
}
