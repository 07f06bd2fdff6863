package io.mlpservice.training;

import io.mlpservice.engine.train.Dataset;
import io.mlpservice.model.LossPoint;
import io.mlpservice.store.AppendLog;
import io.mlpservice.store.Blobs;
import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.Storage;
import io.mlpservice.store.Table;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where the jobs live: their records, their data (and validation rows given apart), the stored
 * datasets a waiting or running job uses, their loss histories and the figures of the epoch a
 * running job last finished (in memory: a restart recomputes it from the checkpoint).
 */
@Component
class TrainingStore {

    final Table<JobRecord> jobs;
    final Table<LossPoint> progress;
    final Blobs<Dataset> data;
    final Blobs<Dataset> validation;
    final Table<JobDatasets> datasets;
    final AppendLog<LossPoint> history;
    final Blobs<CheckpointCodec.Stored> checkpoints;
    private final JobEvents events;

    TrainingStore(Storage storage, JobEvents events) {
        this.events = events;
        this.jobs = storage.table("jobs", new JsonCodec<>("job", 1, JobRecord.class));
        this.progress = storage.volatileTable();
        this.data = storage.blobs("job-data", new DatasetCodec());
        this.validation = storage.blobs("job-validation", new DatasetCodec());
        this.datasets = storage.table("job-datasets", new JsonCodec<>("job-datasets", 1, JobDatasets.class));
        this.history = storage.log("histories", new LossPointCodec());
        this.checkpoints = storage.blobs("checkpoints", new CheckpointCodec());
    }

    /** @throws JobNotFoundException when there is no such job */
    JobRecord get(String jobId) {
        return jobs.get(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
    }

    /** Jobs in order of submission. */
    List<JobRecord> all() {
        return jobs.values().stream()
                .sorted(Comparator.comparing(JobRecord::submittedAt).thenComparing(JobRecord::id))
                .toList();
    }

    void recordEpoch(LossPoint point) {
        history.append(point.jobId(), point);
        if (!progress.insert(point.jobId(), point)) {
            progress.update(point.jobId(), previous -> point);
        }
        events.publish(new JobEvents.EpochFinished(point.jobId(), point));
    }

    /**
     * Applies a transition to the job's record and tells the subscribers when its status changed.
     *
     * @return the record after the transition; empty when the job is gone
     */
    Optional<JobRecord> transition(String jobId, java.util.function.UnaryOperator<JobRecord> change) {
        JobStatus[] before = new JobStatus[1];
        Optional<JobRecord> after = jobs.update(jobId, job -> {
            before[0] = job.status();
            return change.apply(job);
        });
        after.filter(job -> job.status() != before[0])
                .ifPresent(job -> events.publish(new JobEvents.StatusChanged(jobId, job)));
        return after;
    }

    /** Stores a new job and tells the subscribers. */
    void insert(JobRecord job) {
        if (!jobs.insert(job.id(), job)) {
            throw new IllegalStateException("job id " + job.id() + " is taken");
        }
        events.publish(new JobEvents.StatusChanged(job.id(), job));
    }

    /** Frees what a job needed only while it could still run: its data, its checkpoint, its live figures. */
    void ended(String jobId) {
        data.delete(jobId);
        validation.delete(jobId);
        datasets.remove(jobId);
        checkpoints.delete(jobId);
        progress.remove(jobId);
        history.release(jobId);
    }

    /** Removes every trace of the job. */
    void delete(String jobId) {
        jobs.remove(jobId);
        data.delete(jobId);
        validation.delete(jobId);
        datasets.remove(jobId);
        checkpoints.delete(jobId);
        progress.remove(jobId);
        history.delete(jobId);
    }
}
