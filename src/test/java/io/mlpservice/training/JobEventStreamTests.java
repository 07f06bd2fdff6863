package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.model.LossPoint;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One subscriber's stream against a job held in memory: the hand-over from stored to live epochs,
 * Last-Event-ID, the end, and a stalled subscriber that is dropped without slowing the publisher.
 * Each test waits on what the stream sends, never on time; the timeout only stops a test that hangs.
 */
@Timeout(60)
class JobEventStreamTests {

    private static final String JOB = "job-1";
    private static final Duration NO_HEARTBEAT = Duration.ofHours(1);

    private final JobEvents events = new JobEvents();
    private final FakeJob job = new FakeJob();
    private final RecordingSink sink = new RecordingSink();

    /** The job's record and stored points, as the store would hold them. */
    private static final class FakeJob implements JobEventStream.Source {
        final AtomicReference<JobRecord> record = new AtomicReference<>(record(JobStatus.RUNNING));
        final List<LossPoint> stored = new CopyOnWriteArrayList<>();
        /** Run once, just before or just after the stream reads the stored points. */
        volatile Runnable beforeRead;
        volatile Runnable afterRead;

        @Override
        public Optional<JobRecord> job(String jobId) {
            return Optional.ofNullable(record.get());
        }

        @Override
        public List<LossPoint> points(String jobId, long from, int limit) {
            Runnable hook = beforeRead;
            beforeRead = null;
            if (hook != null) {
                hook.run();
            }
            List<LossPoint> page = new ArrayList<>();
            for (long i = from; i < Math.min(stored.size(), from + limit); i++) {
                page.add(stored.get((int) i));
            }
            Runnable after = afterRead;
            afterRead = null;
            if (after != null) {
                after.run();
            }
            return page;
        }

        @Override
        public Object view(JobRecord job) {
            return job.status().name();
        }
    }

    /** What the client receives: "epoch 3", "status RUNNING", "end SUCCEEDED 5", and "closed". */
    private static class RecordingSink implements JobEventStream.Sink {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile CountDownLatch stall;

        @Override
        public void send(String event, String id, Object data) throws IOException {
            CountDownLatch gate = stall;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(switch (data) {
                case LossPoint point -> event + " " + point.epoch() + " id=" + id;
                case JobEventStream.End end -> event + " " + end.status() + " " + end.lastEpoch();
                default -> event + " " + data;
            });
        }

        @Override
        public void heartbeat() {
            received.add("heartbeat");
        }

        @Override
        public void complete() {
            received.add("closed");
        }

        /** The next thing received, waiting for it. */
        String next() throws InterruptedException {
            String item = received.poll(30, TimeUnit.SECONDS);
            assertThat(item).as("nothing received within 30 s").isNotNull();
            return item;
        }

        List<String> next(int count) throws InterruptedException {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add(next());
            }
            return items;
        }
    }

    private static JobRecord record(JobStatus status) {
        TrainingConfig config = new TrainingConfig(10, 0, OptimizerSpec.sgd(0.1f), 0f, 0, null, true, true, 1);
        JobRecord queued = JobRecord.queued(JOB, "model-1", config, 4, 4, 0, 64, 0, Instant.EPOCH, null);
        return switch (status) {
            case QUEUED -> queued;
            case RUNNING -> queued.started(Instant.EPOCH, 1);
            case SUCCEEDED -> queued.started(Instant.EPOCH, 1).succeeded(Instant.EPOCH, null, 1, null, 1);
            default -> queued.started(Instant.EPOCH, 1).cancelled(Instant.EPOCH, null);
        };
    }

    private static LossPoint point(int epoch) {
        return new LossPoint(JOB, epoch, 1.0 / epoch, 0.5, null, null, null, null, 1.0, null);
    }

    /** As the training does it: the point is stored, then published. */
    private void record(int epoch) {
        job.stored.add(point(epoch));
        events.publish(new JobEvents.EpochFinished(JOB, point(epoch)));
    }

    private void end(JobStatus status) {
        job.record.set(record(status));
        events.publish(new JobEvents.StatusChanged(JOB, job.record.get()));
    }

    private JobEventStream open(int after, int capacity) {
        JobEventStream stream = new JobEventStream(JOB, after, events, job, sink, capacity, NO_HEARTBEAT);
        stream.start();
        return stream;
    }

    @Test
    void sendsTheStoredEpochsThenTheStatusThenLiveEpochsAndTheEnd() throws InterruptedException {
        record(1);
        record(2);
        open(0, 16);
        assertThat(sink.next(3)).containsExactly("epoch 1 id=1", "epoch 2 id=2", "status RUNNING");
        record(3);
        end(JobStatus.SUCCEEDED);
        assertThat(sink.next(4)).containsExactly("epoch 3 id=3", "status SUCCEEDED", "end SUCCEEDED 3", "closed");
    }

    @Test
    void anEpochStoredAndPublishedWhileTheStreamReadsTheStoreArrivesOnce() throws InterruptedException {
        record(1);
        // epoch 2 is stored after the subscription and before the read: the read finds it, and
        // its live event, already queued, is dropped as a duplicate
        job.beforeRead = () -> record(2);
        open(0, 16);
        assertThat(sink.next(3)).containsExactly("epoch 1 id=1", "epoch 2 id=2", "status RUNNING");
        record(3);
        assertThat(sink.next()).isEqualTo("epoch 3 id=3");
        assertThat(sink.received).isEmpty();
    }

    @Test
    void anEpochRecordedJustAfterTheStreamReadTheStoreArrivesLive() throws InterruptedException {
        record(1);
        // the read missed epoch 2; the stream was subscribed before it read, so the event is queued
        job.afterRead = () -> record(2);
        open(0, 16);
        assertThat(sink.next(3)).containsExactly("epoch 1 id=1", "status RUNNING", "epoch 2 id=2");
    }

    @Test
    void anEpochStoredBeforeTheSubscriptionButPublishedAfterTheReplayIsNotSentTwice() throws InterruptedException {
        record(1);
        job.stored.add(point(2));             // stored; the training thread publishes it a moment later
        open(0, 16);
        assertThat(sink.next(3)).containsExactly("epoch 1 id=1", "epoch 2 id=2", "status RUNNING");
        events.publish(new JobEvents.EpochFinished(JOB, point(2)));
        record(3);
        end(JobStatus.SUCCEEDED);
        assertThat(sink.next(4)).containsExactly("epoch 3 id=3", "status SUCCEEDED", "end SUCCEEDED 3", "closed");
    }

    @Test
    void lastEventIdResumesAfterThatEpoch() throws InterruptedException {
        for (int epoch = 1; epoch <= 4; epoch++) {
            record(epoch);
        }
        open(2, 16);
        assertThat(sink.next(3)).containsExactly("epoch 3 id=3", "epoch 4 id=4", "status RUNNING");
    }

    @Test
    void anEndedJobReplaysEveryEpochThenEnds() throws InterruptedException {
        record(1);
        record(2);
        job.record.set(record(JobStatus.CANCELLED));
        open(0, 16);
        assertThat(sink.next(5)).containsExactly("epoch 1 id=1", "epoch 2 id=2", "status CANCELLED",
                "end CANCELLED 2", "closed");
    }

    @Test
    void aStatusOlderThanTheOneSentIsNotSentAgain() throws InterruptedException {
        job.record.set(record(JobStatus.QUEUED));
        open(0, 16);
        assertThat(sink.next()).isEqualTo("status QUEUED");
        events.publish(new JobEvents.StatusChanged(JOB, record(JobStatus.QUEUED)));
        events.publish(new JobEvents.StatusChanged(JOB, record(JobStatus.RUNNING)));
        record(1);
        assertThat(sink.next(2)).containsExactly("status RUNNING", "epoch 1 id=1");
    }

    @Test
    void eventsOfOtherJobsAreNotSent() throws InterruptedException {
        open(0, 16);
        assertThat(sink.next()).isEqualTo("status RUNNING");
        events.publish(new JobEvents.EpochFinished("job-2", new LossPoint("job-2", 1, 1, 1.0, null, null, null, null, 1, null)));
        record(1);
        assertThat(sink.next()).isEqualTo("epoch 1 id=1");
    }

    @Test
    void aDeletedJobsStreamEnds() throws InterruptedException {
        JobEventStream stream = open(0, 16);
        assertThat(sink.next()).isEqualTo("status RUNNING");
        stream.deleted();
        assertThat(sink.next(2)).containsExactly("end DELETED 0", "closed");
    }

    @Test
    void aClientThatWentAwayEndsTheStream() throws InterruptedException {
        RecordingSink gone = new RecordingSink() {
            @Override
            public void send(String event, String id, Object data) throws IOException {
                if (event.equals("epoch")) {
                    throw new IOException("Broken pipe");
                }
                super.send(event, id, data);
            }
        };
        new JobEventStream(JOB, 0, events, job, gone, 16, NO_HEARTBEAT).start();
        assertThat(gone.next()).isEqualTo("status RUNNING");
        record(1);
        assertThat(gone.next()).isEqualTo("closed");
        record(2);
        end(JobStatus.SUCCEEDED);
        assertThat(gone.received).isEmpty();
    }

    @Test
    void aStalledSubscriberIsDroppedWithoutEverBlockingThePublisher() throws InterruptedException {
        int capacity = 4;
        open(0, capacity);
        assertThat(sink.next()).isEqualTo("status RUNNING");
        sink.stall = new CountDownLatch(1);
        // the client stops reading: the writer blocks in its first send, the rest waits in the buffer
        for (int epoch = 1; epoch <= 100; epoch++) {
            record(epoch);                     // returns at once although nobody reads; the test would hang otherwise
        }
        sink.stall.countDown();
        List<String> rest = new ArrayList<>();
        String item;
        while (!(item = sink.next()).equals("closed")) {
            rest.add(item);
        }
        // what the writer held when it stalled, and nothing after: no end, so the client resumes
        assertThat(rest).hasSizeLessThanOrEqualTo(1).allMatch(s -> s.startsWith("epoch "));
        int resumeAfter = rest.isEmpty() ? 0 : Integer.parseInt(rest.getLast().split(" ")[1]);

        RecordingSink again = new RecordingSink();
        new JobEventStream(JOB, resumeAfter, events, job, again, capacity, NO_HEARTBEAT).start();
        List<String> resumed = again.next(100 - resumeAfter + 1);
        assertThat(resumed.getFirst()).isEqualTo("epoch " + (resumeAfter + 1) + " id=" + (resumeAfter + 1));
        assertThat(resumed.get(resumed.size() - 2)).isEqualTo("epoch 100 id=100");
        assertThat(resumed.getLast()).isEqualTo("status RUNNING");
    }
}
