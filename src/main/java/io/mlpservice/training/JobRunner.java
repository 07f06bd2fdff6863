package io.mlpservice.training;

import io.mlpservice.engine.Initializer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.engine.train.TrainingResult;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelNotFoundException;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelVersion;
import io.mlpservice.store.CorruptFileException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job on the calling worker thread, from its stored record and data to its end: a new
 * model version when it succeeds, the model released otherwise. A job stopped for a shutdown
 * stays RUNNING, to continue at the next start.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final TrainingStore store;
    private final ModelRegistry registry;
    private final MatMul matMul;

    JobRunner(TrainingStore store, ModelRegistry registry, MatMul matMul) {
        this.store = store;
        this.registry = registry;
        this.matMul = matMul;
    }

    /** Runs the job if it is still waiting (or was running when the service stopped). */
    void run(RunningJob handle, int threads) {
        String id = handle.jobId;
        Optional<JobRecord> claimed = store.transition(id, job -> job.status() == JobStatus.QUEUED
                ? job.started(now(), threads) : job);
        if (claimed.isEmpty() || claimed.get().status() != JobStatus.RUNNING) {
            return;
        }
        JobRecord job = claimed.get();
        if (job.cancelRequested()) {
            handle.cancel = true;
        }
        log.info("Training job {} started for model {}", id, job.modelId());
        try {
            ModelRecord model = registry.find(job.modelId()).orElseThrow(() -> new CancellationException("model deleted"));
            Dataset data = store.data.get(id).orElseThrow(() -> new IllegalStateException(
                    "the job's data is missing from the storage directory"));
            Network initial = new Network(model.spec(), Initializer.initialParameters(model.spec(), model.seed()),
                    Standardizer.identity(model.spec().inputSize()), matMul);
            Trainer.Prepared prepared = new Trainer(matMul, job.threads()).prepare(initial, data, job.config());
            store.history.truncate(id, 0);
            TrainingResult result = prepared.run(new Listener(handle));
            succeed(job, result);
        } catch (CancellationException e) {
            if (handle.suspend && !handle.cancel) {
                log.info("Training job {} stopped for the shutdown; it continues at the next start", id);
                store.history.sync(id);
            } else {
                end(job, r -> r.cancelled(now(), latest(id)));
                log.info("Training job {} cancelled: {}", id, e.getMessage());
            }
        } catch (CorruptFileException e) {
            fail(job, "the job's data failed verification and was moved to quarantine: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            fail(job, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("Training job {} failed unexpectedly", id, e);
            fail(job, e instanceof OutOfMemoryError
                    ? "the service ran out of memory during training; try fewer rows or a smaller model"
                    : "an unexpected error stopped the training; it has been logged");
        }
    }

    private void succeed(JobRecord job, TrainingResult result) {
        EpochStats best = result.history().get(result.bestEpoch() - 1);
        LossPoint metricsOfBest = LossPoint.of(job.id(), best);
        LossPoint last = LossPoint.of(job.id(), result.history().getLast());
        ModelVersion version;
        try {
            version = registry.publish(job.modelId(), job.id(), result.network(), metricsOfBest, now());
        } catch (ModelNotFoundException deleted) {
            end(job, r -> r.cancelled(now(), last));
            return;
        }
        StopReason reason = result.stopReason() == io.mlpservice.engine.train.StopReason.EARLY_STOPPED
                ? StopReason.EARLY_STOPPED : StopReason.COMPLETED;
        end(job, r -> r.succeeded(now(), last, result.bestEpoch(), reason, version.version()));
        log.info("Training job {} succeeded after {} epochs ({}): version {} of model {}", job.id(),
                result.history().size(), reason, version.version(), job.modelId());
    }

    private void fail(JobRecord job, String message) {
        end(job, r -> r.failed(now(), latest(job.id()), message));
        log.info("Training job {} failed: {}", job.id(), message);
    }

    /**
     * Ends the job: frees its model first, so that whoever sees the job ended finds the model free
     * (and, after a success, its new version serving), then stores the final record and frees
     * what the job held.
     */
    private void end(JobRecord job, java.util.function.UnaryOperator<JobRecord> ending) {
        registry.release(job.modelId(), job.id());
        Optional<JobRecord> ended = store.transition(job.id(), r -> r.status().isFinal() ? r : ending.apply(r));
        store.ended(job.id());
        if (ended.isEmpty()) {
            store.delete(job.id());           // deleted with its model while it ran
        }
    }

    private LossPoint latest(String jobId) {
        return store.progress.get(jobId).orElse(null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Records each epoch; stops on a cancellation, a shutdown or an interrupt. */
    private final class Listener implements TrainingListener {
        private final RunningJob handle;

        Listener(RunningJob handle) {
            this.handle = handle;
        }

        @Override
        public void onEpoch(EpochStats stats) {
            store.recordEpoch(LossPoint.of(handle.jobId, stats));
        }

        @Override
        public boolean isCancelled() {
            return handle.cancel || handle.suspend || Thread.currentThread().isInterrupted();
        }
    }
}
