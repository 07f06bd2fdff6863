package io.mlpservice.training;

import io.mlpservice.model.LossPoint;
import io.mlpservice.store.Channel;
import io.mlpservice.store.Cluster;
import io.mlpservice.store.JsonCodec;

/**
 * Carries job events between the members of a cluster: this member's events go out on the
 * {@code job-events} channel, and the others' come in, update the live figures of the jobs they
 * run (so that a job is followed through any member) and reach the subscribers of {@link JobEvents}.
 */
final class ClusterEvents {

    /** An event as it travels: an epoch's point, or a job's record after a change of status. */
    record Relayed(String jobId, LossPoint point, JobRecord job) {

        static Relayed of(JobEvents.Event event) {
            return switch (event) {
                case JobEvents.EpochFinished epoch -> new Relayed(epoch.jobId(), epoch.point(), null);
                case JobEvents.StatusChanged changed -> new Relayed(changed.jobId(), null, changed.job());
            };
        }

        JobEvents.Event event() {
            return point != null ? new JobEvents.EpochFinished(jobId, point) : new JobEvents.StatusChanged(jobId, job);
        }
    }

    private ClusterEvents() {
    }

    static void connect(Cluster cluster, JobEvents events, TrainingStore store) {
        Channel<Relayed> channel = cluster.channel("job-events", new JsonCodec<>("job-event", 1, Relayed.class));
        events.relayTo(event -> channel.publish(Relayed.of(event)));
        channel.subscribe(relayed -> {
            JobEvents.Event event = relayed.event();
            store.observe(event);
            events.receive(event);
        });
    }
}
