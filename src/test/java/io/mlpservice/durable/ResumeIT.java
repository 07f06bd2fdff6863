package io.mlpservice.durable;

import static io.mlpservice.durable.RestartIT.IRIS_MODEL;
import static io.mlpservice.durable.RestartIT.ROWS;
import static io.mlpservice.durable.RestartIT.awaitEnd;
import static io.mlpservice.durable.RestartIT.create;
import static io.mlpservice.durable.RestartIT.irisJob;
import static io.mlpservice.durable.RestartIT.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job interrupted by the death of its process (SIGKILL) or by a shutdown (SIGTERM) continues
 * at the next start from its checkpoint, and ends with the bits of the same job never interrupted:
 * every epoch's figures, the final weights, the predictions. The job that waited behind it runs.
 */
class ResumeIT {

    private static final int EPOCHS = 40_000;
    private static final String[] OPTIONS = {"--mlp.training.workers=1", "--mlp.storage.checkpoint-interval=200ms"};

    @TempDir
    Path storage;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIGKILL", "SIGTERM"})
    void anInterruptedJobContinuesFromItsCheckpointAndEndsBitIdenticalToAnUninterruptedOne(String signal) {
        String model;
        String running;
        String waiting;
        int checkpointed;
        try (ServiceProcess service = ServiceProcess.start(storage, OPTIONS)) {
            model = create(service, IRIS_MODEL);
            String other = create(service, IRIS_MODEL);
            running = submit(service, model, irisJob(EPOCHS));
            waiting = submit(service, other, irisJob(20));
            // a checkpoint well into the run, so that much is restored
            checkpointed = epochOf(service.awaitLog(line -> line.contains("Training job " + running + " checkpointed")
                    && epochOf(line) >= 500));
            assertThat(service.get("/api/v1/training-jobs/" + waiting).get("status").asString()).isEqualTo("QUEUED");
            if (signal.equals("SIGKILL")) {
                assertThat(service.kill()).isEqualTo(137);
            } else {
                assertThat(service.terminate()).isIn(0, 143);
                checkpointed = epochOf(service.awaitLog(line -> line.contains("Training job " + running
                        + " stopped for the shutdown")));
                assertThat(service.log()).noneMatch(line -> line.contains(" ERROR "));
            }
        }
        assertThat(checkpointed).isPositive().isLessThan(EPOCHS);

        try (ServiceProcess service = ServiceProcess.start(storage, OPTIONS)) {
            JsonNode resumed = service.get("/api/v1/training-jobs/" + running);
            assertThat(resumed.get("restarts").asInt()).isEqualTo(1);
            int from = resumed.get("resumedFromEpoch").asInt();
            assertThat(from).isGreaterThanOrEqualTo(checkpointed);
            awaitEnd(service, running);
            awaitEnd(service, waiting);
            assertThat(service.get("/api/v1/training-jobs/" + waiting).get("status").asString()).isEqualTo("SUCCEEDED");

            String twin = create(service, IRIS_MODEL);
            String reference = submit(service, twin, irisJob(EPOCHS));
            awaitEnd(service, reference);

            JsonNode job = service.get("/api/v1/training-jobs/" + running);
            JsonNode uninterrupted = service.get("/api/v1/training-jobs/" + reference);
            assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("resumedFromEpoch").asInt()).isEqualTo(from);
            for (String figure : List.of("epochsCompleted", "trainingLoss", "trainingAccuracy", "validationLoss",
                    "validationAccuracy", "bestEpoch", "stopReason")) {
                assertThat(job.get(figure)).as(figure).isEqualTo(uninterrupted.get(figure));
            }
            List<JsonNode> history = history(service, model);
            assertThat(history).extracting(p -> p.get("epoch").asInt())
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, EPOCHS).boxed().toList());
            assertThat(history).isEqualTo(history(service, twin));
            assertThat(predictions(service, model)).isEqualTo(predictions(service, twin));
            System.out.printf("%s: the job had checkpointed epoch %d when it was interrupted; it continued after "
                    + "epoch %d and ended with training loss %s, the uninterrupted run's %s%n", signal, checkpointed,
                    from, job.get("trainingLoss"), uninterrupted.get("trainingLoss"));
        }
    }

    private static int epochOf(String line) {
        Matcher m = Pattern.compile("after epoch (\\d+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Every point of the model's history, without the job id and the duration, which differ by nature. */
    static List<JsonNode> history(ServiceProcess service, String model) {
        List<JsonNode> points = new ArrayList<>();
        while (true) {
            JsonNode page = service.get("/api/v1/models/" + model + "/loss-history?limit=10000&from=" + points.size());
            page.get("points").forEach(p -> {
                ObjectNode point = (ObjectNode) p.deepCopy();
                point.remove("jobId");
                point.remove("durationMillis");
                points.add(point);
            });
            if (points.size() >= page.get("total").asInt()) {
                return points;
            }
        }
    }

    private static JsonNode predictions(ServiceProcess service, String model) {
        return service.send("POST", "/api/v1/models/" + model + "/predictions", ROWS).body().get("predictions");
    }
}
