package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Task;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.model.LossPoint;
import io.mlpservice.store.Storage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm-started job's record: what it goes on from survives a restart of the durable store, a
 * restart before its first checkpoint goes on after the version's epochs, and its view counts its
 * own epochs while numbering them on from the version's.
 */
class WarmStartRecordTests {

    private static final TrainingConfig CONFIG = new TrainingConfig(50, 16, OptimizerSpec.adam(0.01f), 0f, 0, null,
            true, true, 7L);

    @TempDir
    Path dir;

    private static JobRecord job(WarmStart warm) {
        return JobRecord.queued("job-1", "model-1", CONFIG, 16, 90, 0, 1024, 4096, Instant.EPOCH, warm);
    }

    @Test
    void theVersionAJobGoesOnFromSurvivesARestart() {
        try (Storage storage = Storage.open(dir)) {
            new TrainingStore(storage, new JobEvents()).insert(job(new WarmStart(3, 50)));
        }
        try (Storage storage = Storage.open(dir)) {
            JobRecord read = new TrainingStore(storage, new JobEvents()).get("job-1");

            assertThat(read.warmStart()).isEqualTo(new WarmStart(3, 50));
            assertThat(read.lastEpoch()).isEqualTo(100);
        }
    }

    @Test
    void aRestartBeforeTheFirstCheckpointGoesOnAfterTheVersionsEpochs() {
        try (Storage storage = Storage.open(dir)) {
            TrainingStore store = new TrainingStore(storage, new JobEvents());
            JobRecord running = job(new WarmStart(3, 50)).started(Instant.EPOCH, 1);

            JobRecord resumed = store.resumePoint("job-1", Task.CLASSIFICATION).resume(running);

            assertThat(resumed.resumedFromEpoch()).isEqualTo(50);
            assertThat(resumed.restarts()).isEqualTo(1);
            assertThat(resumed.latest()).isNull();
        }
    }

    @Test
    void theViewCountsTheJobsOwnEpochsNumberedOnFromTheVersions() {
        LossPoint epoch70 = new LossPoint("job-1", 70, 0.3, 0.9, null, null, null, null, 1.0, 0.01);

        TrainingJobResponse warm = TrainingJobResponse.from(
                job(new WarmStart(3, 50)).started(Instant.EPOCH, 1).withLatest(epoch70), List.of("a", "b", "c"));
        TrainingJobResponse cold = TrainingJobResponse.from(job(null), List.of("a", "b", "c"));

        assertThat(warm.firstEpoch()).isEqualTo(51);
        assertThat(warm.epochsCompleted()).isEqualTo(20);
        assertThat(warm.progress()).isEqualTo(0.4);
        assertThat(warm.warmStart()).isTrue();
        assertThat(warm.warmStartedFromVersion()).isEqualTo(3);
        assertThat(cold.firstEpoch()).isEqualTo(1);
        assertThat(cold.warmStart()).isFalse();
        assertThat(cold.warmStartedFromVersion()).isNull();
    }
}
