package io.mlpservice.web;

import java.util.Map;

/**
 * A failure the client can act on, raised by the services and turned into a problem+json
 * response by {@link ApiExceptionHandler}. Subclasses name the situation
 * ({@code ModelNotFoundException}); the detail names the field, value or state at fault.
 */
public abstract class ApiException extends RuntimeException {

    private final ProblemType problemType;

    protected ApiException(ProblemType problemType, String detail) {
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

    /** Response headers, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
