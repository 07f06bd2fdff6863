package io.mlpservice.training;

import io.mlpservice.engine.Task;
import io.mlpservice.store.Cluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training queue of a cluster: the shared jobs table. A free worker claims the oldest
 * claimable job with one compare-and-set that names this member, so that two members never both
 * run a job. Claimable are the jobs that wait (unless their cancellation was asked for) and the
 * running ones whose member has left the cluster or handed them over; those come first, and each
 * group goes in order of submission. A claim of a running job counts a restart and continues
 * from its last checkpoint. Idle workers sleep until the table or the cluster's members change,
 * and look again every {@link #RESCAN} in case an event was lost.
 */
final class ClusterJobQueue {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobQueue.class);
    static final Duration RESCAN = Duration.ofSeconds(10);

    private final TrainingStore store;
    private final Cluster cluster;
    private final String self;
    private final int threadsPerJob;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long changes;
    private boolean closed;

    ClusterJobQueue(TrainingStore store, int threadsPerJob) {
        this.store = store;
        this.cluster = store.cluster;
        this.self = cluster.self();
        this.threadsPerJob = threadsPerJob;
        store.jobs.onChange(key -> wake());
        cluster.onMembershipChange(this::wake);
    }

    int waiting() {
        return (int) store.jobs.values().stream().filter(j -> j.status() == JobStatus.QUEUED).count();
    }

    long waitingBytes() {
        return store.jobs.values().stream().filter(j -> j.status() == JobStatus.QUEUED)
                .mapToLong(JobRecord::dataBytes).sum();
    }

    /** Whether the job waits with a cancellation request: no member will claim it any more. */
    boolean withdrawn(String jobId) {
        return store.jobs.get(jobId).filter(j -> j.status() == JobStatus.QUEUED && j.cancelRequested()).isPresent();
    }

    /** Claims the next job for this member, waiting for one; its id, or null once closed. */
    String take() throws InterruptedException {
        while (true) {
            long seen;
            lock.lock();
            try {
                if (closed) {
                    return null;
                }
                seen = changes;
            } finally {
                lock.unlock();
            }
            String claimed = claimNext();
            if (claimed != null) {
                return claimed;
            }
            lock.lock();
            try {
                long left = RESCAN.toNanos();
                while (!closed && changes == seen && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        lock.lock();
        try {
            changes++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private String claimNext() {
        List<JobRecord> candidates = store.jobs.values().stream().filter(this::claimable)
                .sorted(Comparator.comparing((JobRecord j) -> j.status() != JobStatus.RUNNING)
                        .thenComparing(JobRecord::submittedAt).thenComparing(JobRecord::id))
                .toList();
        for (JobRecord candidate : candidates) {
            boolean[] won = new boolean[1];
            JobRecord[] before = new JobRecord[1];
            // read before the compare-and-set: a running job's checkpoint no longer changes once its member is gone
            TrainingStore.ResumePoint from = candidate.status() == JobStatus.RUNNING
                    ? store.resumePoint(candidate.id(), Task.CLASSIFICATION) : null;
            Optional<JobRecord> claimed = store.transition(candidate.id(), job -> {
                won[0] = claimable(job) && (job.status() == JobStatus.QUEUED || from != null);
                before[0] = job;
                return won[0] ? claim(job, from) : job;
            });
            if (won[0] && claimed.isPresent()) {
                if (before[0].status() == JobStatus.RUNNING) {
                    log.info("Training job {} taken over by {}{} (restart {}, after epoch {})", candidate.id(), self,
                            before[0].member() == null ? "" : " from " + before[0].member(), claimed.get().restarts(),
                            claimed.get().resumedFromEpoch());
                }
                return candidate.id();
            }
        }
        return null;
    }

    private boolean claimable(JobRecord job) {
        return switch (job.status()) {
            case QUEUED -> !job.cancelRequested();
            case RUNNING -> job.member() == null || !job.member().equals(self) && !cluster.isMember(job.member());
            default -> false;
        };
    }

    private JobRecord claim(JobRecord job, TrainingStore.ResumePoint from) {
        if (job.status() == JobStatus.QUEUED) {
            return job.started(now(), threadsPerJob).by(self);
        }
        return from.resume(job).by(self);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
