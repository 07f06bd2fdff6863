package io.mlpservice.training;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.ComputeBudget;
import io.mlpservice.engine.Initializer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.StopReason;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingCheckpoint;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.engine.train.TrainingResult;
import io.mlpservice.engine.train.TrainingSuspendedException;
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
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job on the calling worker thread, from its stored record and data to its end: a new
 * model version when it succeeds, the model released otherwise. While it runs it saves its whole
 * state (a checkpoint) every {@code mlp.storage.checkpoint-interval}; a job stopped for a shutdown
 * saves it and stays RUNNING, and a job found RUNNING at start-up continues from its checkpoint
 * with the bits of a run never interrupted. In a cluster a job stopped for a shutdown is handed
 * over (another member continues it from the checkpoint at once), and a job ends naming the
 * member that ended it. A warm-started job goes on from the version it chose when submitted, its
 * weights, standardisation and saved training state, and its version keeps the state it ended in.
 */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final TrainingStore store;
    private final ModelRegistry registry;
    private final MatMul matMul;
    private final long checkpointNanos;
    private final WarmStarts warmStarts;

    JobRunner(TrainingStore store, ModelRegistry registry, MatMul matMul, MlpServiceProperties properties) {
        this.warmStarts = new WarmStarts(registry);
        this.store = store;
        this.registry = registry;
        this.matMul = matMul;
        this.checkpointNanos = properties.storage().checkpointInterval().toNanos();
    }

    /** Runs the job if it is still waiting, or continues it if it was running when the service stopped. */
    void run(RunningJob handle, int threads) {
        String id = handle.jobId;
        Optional<JobRecord> claimed = store.transition(id, job -> job.status() == JobStatus.QUEUED
                ? job.started(now(), threads) : job);
        if (claimed.isEmpty() || claimed.get().status() != JobStatus.RUNNING) {
            return;
        }
        JobRecord job = claimed.get();
        Optional<ModelVersion> published = registry.versionPublishedBy(job.modelId(), id);
        if (published.isPresent()) {
            recordPublished(job, published.get());
            return;
        }
        if (job.cancelRequested()) {
            handle.cancel = true;
        }
        Task task = Task.CLASSIFICATION;
        try {
            ModelRecord model = registry.find(job.modelId()).orElseThrow(() -> new CancellationException("model deleted"));
            task = model.spec().task();
            Dataset data = store.data.get(id).orElseThrow(() -> new IllegalStateException(
                    "the job's data is missing from the storage directory"));
            // validation rows were given apart when the job has some without a split
            Dataset validation = job.validationRows() > 0 && job.config().validationSplit() == 0
                    ? store.validation.get(id).orElseThrow(() -> new IllegalStateException(
                            "the job's validation rows are missing from the storage directory"))
                    : null;
            Trainer trainer = new Trainer(matMul, job.threads());
            Trainer.Prepared prepared;
            if (job.warmStart() != null && job.warmStart().fromVersion() != null) {
                WarmStarts.Start start = warmStarts.whenRunning(model, job.warmStart());
                prepared = trainer.prepareWarmStart(start.network(), start.state(), data, validation, job.config());
            } else {
                Network initial = new Network(model.spec(), Initializer.initialParameters(model.spec(), model.seed()),
                        Standardizer.identity(model.spec().inputSize()), matMul);
                prepared = trainer.prepare(initial, data, validation, job.config());
            }
            TrainingCheckpoint from = checkpoint(job);
            // the history holds one entry per epoch of this job, numbered on after a warm start's version's
            store.history.truncate(id, from == null ? 0 : from.epochsCompleted() - job.epochsBefore());
            if (from == null) {
                log.info("Training job {} started for model {}", id, job.modelId());
            } else {
                log.info("Training job {} continues after epoch {} from its checkpoint", id, from.epochsCompleted());
                if (from.last() != null && from.last().epoch() > job.epochsBefore()) {
                    // the figures it continues after, their metric named for the task
                    LossPoint last = LossPoint.of(id, from.last(), task);
                    store.transition(id, j -> j.withLatest(last));
                }
            }
            Listener listener = new Listener(handle, task);
            TrainingResult result;
            ComputeBudget.acquire(job.threads());
            try {
                result = from == null ? prepared.run(listener) : prepared.run(listener, from);
            } finally {
                ComputeBudget.release(job.threads());
            }
            succeed(job, result, task);
        } catch (TrainingSuspendedException suspended) {
            if (handle.lost) {
                log.warn("Training job {} stopped after epoch {}: another member runs it now", id,
                        suspended.checkpoint().epochsCompleted());
                return;
            }
            save(id, suspended.checkpoint(), task);
            if (store.cluster == null) {
                log.info("Training job {} stopped for the shutdown after epoch {}; it continues at the next start", id,
                        suspended.checkpoint().epochsCompleted());
            } else {
                handOver(id);
                log.info("Training job {} stopped for the shutdown after epoch {}; handed over to the other members",
                        id, suspended.checkpoint().epochsCompleted());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("Training job {} was interrupted before it could start; it continues at the next start", id);
        } catch (CancellationException e) {
            end(job, r -> r.cancelled(now(), latest(id)));
            log.info("Training job {} cancelled: {}", id, e.getMessage());
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

    /** The job's checkpoint, if it has a usable one; a damaged one is quarantined and the job starts over. */
    private TrainingCheckpoint checkpoint(JobRecord job) {
        Optional<CheckpointCodec.Stored> stored;
        try {
            stored = store.checkpoints.get(job.id());
        } catch (CorruptFileException e) {
            log.warn("Training job {} starts over: its checkpoint failed verification ({})", job.id(), e.getMessage());
            return null;
        }
        if (stored.isPresent() && !stored.get().kernel().equals(matMul.name())) {
            log.warn("Training job {} continues on the {} kernel; its checkpoint was computed on {}, so its bits will "
                    + "differ from a run never interrupted", job.id(), matMul.name(), stored.get().kernel());
        }
        return stored.map(CheckpointCodec.Stored::checkpoint).orElse(null);
    }

    /**
     * Saves a checkpoint: the loss history is forced to disk first, so that the checkpoint never
     * names an epoch whose point could be lost; then the checkpoint; then the job's record.
     */
    private void save(String id, TrainingCheckpoint checkpoint, Task task) {
        store.history.sync(id);
        store.checkpoints.put(id, new CheckpointCodec.Stored(checkpoint, matMul.name()));
        if (checkpoint.last() != null) {
            LossPoint last = LossPoint.of(id, checkpoint.last(), task);
            store.transition(id, job -> job.withLatest(last));
        }
    }

    /** Gives the job up after its last checkpoint: its history closed here, its record naming no member. */
    private void handOver(String id) {
        String self = store.self();
        store.history.release(id);
        store.transition(id, job -> job.status() == JobStatus.RUNNING && self.equals(job.member()) ? job.by(null) : job);
    }

    private void succeed(JobRecord job, TrainingResult result, Task task) {
        LossPoint metricsOfBest = LossPoint.of(job.id(), result.best(), task);
        LossPoint last = LossPoint.of(job.id(), result.last(), task);
        ModelVersion version;
        try {
            version = registry.publish(job.modelId(), job.id(), result.network(), result.endState(), metricsOfBest,
                    now());
        } catch (ModelNotFoundException deleted) {
            end(job, r -> r.cancelled(now(), last));
            return;
        }
        StopReason reason = result.stopReason();
        end(job, r -> r.succeeded(now(), last, result.bestEpoch(), reason, version.version()));
        log.info("Training job {} succeeded after {} epochs ({}): version {} of model {}", job.id(), result.epochs(),
                reason, version.version(), job.modelId());
    }

    /**
     * Ends a job whose version was stored before the service stopped, without training it again:
     * its figures are those of its last recorded epoch and of the version's best one.
     */
    private void recordPublished(JobRecord job, ModelVersion version) {
        long recorded = store.history.count(job.id());
        LossPoint last = recorded == 0 ? job.latest() : store.history.read(job.id(), recorded - 1, 1).getFirst();
        StopReason reason = last != null && last.epoch() >= job.lastEpoch()
                ? StopReason.COMPLETED : StopReason.EARLY_STOPPED;
        end(job, r -> r.succeeded(now(), last, version.metrics().epoch(), reason, version.version()));
        log.info("Training job {} had stored version {} of model {} before the service stopped; it is recorded as "
                + "succeeded", job.id(), version.version(), job.modelId());
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
    private void end(JobRecord job, UnaryOperator<JobRecord> ending) {
        registry.release(job.modelId(), job.id());
        String self = store.self();
        Optional<JobRecord> ended = store.transition(job.id(), r -> r.status().isFinal() ? r : ending.apply(r).by(self));
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

    /** Records each epoch, saves checkpoints on time, stops on a cancellation or a shutdown. */
    private final class Listener implements TrainingListener {
        private final RunningJob handle;
        private final Task task;
        private long lastSave = System.nanoTime();

        Listener(RunningJob handle, Task task) {
            this.handle = handle;
            this.task = task;
        }

        @Override
        public void onEpoch(EpochStats stats) {
            store.recordEpoch(LossPoint.of(handle.jobId, stats, task));
        }

        @Override
        public boolean isCancelled() {
            return handle.cancel;
        }

        @Override
        public boolean suspendRequested() {
            return handle.suspend || handle.lost;
        }

        @Override
        public boolean checkpointDue(int epoch) {
            return !handle.lost && System.nanoTime() - lastSave >= checkpointNanos;
        }

        @Override
        public void onCheckpoint(TrainingCheckpoint checkpoint) {
            save(handle.jobId, checkpoint, task);
            lastSave = System.nanoTime();
            log.info("Training job {} checkpointed after epoch {}", handle.jobId, checkpoint.epochsCompleted());
        }
    }
}
