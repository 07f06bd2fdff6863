package io.mlpservice.training;

import io.micrometer.core.instrument.MeterRegistry;
import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.Initializer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.StopReason;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.engine.train.TrainingResult;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.Model;
import io.mlpservice.model.ModelDeletedEvent;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.TrainedState;
import io.mlpservice.web.InvalidInputException;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, runs them on the bounded {@link TrainingExecutor} and keeps their
 * state. A submission is checked completely (data against the model, hyperparameters, limits,
 * the validation split) before the job exists; a model has at most one queued or running job;
 * and its weights change only when a job succeeds.
 */
@Service
public class TrainingJobService {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobService.class);

    private final ModelRegistry models;
    private final TrainingExecutor executor;
    private final TrainingRequestMapper mapper;
    private final Trainer trainer;
    private final MatMul matMul;
    private final ConcurrentMap<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Runnable> queued = new ConcurrentHashMap<>();
    private final TrainingMetrics metrics;

    TrainingJobService(ModelRegistry models, TrainingExecutor executor, MlpServiceProperties properties, MatMul matMul,
                       MeterRegistry meters) {
        this.models = models;
        this.executor = executor;
        this.mapper = new TrainingRequestMapper(properties.limits());
        this.matMul = matMul;
        this.trainer = new Trainer(matMul);
        this.metrics = new TrainingMetrics(meters, jobs::values);
    }

    /**
     * Checks the request, claims the model and queues the job.
     *
     * @throws InvalidInputException when the request does not fit the model or the limits
     * @throws io.mlpservice.model.ModelBusyException when the model has a job queued or running
     * @throws QueueFullException when no worker is free and the queue is full
     */
    TrainingJob submit(String modelId, TrainingJobRequest request) {
        Model model = models.get(modelId);
        TrainingRequestMapper.Mapped mapped = mapper.map(model, request);
        Network initial = new Network(model.spec(), Initializer.initialParameters(model.spec(), model.seed()),
                Standardizer.identity(model.spec().inputSize()), matMul);
        Trainer.Prepared prepared;
        try {
            prepared = trainer.prepare(initial, mapped.dataset(), mapped.config());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(mapped.config().validationSplit() > 0 ? "validationSplit" : "features",
                    e.getMessage());
        }
        String id = UUID.randomUUID().toString();
        TrainingJob job = new TrainingJob(id, modelId, mapped.hyperparameters(prepared.batchSize()),
                prepared.trainingRows(), prepared.validationRows(), metrics::jobFinished);
        model.startTraining(id);
        Runnable task = () -> run(job, model, prepared);
        jobs.put(id, job);
        queued.put(id, task);
        try {
            executor.submit(task);
        } catch (QueueFullException e) {
            jobs.remove(id);
            queued.remove(id);
            model.finishTraining(id, null);
            throw e;
        }
        log.info("Training job {} queued for model {} ({} rows, {} epochs)", id, modelId,
                mapped.dataset().rows(), mapped.config().epochs());
        return job;
    }

    /** @throws JobNotFoundException when there is no such job */
    TrainingJob get(String jobId) {
        TrainingJob job = jobs.get(jobId);
        if (job == null) {
            throw new JobNotFoundException(jobId);
        }
        return job;
    }

    /** Jobs in order of submission, of one model when {@code modelId} is not null. */
    List<TrainingJob> list(String modelId, JobStatus status) {
        return jobs.values().stream()
                .filter(j -> modelId == null || j.modelId().equals(modelId))
                .filter(j -> status == null || j.status() == status)
                .sorted(Comparator.comparing(TrainingJob::submittedAt).thenComparing(TrainingJob::id))
                .toList();
    }

    /**
     * Cancels a job: a queued job ends at once, a running one before its next mini-batch.
     *
     * @throws JobFinishedException when the job has already ended
     */
    TrainingJob cancel(String jobId) {
        TrainingJob job = get(jobId);
        if (job.requestCancel()) {
            Runnable task = queued.remove(jobId);
            if (task != null) {
                executor.remove(task);
            }
            job.cancelIfQueued(() -> release(job));
        }
        return job;
    }

    @EventListener
    void onModelDeleted(ModelDeletedEvent event) {
        for (TrainingJob job : list(event.modelId(), null)) {
            if (!job.status().isFinal()) {
                try {
                    cancel(job.id());
                } catch (JobFinishedException raced) {
                    // it ended meanwhile: nothing to cancel
                }
            }
            jobs.remove(job.id());
        }
    }

    @PreDestroy
    void cancelAll() {
        jobs.values().forEach(job -> {
            if (!job.status().isFinal()) {
                try {
                    job.requestCancel();
                } catch (JobFinishedException raced) {
                    // it ended meanwhile
                }
            }
        });
    }

    private void run(TrainingJob job, Model model, Trainer.Prepared prepared) {
        queued.remove(job.id());
        if (!job.start()) {
            return;
        }
        log.info("Training job {} started for model {}", job.id(), model.id());
        try {
            TrainingResult result = prepared.run(new Listener(job, model, metrics));
            EpochStats best = result.best();
            TrainedState trained = new TrainedState(result.network(), job.id(), now(), toPoint(job.id(), best));
            model.finishTraining(job.id(), trained);       // the weights first: whoever sees SUCCEEDED sees them
            job.succeed(result.stopReason() == StopReason.EARLY_STOPPED, result.bestEpoch());
            log.info("Training job {} succeeded after {} epochs ({})", job.id(), result.epochs(),
                    result.stopReason());
        } catch (CancellationException e) {
            endCancelled(job);
            log.info("Training job {} cancelled: {}", job.id(), e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            model.finishTraining(job.id(), null);
            job.fail(e.getMessage());
            log.info("Training job {} failed: {}", job.id(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            log.error("Training job {} failed unexpectedly", job.id(), e);
            model.finishTraining(job.id(), null);
            job.fail(e instanceof OutOfMemoryError
                    ? "the service ran out of memory during training; try fewer rows or a smaller model"
                    : "an unexpected error stopped the training; it has been logged");
        }
    }

    private void endCancelled(TrainingJob job) {
        release(job);
        job.cancelled();
    }

    /** Frees the job's model, keeping its weights, if the model still exists. */
    private void release(TrainingJob job) {
        models.find(job.modelId()).ifPresent(model -> model.finishTraining(job.id(), null));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static LossPoint toPoint(String jobId, EpochStats stats) {
        return new LossPoint(jobId, stats.epoch(), stats.trainingLoss(), stats.trainingAccuracy(),
                stats.hasValidation() ? stats.validationLoss() : null,
                stats.hasValidation() ? stats.validationAccuracy() : null,
                stats.durationNanos() / 1e6);
    }

    /** Reports each epoch to the job and the model; cancels on request or on interruption. */
    private record Listener(TrainingJob job, Model model, TrainingMetrics metrics) implements TrainingListener {
        @Override
        public void onEpoch(EpochStats stats) {
            job.recordEpoch(stats);
            model.recordEpoch(toPoint(job.id(), stats));
            metrics.epochTrained();
        }

        @Override
        public boolean isCancelled() {
            return job.isCancelRequested() || Thread.currentThread().isInterrupted();
        }
    }
}
