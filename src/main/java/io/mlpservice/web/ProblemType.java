package io.mlpservice.web;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The kinds of problem the API reports, each with a stable {@code type} URI, a fixed title and an
 * HTTP status (RFC 9457). Clients may switch on the type; the detail text is for people.
 */
public enum ProblemType {

    INVALID_INPUT("invalid-input", "Invalid input", HttpStatus.BAD_REQUEST),
    MALFORMED_JSON("malformed-json", "Malformed JSON", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "API key missing or unknown", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Not allowed", HttpStatus.FORBIDDEN),
    MODEL_NOT_FOUND("model-not-found", "Model not found", HttpStatus.NOT_FOUND),
    JOB_NOT_FOUND("job-not-found", "Training job not found", HttpStatus.NOT_FOUND),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    MODEL_BUSY("model-busy", "Model is training", HttpStatus.CONFLICT),
    MODEL_NOT_TRAINED("model-not-trained", "Model has no trained weights", HttpStatus.CONFLICT),
    JOB_FINISHED("job-finished", "Training job already finished", HttpStatus.CONFLICT),
    REGISTRY_FULL("registry-full", "Model registry is full", HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    QUEUE_FULL("queue-full", "Training queue is full", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    private static final String PREFIX = "urn:mlp-service:problem:";

    private final URI type;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.type = URI.create(PREFIX + slug);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
