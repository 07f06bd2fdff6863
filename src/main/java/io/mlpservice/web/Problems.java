package io.mlpservice.web;

import io.mlpservice.error.ProblemType;
import java.net.URI;
import org.springframework.http.ProblemDetail;

/** Builds problem bodies with this API's types and titles. */
public final class Problems {

    private static final URI BLANK = URI.create("about:blank");

    private Problems() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ProblemStatus.of(type), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        return problem;
    }

    /** Gives a problem built elsewhere (type {@code about:blank}) the type and title of its status. */
    static void fillType(ProblemDetail problem) {
        if (problem.getType() != null && !BLANK.equals(problem.getType())) {
            return;
        }
        ProblemType type = switch (problem.getStatus()) {
            case 400 -> ProblemType.INVALID_INPUT;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.QUEUE_FULL;
            case 503 -> ProblemType.SHUTTING_DOWN;
            default -> problem.getStatus() >= 500 && problem.getStatus() != 503 ? ProblemType.INTERNAL_ERROR : null;
        };
        if (type != null) {
            problem.setType(type.type());
            problem.setTitle(type.title());
        }
    }
}
