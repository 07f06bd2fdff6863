package io.mlpservice.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.TrainingJobService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Waits, woken by the jobs' events rather than polling, until no job is queued or running: then
 * nothing changes the service but the next request.
 */
final class JobsQuiet implements AutoCloseable, Consumer<JobEvents.Event> {

    private final JobEvents events;
    private final TrainingJobService jobs;
    private final Object changed = new Object();

    JobsQuiet(JobEvents events, TrainingJobService jobs) {
        this.events = events;
        this.jobs = jobs;
        events.subscribe(this);
    }

    @Override
    public void accept(JobEvents.Event event) {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    void await() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (changed) {
            while (jobs.list(null, null).stream().anyMatch(job -> !job.status().isFinal())) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("a job never ended: %s", jobs.list(null, null)).isPositive();
                TimeUnit.NANOSECONDS.timedWait(changed, left);
            }
        }
    }

    @Override
    public void close() {
        events.unsubscribe(this);
    }
}
