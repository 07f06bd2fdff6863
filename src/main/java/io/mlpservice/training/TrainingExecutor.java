package io.mlpservice.training;

import io.mlpservice.config.MlpServiceProperties;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The bounded pool that runs training jobs: a fixed number of platform threads (training is CPU
 * work, one job per core by default) and a bounded queue; a submission that finds the queue full
 * is refused with {@link QueueFullException} rather than piling up without limit.
 */
@Component
class TrainingExecutor {

    private final ThreadPoolExecutor pool;
    private final int capacity;
    private final Duration retryAfter;

    TrainingExecutor(MlpServiceProperties properties) {
        MlpServiceProperties.Training training = properties.training();
        int workers = training.effectiveWorkers();
        AtomicInteger counter = new AtomicInteger();
        this.capacity = training.queueCapacity();
        this.retryAfter = training.retryAfter();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(capacity), runnable -> {
                    Thread thread = new Thread(runnable, "mlp-training-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** @throws QueueFullException when the queue is full */
    void submit(Runnable job) {
        try {
            pool.execute(job);
        } catch (RejectedExecutionException e) {
            throw new QueueFullException(capacity, retryAfter);
        }
    }

    /** Takes a job that has not started out of the queue, freeing its place. */
    void remove(Runnable job) {
        pool.remove(job);
    }

    int workers() {
        return pool.getMaximumPoolSize();
    }

    int queued() {
        return pool.getQueue().size();
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
