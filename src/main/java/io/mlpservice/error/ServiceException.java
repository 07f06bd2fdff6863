package io.mlpservice.error;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A failure the client can act on, raised by the services and reported by whatever edge the
 * request came through (problem+json over HTTP). Subclasses name the situation
 * ({@code ModelNotFoundException}); the detail names the field, value or state at fault.
 */
public abstract class ServiceException extends RuntimeException {

    private final ProblemType problemType;

    protected ServiceException(ProblemType problemType, String detail) {
        super(detail, null, false, false);
        this.problemType = problemType;
    }

    public ProblemType problemType() {
        return problemType;
    }

    /** Extension members added to the problem body, such as {@code errors}. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** When the same request may be worth sending again, for problems of a passing kind. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
