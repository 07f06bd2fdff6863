package io.mlpservice.training;

import io.mlpservice.model.LossPoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's stream of a job's events: the stored epochs first (those after
 * {@code Last-Event-ID} when given), the job's status, then live epochs and status changes until
 * the job ends. Events arrive on the thread that publishes them (the training thread for epochs)
 * and wait in a bounded buffer; a writer thread of its own sends them, so a slow client never
 * slows training. A subscriber whose buffer fills is dropped: its stream closes without an
 * {@code end} event, and the client resumes with {@code Last-Event-ID}.
 * <p>
 * The hand-over from stored to live epochs has neither gap nor duplicate: the stream subscribes
 * before it reads the stored points, so an epoch recorded after the read is in the buffer (a point
 * is stored before it is published), and live epochs at or below the last one sent are dropped.
 */
final class JobEventStream implements Consumer<JobEvents.Event> {

    private static final Logger log = LoggerFactory.getLogger(JobEventStream.class);

    /** Points read from the store at a time while replaying. */
    static final int PAGE = 500;

    /** What a stream reads of its job. */
    interface Source {
        Optional<JobRecord> job(String jobId);

        /**
         * Stored points {@code [from, from + limit)} of the job, by position (epoch − 1, or after a
         * warm start epoch − 1 − {@link JobRecord#epochsBefore()}).
         */
        List<LossPoint> points(String jobId, long from, int limit);

        /** The data of a {@code status} event. */
        Object view(JobRecord job);
    }

    /** Where a stream writes; {@link #send} may block on a slow client, on the stream's own thread. */
    interface Sink {
        void send(String event, String id, Object data) throws IOException;

        void heartbeat() throws IOException;

        void complete();
    }

    /** The data of the {@code end} event: the status the job ended with, or DELETED, and its last epoch. */
    record End(String jobId, String status, int lastEpoch) {
    }

    private enum Signal { OVERFLOW, DELETED, CLOSED }

    private final String jobId;
    private final JobEvents events;
    private final Source source;
    private final Sink sink;
    private final int capacity;
    private final Duration heartbeat;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Events waiting in the queue, signals aside; guarded by {@code this}. */
    private int pending;
    /** Why the stream stops, once it does: from then on nothing more is queued. Set under {@code this}. */
    private volatile Signal stopped;
    private int lastEpoch;
    private int lastRank = -1;

    /**
     * @param after the last epoch the client has (from {@code Last-Event-ID}); 0 for all
     */
    JobEventStream(String jobId, int after, JobEvents events, Source source, Sink sink, int capacity,
                   Duration heartbeat) {
        this.jobId = jobId;
        this.lastEpoch = after;
        this.events = events;
        this.source = source;
        this.sink = sink;
        this.capacity = capacity;
        this.heartbeat = heartbeat;
    }

    /** Subscribes, then starts the writer thread, which reads the stored points. */
    void start() {
        events.subscribe(this);
        Thread.ofVirtual().name("job-events-" + jobId).start(this::run);
    }

    /** On the publisher's thread: queues the event, or drops the subscriber when its buffer is full. */
    @Override
    public void accept(JobEvents.Event event) {
        if (!event.jobId().equals(jobId)) {
            return;
        }
        synchronized (this) {
            if (stopped != null) {
                return;
            }
            if (pending >= capacity) {
                stop(Signal.OVERFLOW);
                return;
            }
            pending++;
            queue.add(event);
        }
    }

    /** The job was deleted with its model: the stream ends. */
    void deleted() {
        stop(Signal.DELETED);
    }

    /** The client went away or the service stops: the stream closes without an end event. */
    void close() {
        stop(Signal.CLOSED);
    }

    private synchronized void stop(Signal signal) {
        if (stopped == null) {
            stopped = signal;
            events.unsubscribe(this);
            queue.add(signal);
        }
    }

    private void run() {
        try {
            stream();
        } catch (IOException | IllegalStateException e) {
            // a write to a connection the client closed, or after the server completed the response
            log.debug("Event stream of job {} closed: {}", jobId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Event stream of job {} failed: {}", jobId, e.toString());
        } finally {
            stop(Signal.CLOSED);
            sink.complete();
        }
    }

    private void stream() throws IOException, InterruptedException {
        Optional<JobRecord> found = source.job(jobId);
        if (found.isEmpty()) {
            end("DELETED");
            return;
        }
        JobRecord job = found.get();
        replay();
        // The record was read before the replay: when it had ended, every point was stored.
        if (stopping() || status(job)) {
            return;
        }
        while (true) {
            Object item = queue.poll(heartbeat.toNanos(), TimeUnit.NANOSECONDS);
            if (stopping()) {
                return;
            }
            if (item == null) {
                if (source.job(jobId).isEmpty()) {
                    end("DELETED");
                    return;
                }
                sink.heartbeat();
                continue;
            }
            switch (item) {
                case JobEvents.EpochFinished epoch -> {
                    taken();
                    epoch(epoch.point());
                }
                case JobEvents.StatusChanged change -> {
                    taken();
                    if (status(change.job())) {
                        return;
                    }
                }
                default -> throw new IllegalStateException("unexpected item " + item);
            }
        }
    }

    private synchronized void taken() {
        pending--;
    }

    /**
     * Whether the stream was stopped; the events still queued are not sent then: a dropped or
     * closed subscriber gets nothing more, a deleted job's stream ends at once.
     */
    private boolean stopping() throws IOException {
        Signal signal = stopped;
        if (signal == Signal.DELETED) {
            end("DELETED");
        } else if (signal != null) {
            log.debug("Event stream of job {} closed: {}", jobId, signal);
        }
        return signal != null;
    }

    /** Sends the stored points after the last epoch the client has, a page at a time. */
    private void replay() throws IOException {
        // entry i of the history is epoch i + 1, after a warm start epoch i + 1 + the version's epochs
        long from = Math.max(0, lastEpoch - source.job(jobId).map(JobRecord::epochsBefore).orElse(0));
        while (stopped == null) {
            List<LossPoint> page = source.points(jobId, from, PAGE);
            for (LossPoint point : page) {
                epoch(point);
            }
            if (page.size() < PAGE) {
                return;
            }
            from += page.size();
        }
    }

    private void epoch(LossPoint point) throws IOException {
        if (point.epoch() > lastEpoch) {
            sink.send("epoch", Integer.toString(point.epoch()), point);
            lastEpoch = point.epoch();
        }
    }

    /**
     * Sends the job's status when it is further along than the last one sent (a status read
     * before the replay may be older than one already queued); then the end, when it is final.
     *
     * @return whether the stream has ended
     */
    private boolean status(JobRecord job) throws IOException {
        int rank = job.status() == JobStatus.QUEUED ? 0 : job.status() == JobStatus.RUNNING ? 1 : 2;
        if (rank <= lastRank) {
            return false;
        }
        lastRank = rank;
        sink.send("status", null, source.view(job));
        if (job.status().isFinal()) {
            end(job.status().name());
            return true;
        }
        return false;
    }

    private void end(String status) throws IOException {
        sink.send("end", null, new End(jobId, status, lastEpoch));
    }
}
