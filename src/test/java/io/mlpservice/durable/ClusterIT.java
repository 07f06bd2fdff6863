package io.mlpservice.durable;

import static io.mlpservice.durable.RestartIT.IRIS_MODEL;
import static io.mlpservice.durable.RestartIT.ROWS;
import static io.mlpservice.durable.RestartIT.create;
import static io.mlpservice.durable.RestartIT.irisJob;
import static io.mlpservice.durable.RestartIT.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three members of a cluster as child processes on loopback, each on its own HTTP and cluster
 * port, on one storage directory: a model created through one answers through the others with
 * the same bits; a job submitted through one runs on some member and is followed through another;
 * killed with its member, it continues on another from its last checkpoint and ends with the bits
 * of the same job run alone, while the survivors answer every prediction; a member stopped with
 * SIGTERM hands its job over at once; and the whole cluster, crashed, finds everything back.
 */
class ClusterIT {

    private static final int EPOCHS = 3_000;
    private static final int LONG = 1_000_000;
    /** A network whose epochs last long enough that a job of {@link #EPOCHS} outlives the steps before a kill. */
    private static final String WIDE_MODEL = IRIS_MODEL.replace("[16, 8]", "[256, 256]");
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(6);

    @TempDir
    Path storage;

    /** A member: the process and its cluster address. */
    record Member(ServiceProcess service, String address) {
    }

    private List<Member> startCluster() {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 3) {
            int port = ServiceProcess.freePort();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        String members = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
        List<CompletableFuture<Member>> starting = ports.stream().map(port -> CompletableFuture.supplyAsync(
                () -> new Member(ServiceProcess.start(storage, "--mlp.cluster.enabled=true",
                        "--mlp.cluster.port=" + port, "--mlp.cluster.members=" + members,
                        "--mlp.cluster.network-interface=127.0.0.1",
                        "--mlp.cluster.heartbeat-timeout=" + HEARTBEAT_TIMEOUT.toSeconds() + "s",
                        "--mlp.training.workers=1", "--mlp.training.threads-per-job=1",
                        "--mlp.storage.checkpoint-interval=200ms",
                        "--logging.level.io.mlpservice.web.RequestLogFilter=warn"), "127.0.0.1:" + port)))
                .toList();
        return starting.stream().map(CompletableFuture::join).toList();
    }

    private static List<ServiceProcess> services(List<Member> members) {
        return members.stream().map(Member::service).toList();
    }

    private static Member find(List<Member> members, ServiceProcess service) {
        return members.stream().filter(m -> m.service() == service).findFirst().orElseThrow();
    }

    private static void awaitEnd(List<Member> members, String jobId) {
        try {
            ServiceProcess.awaitAnyLog(services(members), line -> line.contains("Training job " + jobId)
                    && (line.contains(" succeeded ") || line.contains(" failed") || line.contains(" cancelled")));
        } catch (AssertionError notSeen) {
            JsonNode job = members.getFirst().service().get("/api/v1/training-jobs/" + jobId);
            throw new AssertionError("job " + jobId + " was not seen ending; it reads " + job + "; its lines: "
                    + members.stream().flatMap(m -> m.service().log().stream())
                            .filter(line -> line.contains(jobId)).toList(), notSeen);
        }
    }

    private static Member awaitStart(List<Member> members, String jobId) {
        return find(members, ServiceProcess.awaitAnyLog(services(members),
                line -> line.contains("Training job " + jobId + " started")).service());
    }

    private static String predict(Member member, String model) {
        return member.service().send("POST", "/api/v1/models/" + model + "/predictions", ROWS).raw().body();
    }

    /** The predictions alone, without the ids of the model and its version's job. */
    private static JsonNode probabilities(Member member, String model) {
        return member.service().send("POST", "/api/v1/models/" + model + "/predictions", ROWS).body().get("predictions");
    }

    private static int epochOf(String line) {
        Matcher m = Pattern.compile("after epoch (\\d+)").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void membersShareTheRegistryTakeOverTheJobsOfAMemberThatDiesAndACrashedClusterFindsEverythingBack() {
        List<Member> cluster = startCluster();
        List<Member> restarted = List.of();
        try {
            Member first = cluster.get(0);
            Member third = cluster.get(2);

            // A model created and trained through member 1 answers through members 2 and 3 with the same bits.
            String model = create(first.service(), IRIS_MODEL);
            String trained = submit(first.service(), model, irisJob(30));
            awaitEnd(cluster, trained);
            String predictions = predict(first, model);
            assertThat(predictions).contains("\"label\":\"setosa\"");
            assertThat(predict(cluster.get(1), model)).isEqualTo(predictions);
            assertThat(predict(third, model)).isEqualTo(predictions);

            // A job submitted through member 3 runs on some member and is followed through another.
            String movingModel = create(third.service(), WIDE_MODEL);
            String moving = submit(third.service(), movingModel, irisJob(EPOCHS));
            Member runner = awaitStart(cluster, moving);
            List<Member> survivors = cluster.stream().filter(m -> m != runner).toList();
            Member observer = survivors.get(0);
            int checkpointed = epochOf(runner.service().awaitLog(line -> line.contains("Training job " + moving
                    + " checkpointed") && epochOf(line) >= 300));
            JsonNode followed = observer.service().get("/api/v1/training-jobs/" + moving);
            assertThat(followed.get("status").asString()).isEqualTo("RUNNING");
            assertThat(followed.get("member").asString()).isEqualTo(runner.address());
            assertThat(observer.service().get("/api/v1/models/" + movingModel + "/loss-history?limit=1")
                    .get("total").asInt()).isGreaterThanOrEqualTo(checkpointed);

            // The other two members busy with long jobs, and a job waiting, submitted through the member about to die.
            List<String> busy = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                busy.add(submit(observer.service(), create(observer.service(), IRIS_MODEL), irisJob(LONG)));
            }
            assertThat(busy.stream().map(job -> awaitStart(cluster, job))).containsExactlyInAnyOrderElementsOf(survivors);
            String waiting = submit(runner.service(), create(runner.service(), IRIS_MODEL), irisJob(20));
            JsonNode queued = observer.service().get("/api/v1/training-jobs/" + waiting);
            assertThat(queued.get("status").asString()).isEqualTo("QUEUED");
            assertThat(queued.get("member").isNull()).isTrue();
            List<String> modelsBefore = ids(observer.service().get("/api/v1/models"));
            JsonNode versionsBefore = observer.service().get("/api/v1/models/" + model + "/versions");
            List<String> jobsBefore = ids(observer.service().get("/api/v1/training-jobs"));

            PredictionProbe probe = PredictionProbe.start(services(cluster), model, predictions);
            long killedAt = System.nanoTime();
            assertThat(runner.service().kill()).isEqualTo(137);
            for (String job : busy) {                   // through the first survivor, whichever member runs it
                assertThat(observer.service().send("POST", "/api/v1/training-jobs/" + job + "/cancel", null).status())
                        .isEqualTo(202);
            }
            ServiceProcess.Said takeover = ServiceProcess.awaitAnyLog(services(survivors),
                    line -> line.contains("Training job " + moving + " taken over by "));
            Duration resumedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            Member resumer = find(survivors, takeover.service());
            int resumedFrom = epochOf(takeover.line());
            assertThat(takeover.line()).contains("taken over by " + resumer.address() + " from " + runner.address()
                    + " (restart 1, after epoch " + resumedFrom + ")");
            assertThat(resumedFrom).isGreaterThanOrEqualTo(checkpointed);
            assertThat(resumer.service().awaitLog(line -> line.contains("Training job " + moving + " continues after")))
                    .as("the epoch the record names is the checkpoint's").contains("continues after epoch " + resumedFrom
                            + " from its checkpoint");
            assertThat(resumedAfter).as("from the kill to the takeover").isLessThan(HEARTBEAT_TIMEOUT.multipliedBy(3));
            awaitEnd(survivors, moving);
            awaitEnd(survivors, waiting);
            busy.forEach(job -> awaitEnd(survivors, job));

            // Nothing was lost with the member: models, versions, jobs, the waiting job, which ran.
            assertThat(ids(observer.service().get("/api/v1/models"))).isEqualTo(modelsBefore);
            assertThat(observer.service().get("/api/v1/models/" + model + "/versions")).isEqualTo(versionsBefore);
            assertThat(ids(observer.service().get("/api/v1/training-jobs"))).isEqualTo(jobsBefore);
            JsonNode ran = observer.service().get("/api/v1/training-jobs/" + waiting);
            assertThat(ran.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(busy.stream().map(job -> observer.service().get("/api/v1/training-jobs/" + job)
                    .get("status").asString())).containsOnly("CANCELLED");

            // The moved job ends with the bits of the same job run alone.
            String twin = create(observer.service(), WIDE_MODEL);
            String reference = submit(observer.service(), twin, irisJob(EPOCHS));
            awaitEnd(survivors, reference);
            JsonNode job = observer.service().get("/api/v1/training-jobs/" + moving);
            JsonNode alone = observer.service().get("/api/v1/training-jobs/" + reference);
            assertSameRun(job, alone);
            assertThat(job.get("restarts").asInt()).isEqualTo(1);
            assertThat(job.get("resumedFromEpoch").asInt()).isEqualTo(resumedFrom);
            assertThat(job.get("member").asString()).isEqualTo(resumer.address());
            assertThat(ResumeIT.history(observer.service(), movingModel)).isEqualTo(ResumeIT.history(observer.service(), twin));
            assertThat(probabilities(observer, movingModel)).isEqualTo(probabilities(observer, twin));

            PredictionProbe.Counts counts = probe.stop();
            assertThat(counts.failed(runner.service())).as("failures through the killed member").isPositive();
            for (Member survivor : survivors) {
                assertThat(counts.failed(survivor.service())).as("failures through %s", survivor.address()).isZero();
                assertThat(counts.answeredAfter(survivor.service(), killedAt)).as("answers of %s after the kill",
                        survivor.address()).isPositive();
            }
            System.out.printf("Cluster: job %s ran on %s, killed after its checkpoint of epoch %d; %s took it over "
                            + "after %d ms and continued after epoch %d; final training loss %s, the uninterrupted run's "
                            + "%s; predictions answered by the survivors %s, failed through the dead member %d%n",
                    moving, runner.address(), checkpointed, resumer.address(), resumedAfter.toMillis(), resumedFrom,
                    job.get("trainingLoss"), alone.get("trainingLoss"), survivors.stream()
                            .map(s -> s.address() + "=" + counts.answered(s.service())).toList(),
                    counts.failed(runner.service()));

            // A member stopped with SIGTERM hands its job over; then the whole cluster crashes while it runs.
            String handedModel = create(observer.service(), WIDE_MODEL);
            String handed = submit(observer.service(), handedModel, irisJob(EPOCHS));
            JsonNode modelBeforeCrash = observer.service().get("/api/v1/models/" + model);
            List<String> modelsBeforeCrash = ids(observer.service().get("/api/v1/models"));
            JsonNode historyBeforeCrash = observer.service().get("/api/v1/models/" + model + "/loss-history");
            JsonNode jobBeforeCrash = observer.service().get("/api/v1/training-jobs/" + reference);
            Member holder = awaitStart(survivors, handed);
            Member last = survivors.stream().filter(m -> m != holder).findFirst().orElseThrow();
            holder.service().awaitLog(line -> line.contains("Training job " + handed + " checkpointed")
                    && epochOf(line) >= 300);
            assertThat(holder.service().terminate()).isIn(0, 143);
            int handedAt = epochOf(holder.service().awaitLog(line -> line.contains("Training job " + handed
                    + " stopped for the shutdown") && line.contains("handed over to the other members")));
            assertThat(last.service().awaitLog(line -> line.contains("Training job " + handed + " taken over by "
                    + last.address()))).endsWith("(restart 1, after epoch " + handedAt + ")");
            last.service().awaitLog(line -> line.contains("Training job " + handed
                    + " checkpointed") && epochOf(line) > handedAt);
            assertThat(last.service().kill()).isEqualTo(137);

            restarted = startCluster();
            Member any = restarted.get(1);
            for (Member member : restarted) {
                assertThat(ids(member.service().get("/api/v1/models"))).isEqualTo(modelsBeforeCrash);
                assertThat(member.service().get("/api/v1/models/" + model)).isEqualTo(modelBeforeCrash);
                assertThat(predict(member, model)).isEqualTo(predictions);
            }
            assertThat(any.service().get("/api/v1/models/" + model + "/versions")).isEqualTo(versionsBefore);
            assertThat(any.service().get("/api/v1/models/" + model + "/loss-history")).isEqualTo(historyBeforeCrash);
            assertThat(any.service().get("/api/v1/training-jobs/" + reference)).isEqualTo(jobBeforeCrash);
            awaitEnd(restarted, handed);
            JsonNode afterTwoMoves = any.service().get("/api/v1/training-jobs/" + handed);
            assertThat(afterTwoMoves.get("restarts").asInt()).isEqualTo(2);
            assertSameRun(afterTwoMoves, alone);
            assertThat(ResumeIT.history(any.service(), handedModel)).isEqualTo(ResumeIT.history(any.service(), twin));
            assertThat(probabilities(any, handedModel)).isEqualTo(probabilities(any, twin));
            for (Member member : union(cluster, restarted)) {
                member.service().log().stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                        .forEach(line -> System.out.println(member.address() + " | " + line));
                assertThat(member.service().log()).as("errors logged by %s", member.address())
                        .noneMatch(line -> line.contains(" ERROR "));
            }
        } finally {
            cluster.forEach(member -> member.service().close());
            restarted.forEach(member -> member.service().close());
        }
    }

    private static List<Member> union(List<Member> first, List<Member> second) {
        List<Member> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The same run: every figure of its end, the durations aside. */
    private static void assertSameRun(JsonNode job, JsonNode alone) {
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        for (String figure : List.of("epochsCompleted", "trainingLoss", "trainingAccuracy", "validationLoss",
                "validationAccuracy", "bestEpoch", "stopReason")) {
            assertThat(job.get(figure)).as(figure).isEqualTo(alone.get(figure));
        }
    }

    /** The ids of a list, in its order. */
    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
