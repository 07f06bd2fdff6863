package io.mlpservice.training;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;
import java.time.Duration;
import java.util.Optional;

/** A submission while the training queue is full, by count or by bytes; worth retrying later. */
public class QueueFullException extends ServiceException {

    private final Duration retryAfter;

    public QueueFullException(String reason, Duration retryAfter) {
        super(ProblemType.QUEUE_FULL, "the training queue is full (" + reason + "); retry in "
                + Math.max(1, retryAfter.toSeconds()) + " seconds");
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
