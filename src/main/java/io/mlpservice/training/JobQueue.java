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
 */
@Component
class JobQueue {

    private record Entry(String jobId, long bytes) {
    }

    private final int capacity;
    private final long maxBytes;
    private final Duration retryAfter;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;
    private boolean closed;

    JobQueue(MlpServiceProperties properties) {
        MlpServiceProperties.Training training = properties.training();
        this.capacity = training.queueCapacity();
        this.maxBytes = training.maxQueuedBytes().toBytes();
        this.retryAfter = training.retryAfter();
    }

    /**
     * Reserves a place for a job of {@code dataBytes}: checked before its data is stored, so a
     * refused submission writes nothing.
     *
     * @throws QueueFullException when the queue has no room for it
     */
    void checkRoom(long dataBytes) {
        lock.lock();
        try {
            if (entries.size() >= capacity) {
                throw new QueueFullException(entries.size() + " jobs waiting, mlp.training.queue-capacity", retryAfter);
            }
            if (bytes + dataBytes > maxBytes) {
                throw new QueueFullException(String.format("the waiting jobs' data would take %,d bytes of %,d, "
                        + "mlp.training.max-queued-bytes", bytes + dataBytes, maxBytes), retryAfter);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a newly submitted job at the end.
     *
     * @throws QueueFullException when the queue has no room for it
     */
    void offer(String jobId, long dataBytes) {
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

    /** The next job, waiting for one; the caller owns it from now on. Null once the queue is closed. */
    String take() throws InterruptedException {
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

    /** Takes a job out before a worker got it; false when it was not waiting. */
    boolean remove(String jobId) {
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

    /** Hands out no more jobs: the waiting ones stay stored for the next start. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
