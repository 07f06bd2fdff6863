package io.mlpservice.training;

import io.mlpservice.model.LossPoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens to jobs, as it happens: each finished epoch and each change of status, told to the
 * subscribers on the thread where it happened (the training thread for epochs). A subscriber must
 * return quickly; one that throws is logged and the others are still told.
 * <p>
 * In a cluster the events of this member are also relayed to the others, and the others' events
 * arrive here (on a cluster thread, in the order their member published them), so that a
 * subscriber on any member sees every job's events.
 */
@Component
public class JobEvents {

    private static final Logger log = LoggerFactory.getLogger(JobEvents.class);

    /** Something that happened to a job. */
    public sealed interface Event permits EpochFinished, StatusChanged {
        String jobId();
    }

    /** A job finished an epoch; its point is already in the loss history. */
    public record EpochFinished(String jobId, LossPoint point) implements Event {
    }

    /** A job's status changed; {@code job} is the record as stored. */
    public record StatusChanged(String jobId, JobRecord job) implements Event {
    }

    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Event>> ownSubscribers = new CopyOnWriteArrayList<>();
    private volatile Consumer<Event> relay = event -> { };

    /** Tells {@code subscriber} every event from now on, until {@link #unsubscribe}. */
    public void subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<Event> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Tells {@code subscriber} the events of this process's own jobs only, before the other subscribers. */
    void subscribeToOwn(Consumer<Event> subscriber) {
        ownSubscribers.add(subscriber);
    }

    /** Hands each event of this process to {@code relay} too, after the subscribers: to the other members. */
    void relayTo(Consumer<Event> relay) {
        this.relay = relay;
    }

    /** An event of this process's jobs. */
    void publish(Event event) {
        tell(ownSubscribers, event);
        tell(subscribers, event);
        relay.accept(event);
    }

    /** An event another member published. */
    void receive(Event event) {
        tell(subscribers, event);
    }

    private static void tell(List<Consumer<Event>> subscribers, Event event) {
        for (Consumer<Event> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) {
                log.warn("A subscriber to job events failed on {}: {}", event, e.toString());
            }
        }
    }
}
