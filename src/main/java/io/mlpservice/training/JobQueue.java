package io.mlpservice.training;

import io.mlpservice.config.MlpServiceProperties;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The jobs waiting for a worker, first in first out, bounded twice: by their number and by the
 * bytes of their data. A submission beyond either bound is refused with
 * {@link QueueFullException}; jobs found waiting at start-up are taken back unconditionally,
 * since they were accepted before.
 * <p>
 * In a cluster the queue is the shared jobs table itself ({@link ClusterJobQueue}): the bounds
 * count the cluster's waiting jobs, and a worker takes a job by claiming it for this member.
 */
@Component
class JobQueue {

    private record Entry(String jobId, long bytes) {
    }

    private final int capacity;
    private final long maxBytes;
    private final Duration retryAfter;
    private final ClusterJobQueue cluster;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;
    private boolean closed;

    JobQueue(MlpServiceProperties properties, TrainingStore store) {
        MlpServiceProperties.Training training = properties.training();
        this.capacity = training.queueCapacity();
        this.maxBytes = training.maxQueuedBytes().toBytes();
        this.retryAfter = training.retryAfter();
        this.cluster = store.cluster == null ? null
                : new ClusterJobQueue(store, TrainingWorkers.threadsPerJob(properties));
    }

    /**
     * Reserves a place for a job of {@code dataBytes}: checked before its data is stored, so a
     * refused submission writes nothing.
     *
     * @throws QueueFullException when the queue has no room for it
     */
    void checkRoom(long dataBytes) {
        if (cluster != null) {
            checkRoom(cluster.waiting(), cluster.waitingBytes(), dataBytes);
            return;
        }
        lock.lock();
        try {
            checkRoom(entries.size(), bytes, dataBytes);
        } finally {
            lock.unlock();
        }
    }

    private void checkRoom(int waiting, long waitingBytes, long dataBytes) {
        if (waiting >= capacity) {
            throw new QueueFullException(waiting + " jobs waiting, mlp.training.queue-capacity", retryAfter);
        }
        if (waitingBytes + dataBytes > maxBytes) {
            throw new QueueFullException(String.format("the waiting jobs' data would take %,d bytes of %,d, "
                    + "mlp.training.max-queued-bytes", waitingBytes + dataBytes, maxBytes), retryAfter);
        }
    }

    /**
     * Adds a newly submitted job at the end. In a cluster the job waits as soon as its record is
     * stored, and the workers of every member learn it from the table.
     *
     * @throws QueueFullException when the queue has no room for it
     */
    void offer(String jobId, long dataBytes) {
        if (cluster != null) {
            return;
        }
        lock.lock();
        try {
            checkRoom(dataBytes);
            add(jobId, dataBytes);
        } finally {
            lock.unlock();
        }
    }

    /** Adds a job that was accepted before a restart, whatever the bounds. */
    void restore(String jobId, long dataBytes) {
        lock.lock();
        try {
            add(jobId, dataBytes);
        } finally {
            lock.unlock();
        }
    }

    private void add(String jobId, long dataBytes) {
        entries.addLast(new Entry(jobId, dataBytes));
        bytes += dataBytes;
        notEmpty.signal();
    }

    /**
     * The next job, waiting for one; the caller owns it from now on (in a cluster it is already
     * claimed for this member). Null once the queue is closed.
     */
    String take() throws InterruptedException {
        if (cluster != null) {
            return cluster.take();
        }
        lock.lock();
        try {
            while (entries.isEmpty() || closed) {
                if (closed) {
                    return null;
                }
                notEmpty.await();
            }
            Entry next = entries.pollFirst();
            bytes -= next.bytes();
            return next.jobId();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a job out before a worker got it; false when it was not waiting. In a cluster a job
     * leaves the queue by its cancellation request, which no claim passes: true when it waits with one.
     */
    boolean remove(String jobId) {
        if (cluster != null) {
            return cluster.withdrawn(jobId);
        }
        lock.lock();
        try {
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.jobId().equals(jobId)) {
                    it.remove();
                    bytes -= entry.bytes();
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Hands out no more jobs: the waiting ones stay stored for the next start (or another member). */
    void close() {
        if (cluster != null) {
            cluster.close();
        }
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        if (cluster != null) {
            return cluster.waiting();
        }
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
