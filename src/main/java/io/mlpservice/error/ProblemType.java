package io.mlpservice.error;

import java.net.URI;

/**
 * The kinds of problem the service reports, each with a stable {@code type} URI and a fixed
 * title (RFC 9457), and the {@link Kind} of failure it is. Clients may switch on the type; the
 * detail text is for people. Nothing here knows of HTTP: the web edge maps each kind to a status.
 */
public enum ProblemType {

    INVALID_INPUT("invalid-input", "Invalid input", Kind.INVALID),
    MALFORMED_JSON("malformed-json", "Malformed JSON", Kind.INVALID),
    UNAUTHORIZED("unauthorized", "API key missing or unknown", Kind.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Not allowed", Kind.FORBIDDEN),
    MODEL_NOT_FOUND("model-not-found", "Model not found", Kind.NOT_FOUND),
    VERSION_NOT_FOUND("version-not-found", "Model version not found", Kind.NOT_FOUND),
    JOB_NOT_FOUND("job-not-found", "Training job not found", Kind.NOT_FOUND),
    DATASET_NOT_FOUND("dataset-not-found", "Dataset not found", Kind.NOT_FOUND),
    NOT_FOUND("not-found", "Not found", Kind.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", Kind.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", Kind.NOT_ACCEPTABLE),
    MODEL_BUSY("model-busy", "Model is training", Kind.CONFLICT),
    MODEL_NOT_TRAINED("model-not-trained", "Model has no trained weights", Kind.CONFLICT),
    MODEL_BROKEN("model-broken", "Model weights are unreadable", Kind.CONFLICT),
    VERSION_SERVING("version-serving", "Version is serving", Kind.CONFLICT),
    JOB_FINISHED("job-finished", "Training job already finished", Kind.CONFLICT),
    REGISTRY_FULL("registry-full", "Model registry is full", Kind.CONFLICT),
    DATASET_IN_USE("dataset-in-use", "Dataset is used by a training job", Kind.CONFLICT),
    IDEMPOTENCY_KEY_IN_PROGRESS("idempotency-key-in-progress", "A request with this Idempotency-Key is in progress",
            Kind.CONFLICT),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused with another request",
            Kind.UNPROCESSABLE),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", Kind.TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", Kind.UNSUPPORTED_MEDIA_TYPE),
    QUEUE_FULL("queue-full", "Training queue is full", Kind.OVERLOADED),
    SHUTTING_DOWN("shutting-down", "Service is shutting down", Kind.UNAVAILABLE),
    INTERNAL_ERROR("internal-error", "Internal error", Kind.INTERNAL);

    /** What kind of failure a problem is, whatever the protocol that reports it. */
    public enum Kind {
        /** The request breaks a rule; sending it again will not help. */
        INVALID,
        /** The caller did not say who it is, or is unknown. */
        UNAUTHORIZED,
        /** The caller is known but may not do this. */
        FORBIDDEN,
        NOT_FOUND,
        METHOD_NOT_ALLOWED,
        NOT_ACCEPTABLE,
        /** The request is valid but the current state refuses it. */
        CONFLICT,
        /** The request is well-formed but contradicts an earlier one it claims to repeat. */
        UNPROCESSABLE,
        TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        /** The service is at capacity; the same request may succeed later. */
        OVERLOADED,
        /** The service is stopping; the same request may succeed on its next start. */
        UNAVAILABLE,
        INTERNAL
    }

    private static final String PREFIX = "urn:mlp-service:problem:";

    private final URI type;
    private final String title;
    private final Kind kind;

    ProblemType(String slug, String title, Kind kind) {
        this.type = URI.create(PREFIX + slug);
        this.title = title;
        this.kind = kind;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public Kind kind() {
        return kind;
    }
}
