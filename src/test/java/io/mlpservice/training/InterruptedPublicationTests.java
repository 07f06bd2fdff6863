package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Initializer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.train.StopReason;
import io.mlpservice.model.CreateModel;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.HiddenLayerRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * A process stopped after a job stored its version and before it stored its own end: the next
 * run of the job records it as succeeded with that version instead of training it again and
 * publishing a second one.
 */
@WebMvcTest(TrainingJobController.class)
@TrainingSlice
@DirtiesContext
class InterruptedPublicationTests {

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
    private JobRunner runner;

    @Autowired
    private ModelService models;

    @Autowired
    private ModelRegistry registry;

    @Autowired
    private MatMul matMul;

    @Test
    void aRunningJobWhoseVersionIsStoredEndsAsSucceededWithThatVersionAndTrainsNoMore() throws Exception {
        ModelRecord model = models.create(new CreateModel("m", null, 2, List.of(HiddenLayerRequest.ofUnits(4)), null, List.of("a", "b"), null, 3L));
        String jobId;
        try (JobWatch watch = new JobWatch(events, jobs)) {
            watch.hold();
            String location = mvc.post().uri("/api/v1/models/" + model.id() + "/training-jobs")
                    .contentType(MediaType.APPLICATION_JSON).content(JOB).exchange()
                    .getMvcResult().getResponse().getHeader("Location");
            jobId = location.replace("/api/v1/training-jobs/", "");
            watch.awaitFirstEpoch(jobId);
            Thread stopping = Thread.ofPlatform().start(workers::stop);
            while (!workers.draining()) {
                Thread.onSpinWait();         // the job is told to stop before the workers report draining
            }
            watch.release();
            stopping.join();
        }
        assertThat(jobs.get(jobId).status()).isEqualTo(JobStatus.RUNNING);
        LossPoint best = new LossPoint(jobId, 1, 0.5, 0.75, null, null, null, null, 3L, null);
        Network network = new Network(model.spec(), Initializer.initialParameters(model.spec(), model.seed()),
                Standardizer.identity(2), matMul);
        registry.publish(model.id(), jobId, network, best, Instant.parse("2026-11-30T12:00:00Z"));

        runner.run(new RunningJob(jobId), 1);

        JobRecord job = jobs.get(jobId);
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.version()).isEqualTo(1);
        assertThat(job.bestEpoch()).isEqualTo(1);
        assertThat(job.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(job.latest().epoch()).as("the last recorded epoch").isEqualTo(1);
        assertThat(store.history.count(jobId)).as("no epoch trained again").isEqualTo(1);
        assertThat(models.versions(model.id())).hasSize(1);
        assertThat(models.get(model.id())).extracting(ModelRecord::servingVersion, ModelRecord::activeJobId)
                .containsExactly(1, null);
        assertThat(mvc.get().uri("/api/v1/training-jobs/" + jobId)).bodyJson()
                .extractingPath("$.status").isEqualTo("SUCCEEDED");
    }
}
