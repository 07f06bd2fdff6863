package io.mlpservice.training;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.dataset.DatasetService;
import io.mlpservice.dataset.DatasetSliceConfiguration;
import io.mlpservice.insight.DriftMonitor;
import io.mlpservice.model.CreateModel;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.Prediction;
import io.mlpservice.web.NumberMatrix;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training jobs on stored datasets: the rows come from {@code datasetId}, validation rows from
 * {@code validationDatasetId}; a dataset in use by a waiting or running job cannot be deleted.
 */
@WebMvcTest(TrainingJobController.class)
@Import({WebSliceConfiguration.class, DatasetSliceConfiguration.class, JobDatasetUsers.class, TrainingJobService.class,
        TrainingStore.class, TrainingWorkers.class, JobQueue.class, JobRunner.class, JobEvents.class,
        TrainingMetrics.class, LossHistoryService.class, ModelService.class, DriftMonitor.class, ModelRegistry.class})
class TrainingFromDatasetTests {

    /** Three separable classes in two features; the label column sits between them. */
    private static final String TRAINING = """
            x,class,y
            0,a,0
            0.1,a,0.2
            0.2,a,-0.1
            3,b,3
            3.2,b,2.9
            2.9,b,3.1
            -3,c,3
            -2.9,c,3.1
            -3.1,c,2.8
            """;
    private static final String VALIDATION = """
            x,class,y
            0.05,a,0.1
            3.1,b,3
            -3,c,2.9
            """;

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private JsonMapper json;

    @Autowired
    private TrainingJobService jobs;

    @Autowired
    private JobEvents events;

    @Autowired
    private ModelService models;

    @Autowired
    private DatasetService datasets;

    private JobWatch watch;

    @BeforeEach
    void watchJobs() {
        watch = new JobWatch(events, jobs);
    }

    @AfterEach
    void cleanUp() {
        watch.release();
        for (JobRecord job : jobs.list(null, null)) {
            if (!job.status().isFinal()) {
                jobs.cancel(job.id());
            }
            watch.await(job.id(), j -> j.status().isFinal());
        }
        watch.close();
        models.list().forEach(model -> models.delete(model.id()));
        datasets.list().forEach(d -> datasets.delete(d.id()));
    }

    private String upload(String csv) {
        MvcTestResult created = mvc.post().uri("/api/v1/datasets?name=d&labelColumn=class")
                .contentType(MediaType.parseMediaType("text/csv")).content(csv).exchange();
        assertThat(created).hasStatus(201);
        return body(created).get("id").asString();
    }

    private String model(List<String> classes) {
        return models.create(new CreateModel("m", 2, List.of(8), "tanh", classes, null, 1L)).id();
    }

    private MvcTestResult submit(String modelId, String body) {
        return mvc.post().uri("/api/v1/models/" + modelId + "/training-jobs").contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    @Test
    void trainsOnADatasetAndMeasuresValidationOnAnother() {
        String training = upload(TRAINING);
        String validation = upload(VALIDATION);
        // the model numbers the classes in another order than the dataset meets them
        String modelId = model(List.of("c", "b", "a"));

        MvcTestResult submitted = submit(modelId, """
                {"datasetId": "%s", "validationDatasetId": "%s", "epochs": 200, "learningRate": 0.05}"""
                .formatted(training, validation));

        assertThat(submitted).hasStatus(202);
        String jobId = body(submitted).get("id").asString();
        JobRecord done = watch.await(jobId, job -> job.status().isFinal());
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.trainingRows()).isEqualTo(9);
        assertThat(done.validationRows()).isEqualTo(3);
        assertThat(done.latest().validationAccuracy()).isEqualTo(1.0);
        // model class 1 is "b", 0 is "c", 2 is "a"
        Prediction predicted = models.predict(modelId, null,
                NumberMatrix.of(new float[] {3, 3}, new float[] {-3, 3}, new float[] {0, 0}));
        for (int row = 0; row < 3; row++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = predicted.probabilities()[row * 3 + c] > predicted.probabilities()[row * 3 + best] ? c : best;
            }
            assertThat(best).as("row %d", row).isEqualTo(new int[] {1, 0, 2}[row]);
        }
    }

    @Test
    void aDatasetUsedByAWaitingOrRunningJobCannotBeDeleted() {
        String training = upload(TRAINING);
        String validation = upload(VALIDATION);
        String modelId = model(List.of("a", "b", "c"));
        watch.hold();
        String jobId = body(submit(modelId, """
                {"datasetId": "%s", "validationDatasetId": "%s", "epochs": 50}""".formatted(training, validation)))
                .get("id").asString();
        watch.awaitFirstEpoch(jobId);

        for (String id : List.of(training, validation)) {
            MvcTestResult refused = mvc.delete().uri("/api/v1/datasets/" + id).exchange();
            assertProblem(refused, 409, "dataset-in-use", "dataset '" + id + "' is used by training job '" + jobId
                    + "', which is queued or running; delete it once the job has ended, or cancel the job");
            assertThat(refused).bodyJson().extractingPath("$.jobId").isEqualTo(jobId);
        }

        jobs.cancel(jobId);
        watch.release();
        watch.awaitStatus(jobId, JobStatus.CANCELLED);
        assertThat(mvc.delete().uri("/api/v1/datasets/" + training).exchange()).hasStatus(204);
        assertThat(mvc.delete().uri("/api/v1/datasets/" + validation).exchange()).hasStatus(204);
    }

    @Test
    void refusesDatasetsThatDoNotFitTheModel() {
        String training = upload(TRAINING);
        String modelId = model(List.of("a", "b"));
        String wide = upload("x,y,z,class\n1,2,3,a\n");

        assertInvalid(submit(modelId, "{\"datasetId\": \"" + training + "\", \"epochs\": 5}"), "datasetId",
                "datasetId '" + training + "' has class 'c', which is not one of the model's classes: a, b");
        assertInvalid(submit(modelId, "{\"datasetId\": \"" + wide + "\", \"epochs\": 5}"), "datasetId",
                "datasetId '" + wide + "' has 3 feature columns; the model expects 2");
        String three = model(List.of("a", "b", "c"));
        assertInvalid(submit(three, "{\"datasetId\": \"" + training + "\", \"validationDatasetId\": \"" + training
                + "\", \"validationSplit\": 0.2, \"epochs\": 5}"), "validationSplit",
                "validationSplit is 0.2 while validationDatasetId gives the validation rows; send one or the other");
        assertInvalid(submit(three, "{\"datasetId\": \"" + training + "\", \"features\": [[0, 0]], \"epochs\": 5}"),
                "datasetId", "datasetId comes without features and labels: the dataset holds the rows");
        assertInvalid(submit(three, "{\"epochs\": 5}"), "features", "features is required (or datasetId, a stored dataset)");
        assertProblem(submit(three, "{\"datasetId\": \"nope\", \"epochs\": 5}"), 404, "dataset-not-found",
                "no dataset with id 'nope'");
        assertThat(jobs.list(null, null)).isEmpty();
    }
}
