package io.mlpservice.web;

import io.mlpservice.error.Violation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.List;

/**
 * OpenAPI declarations of the error responses, one annotation per status, each with the
 * problem+json schema, so that controllers state their errors in one line.
 */
public final class ProblemResponses {

    private static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {
    }

    /** The problem+json body (RFC 9457) as documented. */
    @Schema(name = "Problem", description = "An RFC 9457 problem: what went wrong, where, and a stable type to switch on")
    public record Problem(
            @Schema(description = "Stable identifier of the kind of problem", example = "urn:mlp-service:problem:invalid-input")
            URI type,
            @Schema(description = "Short summary of the kind of problem", example = "Invalid input")
            String title,
            @Schema(description = "HTTP status", example = "400")
            int status,
            @Schema(description = "What went wrong in this request, naming the field; a value the client sent is "
                    + "repeated as at most 60 characters and …",
                    example = "features[12] has 3 values; the model expects 4")
            String detail,
            @Schema(description = "The request path; a segment over 60 characters (a made-up id) is cut to 60 and "
                    + "an encoded …", format = "uri-reference",
                    example = "/api/v1/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11/training-jobs")
            URI instance,
            @Schema(description = "Every violation, for invalid input (the first 20)")
            List<Violation> errors) {
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "400", description = "Invalid input: the detail and `errors` name each field at fault",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface BadRequest {
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "404", description = "No such model or training job",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "409", description = "The model or job is not in a state that allows this",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "429", description = "The training queue is full; retry after the seconds in `Retry-After`",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public @interface QueueFull {
    }
}
