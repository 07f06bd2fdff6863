package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Lets a test wait for what happens to jobs, woken by their events rather than polling, and hold
 * every running job after its next epoch until released, so that a job stays RUNNING exactly as
 * long as the test needs.
 */
public final class JobWatch implements Consumer<JobEvents.Event>, AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final JobEvents events;
    private final TrainingJobService jobs;
    private final Object changed = new Object();
    /** The statuses each job's events have announced to this watch so far; guarded by {@link #changed}. */
    private final Map<String, Set<JobStatus>> announced = new HashMap<>();
    private volatile CountDownLatch gate;

    public JobWatch(JobEvents events, TrainingJobService jobs) {
        this.events = events;
        this.jobs = jobs;
        events.subscribe(this);
    }

    @Override
    public void accept(JobEvents.Event event) {
        // the gate is read before the waiters wake, so that one who then advances opens this one
        CountDownLatch held = gate;
        synchronized (changed) {
            if (event instanceof JobEvents.StatusChanged status) {
                announced.computeIfAbsent(status.jobId(), id -> EnumSet.noneOf(JobStatus.class))
                        .add(status.job().status());
            }
            changed.notifyAll();
        }
        if (held != null && event instanceof JobEvents.EpochFinished) {
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** From now on every job stops after its next epoch, until {@link #release}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /**
     * Lets a held job run exactly one more epoch and holds it again after it: the new gate is in
     * place before the old one opens.
     */
    public void advance() {
        CountDownLatch held = gate;
        gate = new CountDownLatch(1);
        if (held != null) {
            held.countDown();
        }
    }

    public void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /**
     * Waits until the event that announced the job's status has reached this watch, and returns the
     * job's record. The store holds a new status a moment before its event goes out, and the
     * service's own subscribers (the meters among them) are told before this watch: once this
     * returns, they have counted it.
     */
    public JobRecord awaitAnnounced(String jobId, JobStatus status) {
        return await(jobId, job -> announced.getOrDefault(jobId, Set.of()).contains(status));
    }

    /** Waits until the job's record meets the condition, and returns it. */
    public JobRecord await(String jobId, Predicate<JobRecord> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (changed) {
            while (true) {
                JobRecord job = jobs.get(jobId);
                if (condition.test(job)) {
                    return job;
                }
                long left = deadline - System.nanoTime();
                assertThat(left).as("job %s never got there; it is %s", jobId, job).isPositive();
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public JobRecord awaitStatus(String jobId, JobStatus status) {
        return await(jobId, job -> job.status() == status);
    }

    /** Waits until the job has recorded at least one epoch (it runs, and holds if held). */
    public void awaitFirstEpoch(String jobId) {
        await(jobId, job -> job.latest() != null);
    }

    @Override
    public void close() {
        release();
        events.unsubscribe(this);
    }
}
