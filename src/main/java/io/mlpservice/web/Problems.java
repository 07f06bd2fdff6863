package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ProblemType;
import java.net.URI;
import org.springframework.http.ProblemDetail;

/** Builds problem bodies with this API's types and titles. */
public final class Problems {

    private static final URI BLANK = URI.create("about:blank");
    /** "…", percent-encoded so that a cut path is still a URI reference. */
    private static final String ELLIPSIS = "%E2%80%A6";

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
        ProblemType type = typeOf(problem.getStatus());
        if (type != null) {
            problem.setType(type.type());
            problem.setTitle(type.title());
        }
    }

    /** The problem type of a status the framework or the server answered by itself, or null. */
    static ProblemType typeOf(int status) {
        return switch (status) {
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
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : status >= 400 ? ProblemType.INVALID_INPUT : null;
        };
    }

    /**
     * The {@code instance} of a problem: the request path, with every segment longer than
     * {@value Excerpt#MAX_LENGTH} characters (only a made-up id is) cut to that many and an
     * encoded "…", so that a long id is not repeated whole.
     *
     * @param requestUri the path as the client sent it, still percent-encoded
     */
    public static URI instance(String requestUri) {
        if (requestUri == null || requestUri.isEmpty()) {
            return URI.create("/");
        }
        StringBuilder path = new StringBuilder(Math.min(requestUri.length(), 512));
        int start = 0;
        while (start <= requestUri.length()) {
            int end = requestUri.indexOf('/', start);
            if (end < 0) {
                end = requestUri.length();
            }
            appendSegment(path, requestUri, start, end);
            if (end < requestUri.length()) {
                path.append('/');
            }
            start = end + 1;
        }
        try {
            return URI.create(path.toString());
        } catch (IllegalArgumentException notAUri) {
            return URI.create("/");
        }
    }

    private static void appendSegment(StringBuilder path, String uri, int start, int end) {
        if (end - start <= Excerpt.MAX_LENGTH) {
            path.append(uri, start, end);
            return;
        }
        int cut = start + Excerpt.MAX_LENGTH;
        // never split a %XX escape
        int percent = uri.lastIndexOf('%', cut - 1);
        if (percent >= start && percent > cut - 3) {
            cut = percent;
        }
        path.append(uri, start, cut).append(ELLIPSIS);
    }
}
