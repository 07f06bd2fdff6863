package io.mlpservice.training;

import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.train.TrainingCheckpoint;
import io.mlpservice.model.LossPoint;
import io.mlpservice.store.AppendLog;
import io.mlpservice.store.Blobs;
import io.mlpservice.store.Cluster;
import io.mlpservice.store.CorruptFileException;
import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.Storage;
import io.mlpservice.store.Table;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where the jobs live: their records, their data (and validation rows given apart), the stored
 * datasets a waiting or running job uses, their loss histories and the figures of the epoch a
 * running job last finished (in memory: a restart recomputes it from the checkpoint). In a
 * cluster the records and checkpoints are shared by the members, the data and histories are
 * files on the volume they share, and each member keeps the latest figures of every running job
 * from the events of the member that runs it.
 */
@Component
class TrainingStore {

    private static final Logger log = LoggerFactory.getLogger(TrainingStore.class);

    final Table<JobRecord> jobs;
    final Table<LossPoint> progress;
    final Blobs<Dataset> data;
    final Blobs<Dataset> validation;
    final Table<JobDatasets> datasets;
    final AppendLog<LossPoint> history;
    final Blobs<CheckpointCodec.Stored> checkpoints;
    /** The cluster this member belongs to; null for a single process. */
    final Cluster cluster;
    /** Whether no other process used the storage at start: then start-up may tidy what a crash left. */
    final boolean exclusive;
    private final JobEvents events;

    TrainingStore(Storage storage, JobEvents events) {
        this.events = events;
        this.jobs = storage.table("jobs", new JsonCodec<>("job", 1, JobRecord.class));
        this.progress = storage.volatileTable();
        this.data = storage.largeBlobs("job-data", new DatasetCodec());
        this.validation = storage.largeBlobs("job-validation", new DatasetCodec());
        this.datasets = storage.table("job-datasets", new JsonCodec<>("job-datasets", 1, JobDatasets.class));
        this.history = storage.log("histories", new LossPointCodec());
        this.checkpoints = storage.blobs("checkpoints", new CheckpointCodec());
        this.cluster = storage.cluster().orElse(null);
        this.exclusive = storage.exclusive();
        if (cluster != null) {
            ClusterEvents.connect(cluster, events, this);
        }
    }

    /** This member's cluster address; null for a single process. */
    String self() {
        return cluster == null ? null : cluster.self();
    }

    /** Where an interrupted job continues: the epoch of its stored checkpoint (0 for none) and that epoch's figures. */
    record ResumePoint(int epoch, LossPoint at) {

        /**
         * The job as it runs again from here: one restart more. A warm-started job without a
         * checkpoint of its own goes on after its version's last epoch, whose figures are not its own.
         */
        JobRecord resume(JobRecord job) {
            int before = job.epochsBefore();
            return job.resumed(Math.max(epoch, before), at != null && at.epoch() > before ? at : null);
        }
    }

    /**
     * Where the job continues after an interruption (a restart, or its member gone), read from its
     * stored checkpoint, which is where the runner continues, rather than from its record: a
     * process stopped between storing a checkpoint and its record leaves a record one checkpoint
     * behind. Epoch 0 without a readable checkpoint (the job starts over).
     *
     * @param task the task of the job's model, which names the epoch's metric (the runner names it
     *             again when it continues, for a caller that cannot tell)
     */
    ResumePoint resumePoint(String jobId, Task task) {
        Optional<TrainingCheckpoint> from;
        try {
            from = checkpoints.get(jobId).map(CheckpointCodec.Stored::checkpoint);
        } catch (CorruptFileException e) {
            log.warn("Training job {} starts over: its checkpoint failed verification ({})", jobId, e.getMessage());
            from = Optional.empty();
        }
        return new ResumePoint(from.map(TrainingCheckpoint::epochsCompleted).orElse(0),
                from.map(TrainingCheckpoint::last).map(stats -> LossPoint.of(jobId, stats, task)).orElse(null));
    }

    /** Keeps the live figures of a job another member runs, from its events. */
    void observe(JobEvents.Event event) {
        switch (event) {
            case JobEvents.EpochFinished epoch -> setProgress(epoch.point());
            case JobEvents.StatusChanged changed when changed.job().status().isFinal() -> progress.remove(changed.jobId());
            case JobEvents.StatusChanged changed -> { }
        }
    }

    private void setProgress(LossPoint point) {
        if (!progress.insert(point.jobId(), point)) {
            progress.update(point.jobId(), previous -> point);
        }
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
        setProgress(point);
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
