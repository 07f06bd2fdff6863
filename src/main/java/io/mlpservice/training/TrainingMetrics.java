package io.mlpservice.training;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The training meters, at /actuator/metrics and /actuator/prometheus: jobs queued and running,
 * jobs ended by status, how long the ended ones ran, and the epochs trained.
 */
@Component
class TrainingMetrics {

    private final MeterRegistry registry;
    private final Counter epochs;

    TrainingMetrics(MeterRegistry registry, TrainingStore store, JobEvents events) {
        this.registry = registry;
        for (JobStatus status : new JobStatus[] {JobStatus.QUEUED, JobStatus.RUNNING}) {
            Gauge.builder("mlp.training.jobs", store, s -> s.jobs.values().stream().filter(j -> j.status() == status).count())
                    .tag("status", tag(status))
                    .description("Training jobs waiting for a worker or running")
                    .strongReference(true)
                    .register(registry);
        }
        this.epochs = Counter.builder("mlp.training.epochs")
                .description("Epochs trained, all jobs together")
                .register(registry);
        // told first, so that whoever sees a job's event sees it counted; in a cluster each member counts its own
        events.subscribeToOwn(event -> {
            switch (event) {
                case JobEvents.EpochFinished epoch -> epochs.increment();
                case JobEvents.StatusChanged changed when changed.job().status().isFinal() -> jobFinished(changed.job());
                case JobEvents.StatusChanged changed -> { }
            }
        });
    }

    /** Counts the ended job by its status and, if it ran, records how long. */
    private void jobFinished(JobRecord job) {
        JobStatus status = job.status();
        Counter.builder("mlp.training.jobs.finished")
                .tag("status", tag(status))
                .description("Training jobs ended, by status")
                .register(registry)
                .increment();
        if (job.startedAt() != null && job.finishedAt() != null) {
            Duration ran = Duration.between(job.startedAt(), job.finishedAt());
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
