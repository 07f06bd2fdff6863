package io.mlpservice.training;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The training meters, at /actuator/metrics and /actuator/prometheus: jobs queued and running,
 * jobs ended by status, how long the ended ones ran, and the epochs trained.
 */
final class TrainingMetrics {

    private final MeterRegistry registry;
    private final Counter epochs;

    TrainingMetrics(MeterRegistry registry, Supplier<Collection<TrainingJob>> jobs) {
        this.registry = registry;
        for (JobStatus status : new JobStatus[] {JobStatus.QUEUED, JobStatus.RUNNING}) {
            Gauge.builder("mlp.training.jobs", jobs, all -> all.get().stream().filter(j -> j.status() == status).count())
                    .tag("status", tag(status))
                    .description("Training jobs waiting for a worker or running")
                    .strongReference(true)
                    .register(registry);
        }
        this.epochs = Counter.builder("mlp.training.epochs")
                .description("Epochs trained, all jobs together")
                .register(registry);
    }

    void epochTrained() {
        epochs.increment();
    }

    /** Counts the ended job by its status and, if it ran, records how long. */
    void jobFinished(TrainingJob job) {
        JobStatus status = job.status();
        Counter.builder("mlp.training.jobs.finished")
                .tag("status", tag(status))
                .description("Training jobs ended, by status")
                .register(registry)
                .increment();
        Duration ran = job.runTime();
        if (ran != null) {
            Timer.builder("mlp.training.job.duration")
                    .tag("status", tag(status))
                    .description("How long training jobs ran, from start to end")
                    .register(registry)
                    .record(ran);
        }
    }

    private static String tag(JobStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
