package io.mlpservice.training;

import io.mlpservice.web.ApiException;
import io.mlpservice.web.ProblemType;
import java.time.Duration;
import java.util.Map;

/** A submission while every worker is busy and the queue is full (429 with Retry-After). */
public class QueueFullException extends ApiException {

    private final Duration retryAfter;

    public QueueFullException(int capacity, Duration retryAfter) {
        super(ProblemType.QUEUE_FULL, "the training queue is full (" + capacity
                + " jobs waiting, mlp.training.queue-capacity); retry in " + retryAfter.toSeconds() + " seconds");
        this.retryAfter = retryAfter;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
    }
}
