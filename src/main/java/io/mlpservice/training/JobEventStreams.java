package io.mlpservice.training;

import io.mlpservice.error.InvalidInputException;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelDeletedEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import io.mlpservice.engine.Task;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens the event streams of training jobs over server-sent events and keeps track of them: a
 * stream of a job deleted with its model ends, and every stream closes when the service stops
 * (without an {@code end} event: the job goes on at the next start, and the client resumes).
 */
@Component
class JobEventStreams implements SmartLifecycle {

    private final JobEvents events;
    private final TrainingStore store;
    private final TrainingJobService jobs;
    private final EventStreamProperties properties;
    /** The open streams and their jobs' models. */
    private final Map<JobEventStream, String> open = new ConcurrentHashMap<>();
    private volatile boolean running;

    JobEventStreams(JobEvents events, TrainingStore store, TrainingJobService jobs, EventStreamProperties properties) {
        this.events = events;
        this.store = store;
        this.jobs = jobs;
        this.properties = properties;
    }

    /**
     * Opens the stream of a job for a client that has the epochs up to {@code lastEventId}.
     *
     * @throws JobNotFoundException  when there is no such job
     * @throws InvalidInputException when {@code lastEventId} is not an epoch number
     */
    SseEmitter open(String jobId, String lastEventId) {
        int after = after(lastEventId);
        JobRecord job = store.get(jobId);
        // no timeout: a stream lasts as long as its job; the heartbeat notices a client gone
        SseEmitter emitter = new SseEmitter(0L);
        JobEventStream stream = new JobEventStream(jobId, after, events, new StoreSource(), new EmitterSink(emitter),
                properties.buffer(), properties.heartbeat());
        emitter.onCompletion(() -> {
            stream.close();
            open.remove(stream);
        });
        emitter.onTimeout(stream::close);
        emitter.onError(error -> stream.close());
        open.put(stream, job.modelId());
        stream.start();
        return emitter;
    }

    private static int after(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return 0;
        }
        try {
            int epoch = Integer.parseInt(lastEventId.strip());
            if (epoch >= 0) {
                return epoch;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("Last-Event-ID", "Last-Event-ID '" + lastEventId + "' is not an epoch "
                + "number; send the id of the last epoch event received, or nothing for every epoch");
    }

    @EventListener
    void onModelDeleted(ModelDeletedEvent event) {
        open.forEach((stream, modelId) -> {
            if (modelId.equals(event.modelId())) {
                stream.deleted();
            }
        });
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List.copyOf(open.keySet()).forEach(JobEventStream::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Right after the training workers have stopped, before the web server waits for its requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    /** The store's view of a job, for its stream. */
    private final class StoreSource implements JobEventStream.Source {
        @Override
        public Optional<JobRecord> job(String jobId) {
            return store.jobs.get(jobId);
        }

        @Override
        public List<LossPoint> points(String jobId, long from, int limit) {
            Task task = jobs.task(jobId);
            return store.history.read(jobId, from, limit).stream().map(p -> p.forTask(task)).toList();
        }

        @Override
        public Object view(JobRecord job) {
            return TrainingJobResponse.from(job, jobs.classes(job));
        }
    }

    /** Server-sent events through Spring MVC's emitter, each event's data as JSON. */
    private record EmitterSink(SseEmitter emitter) implements JobEventStream.Sink {
        @Override
        public void send(String event, String id, Object data) throws IOException {
            SseEmitter.SseEventBuilder builder = SseEmitter.event().name(event);
            if (id != null) {
                builder.id(id);
            }
            emitter.send(builder.data(data, MediaType.APPLICATION_JSON));
        }

        @Override
        public void heartbeat() throws IOException {
            emitter.send(SseEmitter.event().comment("keep-alive"));
        }

        @Override
        public void complete() {
            emitter.complete();
        }
    }
}
