package io.mlpservice.training;

import io.mlpservice.engine.Task;
import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.dataset.DatasetRows;
import io.mlpservice.dataset.DatasetService;
import io.mlpservice.engine.Initializer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.model.ModelDeletedEvent;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Accepts training jobs, lists them and cancels them. A submission is checked completely (data
 * against the model, hyperparameters, limits, the validation split, room in the queue) before
 * anything is stored; then the model is claimed, the job's data and record stored durably, and
 * only then is the job accepted. A model has at most one queued or running job. A job asked to
 * warm-start records the serving version it goes on from, checked against its settings.
 */
@Service
public class TrainingJobService {

    private static final Logger log = LoggerFactory.getLogger(TrainingJobService.class);

    private final TrainingStore store;
    private final ModelRegistry models;
    private final JobQueue queue;
    private final TrainingWorkers workers;
    private final TrainingRequestMapper mapper;
    private final MatMul matMul;
    private final Duration retryAfter;
    private final DatasetService datasets;
    private final WarmStarts warmStarts;

    /**
     * The task of the job's model, which names the metric of its loss history; a classification
     * when the job or its model is gone.
     */
    Task task(String jobId) {
        return store.jobs.get(jobId).flatMap(job -> models.find(job.modelId()))
                .map(model -> model.spec().task()).orElse(Task.CLASSIFICATION);
    }

    /** The class names of the job's model, which name its class weights; empty when the model is gone. */
    List<String> classes(JobRecord job) {
        return models.find(job.modelId()).map(ModelRecord::classes).orElse(List.of());
    }

    TrainingJobService(TrainingStore store, ModelRegistry models, JobQueue queue, TrainingWorkers workers,
                       MlpServiceProperties properties, MatMul matMul, DatasetService datasets) {
        this.warmStarts = new WarmStarts(models);
        this.store = store;
        this.datasets = datasets;
        this.models = models;
        this.queue = queue;
        this.workers = workers;
        this.mapper = new TrainingRequestMapper(properties.limits());
        this.matMul = matMul;
        this.retryAfter = properties.training().retryAfter();
    }

    /**
     * Checks the request, claims the model, stores the job and queues it.
     *
     * @throws InvalidInputException when the request does not fit the model or the limits
     * @throws io.mlpservice.model.ModelBusyException when the model has a job queued or running
     * @throws QueueFullException    when the queue has no room for the job
     * @throws ShuttingDownException while the service stops
     * @throws io.mlpservice.dataset.DatasetNotFoundException when a dataset it names does not exist
     * @throws WarmStartUnavailableException when a warm start's version (weights or state)
     *                               fails verification
     */
    public JobRecord submit(SubmitJob command) {
        if (workers.draining()) {
            throw new ShuttingDownException(retryAfter);
        }
        if (command.datasetId() == null && command.validationDatasetId() == null) {
            return submit(command, null, null);
        }
        // the job is recorded as the datasets' user before any of them can be deleted
        return datasets.whileKept(() -> submit(command,
                command.datasetId() == null ? null : datasets.load(command.datasetId()),
                command.validationDatasetId() == null ? null : datasets.load(command.validationDatasetId())));
    }

    private JobRecord submit(SubmitJob command, DatasetRows training, DatasetRows validation) {
        ModelRecord model = models.get(command.modelId());
        TrainingRequestMapper.Mapped mapped = mapper.map(model, command, training, validation);
        Optional<WarmStarts.Start> start = Boolean.TRUE.equals(command.settings().warmStart())
                ? warmStarts.atSubmission(model, mapped.config()) : Optional.empty();
        Trainer trainer = new Trainer(matMul, 1);
        Trainer.Prepared prepared;
        try {
            prepared = start.isPresent()
                    ? trainer.prepareWarmStart(start.get().network(), start.get().state(), mapped.dataset(),
                            mapped.validation(), mapped.config())
                    : trainer.prepare(new Network(model.spec(), Initializer.initialParameters(model.spec(),
                            model.seed()), Standardizer.identity(model.spec().inputSize()), matMul),
                            mapped.dataset(), mapped.validation(), mapped.config());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(mapped.validation() != null ? "validationDatasetId"
                    : mapped.config().validationSplit() > 0 ? "validationSplit"
                    : command.datasetId() != null ? "datasetId" : "features", e.getMessage());
        }
        long bytes = DatasetCodec.bytes(mapped.dataset())
                + (mapped.validation() == null ? 0 : DatasetCodec.bytes(mapped.validation()));
        queue.checkRoom(bytes);
        String id = UUID.randomUUID().toString();
        long memory = MemoryEstimate.bytes(model.spec(), mapped.config(), prepared.trainingRows(),
                prepared.validationRows(), prepared.batchSize(), workers.threadsPerJob());
        WarmStart warm = Boolean.TRUE.equals(command.settings().warmStart())
                ? start.map(WarmStarts.Start::warmStart).orElse(WarmStart.NONE) : null;
        JobRecord job = JobRecord.queued(id, model.id(), mapped.config(), prepared.batchSize(),
                prepared.trainingRows(), prepared.validationRows(), bytes, memory, now(), warm);
        models.claim(model.id(), id);
        try {
            store.data.put(id, mapped.dataset());
            if (mapped.validation() != null) {
                store.validation.put(id, mapped.validation());
            }
            if (training != null || validation != null) {
                store.datasets.insert(id, new JobDatasets(id, command.datasetId(), command.validationDatasetId()));
            }
            store.insert(job);
            queue.offer(id, bytes);
        } catch (RuntimeException e) {
            store.delete(id);
            models.release(model.id(), id);
            throw e;
        }
        log.info("Training job {} queued for model {} ({} rows, {} epochs{})", id, model.id(),
                mapped.dataset().rows(), mapped.config().epochs(), warm == null || warm.fromVersion() == null ? ""
                        : ", going on from version " + warm.fromVersion() + " after epoch " + warm.epochsBefore());
        return job;
    }

    /**
     * The job as it is now, with the figures of the epoch it last finished.
     *
     * @throws JobNotFoundException when there is no such job
     */
    public JobRecord get(String jobId) {
        return live(store.get(jobId));
    }

    /** Jobs in order of submission, of one model and in one status when those are not null. */
    public List<JobRecord> list(String modelId, JobStatus status) {
        return store.all().stream()
                .filter(j -> modelId == null || j.modelId().equals(modelId))
                .filter(j -> status == null || j.status() == status)
                .map(this::live)
                .toList();
    }

    private JobRecord live(JobRecord job) {
        return store.progress.get(job.id()).map(job::withLatest).orElse(job);
    }

    /**
     * Cancels a job: a queued job ends at once, a running one before its next mini-batch.
     *
     * @throws JobFinishedException when the job has already ended
     */
    public JobRecord cancel(String jobId) {
        JobRecord job = store.transition(jobId, current -> {
            if (current.status().isFinal()) {
                throw new JobFinishedException(jobId, current.status());
            }
            return current.cancelRequested() ? current : current.withCancelRequested();
        }).orElseThrow(() -> new JobNotFoundException(jobId));
        if (queue.remove(jobId)) {
            models.release(job.modelId(), jobId);
            job = store.transition(jobId, current -> current.status().isFinal() ? current
                    : current.cancelled(now(), null).by(store.self())).orElse(job);
            store.ended(jobId);
        } else {
            workers.cancelRunning(jobId);
        }
        return live(job);
    }

    @EventListener
    void onModelDeleted(ModelDeletedEvent event) {
        for (JobRecord job : list(event.modelId(), null)) {
            if (!job.status().isFinal()) {
                queue.remove(job.id());
                workers.cancelRunning(job.id());
            }
            store.delete(job.id());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
