package io.mlpservice.training;

import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.model.CreateModel;
import io.mlpservice.model.HiddenLayerRequest;
import io.mlpservice.model.ModelService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The workers' stop, as a SIGTERM starts it: new jobs are refused, running ones stop to continue later. */
@WebMvcTest(TrainingJobController.class)
@TrainingSlice
@TestPropertySource(properties = {"mlp.training.retry-after=9s"})
@DirtiesContext
class ShutdownTests {

    private static final String JOB = """
            {"features": [[0, 0], [0.1, 0.2], [3, 3], [3.2, 2.9]], "labels": ["a", "a", "b", "b"], "epochs": 40}""";

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private TrainingJobService jobs;

    @Autowired
    private TrainingWorkers workers;

    @Autowired
    private TrainingStore store;

    @Autowired
    private JobEvents events;

    @Autowired
    private ModelService models;

    @Test
    void stoppingRefusesNewJobsWith503AndLeavesTheRunningOneToContinueAtTheNextStart() throws Exception {
        String model = models.create(new CreateModel("m", null, 2, List.of(HiddenLayerRequest.ofUnits(4)), null, List.of("a", "b"), null, 3L)).id();
        String other = models.create(new CreateModel("n", null, 2, List.of(HiddenLayerRequest.ofUnits(4)), null, List.of("a", "b"), null, 3L)).id();
        try (JobWatch watch = new JobWatch(events, jobs)) {
            watch.hold();
            MvcTestResult accepted = mvc.post().uri("/api/v1/models/" + model + "/training-jobs")
                    .contentType(MediaType.APPLICATION_JSON).content(JOB).exchange();
            String jobId = accepted.getMvcResult().getResponse().getHeader("Location").replace("/api/v1/training-jobs/", "");
            watch.awaitFirstEpoch(jobId);

            Thread stopping = Thread.ofPlatform().start(workers::stop);
            while (!workers.draining()) {
                Thread.onSpinWait();         // the stop's first step, a moment away on the other thread
            }
            MvcTestResult refused = mvc.post().uri("/api/v1/models/" + other + "/training-jobs")
                    .contentType(MediaType.APPLICATION_JSON).content(JOB).exchange();
            assertProblem(refused, 503, "shutting-down",
                    "the service is shutting down and takes no new training jobs; submit it again once it is back");
            assertThat(refused).hasHeader("Retry-After", "9");
            assertThat(mvc.get().uri("/api/v1/training-jobs/" + jobId)).hasStatusOk();

            watch.release();
            stopping.join();
            JobRecord job = jobs.get(jobId);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertThat(job.cancelRequested()).isFalse();
            assertThat(store.history.count(jobId)).isEqualTo(1);
            assertThat(jobs.list(other, null)).isEmpty();
        }
    }
}
