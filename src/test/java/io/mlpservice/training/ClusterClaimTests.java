package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mlpservice.cluster.EmbeddedCluster;
import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingCheckpoint;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.engine.train.TrainingSuspendedException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The training queue of a cluster is its jobs table: workers of two members claiming at once never
 * both take a job, and the jobs of a member that dies are taken over by the other, each once, as
 * a restart from their last checkpoint (the checkpoint's epoch, even when the record lags it).
 */
class ClusterClaimTests {

    private static final int JOBS = 24;
    private static final int WORKERS = 3;

    @TempDir
    Path dir;

    /** One member's side: its store, its queue, and the jobs its workers claimed. */
    private record Member(TrainingStore store, JobQueue queue, List<String> claimed) {
    }

    private static final MlpServiceProperties PROPERTIES = Binder.get(new StandardEnvironment())
            .bindOrCreate("mlp", MlpServiceProperties.class);

    private static Member member(TrainingStore store) {
        return new Member(store, new JobQueue(PROPERTIES, store), Collections.synchronizedList(new ArrayList<>()));
    }

    private static JobRecord queued(int i) {
        TrainingConfig config = new TrainingConfig(10, 0, OptimizerSpec.adam(0.001f), 0f, 0, null, true, true, 1L);
        return JobRecord.queued("job-%02d".formatted(i), "model-%02d".formatted(i), config, 8, 8, 0, 128, 4096,
                Instant.parse("2026-11-30T10:00:00Z").plusSeconds(i), null);
    }

    /** The state of a small run stopped after {@code epochs} epochs, as a running job's checkpoint. */
    private static TrainingCheckpoint checkpointAfter(int epochs) {
        NetworkSpec spec = new NetworkSpec(2, List.of(4), Activation.TANH, 2);
        Dataset data = new Dataset(new float[] {0, 0, 0.1f, 0.2f, 3, 3, 3.2f, 2.9f}, new int[] {0, 0, 1, 1}, 2);
        TrainingConfig config = new TrainingConfig(100, 0, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 1L);
        AtomicInteger ended = new AtomicInteger();
        TrainingListener stopAfter = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                ended.incrementAndGet();
            }

            @Override
            public boolean suspendRequested() {
                return ended.get() >= epochs;
            }
        };
        Trainer.Prepared run = new Trainer(MatMuls.defaultKernel(), 1).prepare(Network.initialize(spec, 3), data, config);
        return catchThrowableOfType(TrainingSuspendedException.class, () -> run.run(stopAfter)).checkpoint();
    }

    /** Starts the member's workers, each claiming jobs and counting them down, until its queue closes. */
    private static List<Future<?>> work(ExecutorService pool, Member member, CountDownLatch claims) {
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(pool.submit(() -> {
                for (String job; (job = member.queue().take()) != null; ) {
                    member.claimed().add(job);
                    claims.countDown();
                }
                return null;
            }));
        }
        return workers;
    }

    /** Waits for the claims, then closes the queues and waits for their workers to return. */
    private static void awaitClaims(CountDownLatch claims, List<Future<?>> workers, Member... members)
            throws Exception {
        assertThat(claims.await(60, TimeUnit.SECONDS)).as("%d claims missing", claims.getCount()).isTrue();
        for (Member member : members) {
            member.queue().close();
        }
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void workersOfTwoMembersNeverBothClaimAJobAndTheSurvivorTakesOverTheJobsOfTheOneThatDied() throws Exception {
        try (EmbeddedCluster cluster = EmbeddedCluster.start(dir, 2)) {
            Member a = member(new TrainingStore(cluster.storage(0), new JobEvents()));
            Member b = member(new TrainingStore(cluster.storage(1), new JobEvents()));
            for (int i = 0; i < JOBS; i++) {
                a.store().insert(queued(i));
            }
            ExecutorService pool = Executors.newCachedThreadPool();
            try {
                CountDownLatch claims = new CountDownLatch(JOBS);
                List<Future<?>> workers = new ArrayList<>(work(pool, a, claims));
                workers.addAll(work(pool, b, claims));
                awaitClaims(claims, workers, a, b);

                List<String> all = new ArrayList<>(a.claimed());
                all.addAll(b.claimed());
                assertThat(all).as("every job claimed exactly once").hasSize(JOBS).doesNotHaveDuplicates();
                String addressA = a.store().self();
                String addressB = b.store().self();
                for (String job : a.claimed()) {
                    assertThat(b.store().get(job)).extracting(JobRecord::status, JobRecord::member, JobRecord::restarts)
                            .containsExactly(JobStatus.RUNNING, addressA, 0);
                }
                for (String job : b.claimed()) {
                    assertThat(a.store().get(job).member()).isEqualTo(addressB);
                }
                assertThat(a.claimed()).as("both members took some").isNotEmpty();
                assertThat(b.claimed()).isNotEmpty();

                // The member dies after storing a checkpoint and before its record says so.
                String checkpointed = a.claimed().get(0);
                TrainingCheckpoint checkpoint = checkpointAfter(7);
                a.store().checkpoints.put(checkpointed, new CheckpointCodec.Stored(checkpoint, "java"));
                assertThat(checkpoint.epochsCompleted()).isEqualTo(7);
                assertThat(a.store().get(checkpointed).latest()).isNull();

                cluster.kill(0);
                Member survivor = member(b.store());
                CountDownLatch takeovers = new CountDownLatch(a.claimed().size());
                awaitClaims(takeovers, work(pool, survivor, takeovers), survivor);
                assertThat(survivor.claimed()).containsExactlyInAnyOrderElementsOf(a.claimed());
                for (String job : a.claimed()) {
                    assertThat(survivor.store().get(job)).extracting(JobRecord::member, JobRecord::restarts,
                            JobRecord::resumedFromEpoch).containsExactly(addressB, 1, job.equals(checkpointed) ? 7 : 0);
                }
                assertThat(survivor.store().get(checkpointed).latest().epoch()).as("the figures of the checkpoint's epoch")
                        .isEqualTo(7);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
