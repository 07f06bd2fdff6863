package io.mlpservice.training;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;
import java.time.Duration;
import java.util.Optional;

/** A submission while the service stops: its running jobs are being saved to continue at the next start. */
public class ShuttingDownException extends ServiceException {

    private final Duration retryAfter;

    public ShuttingDownException(Duration retryAfter) {
        super(ProblemType.SHUTTING_DOWN, "the service is shutting down and takes no new training jobs; "
                + "submit it again once it is back");
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
