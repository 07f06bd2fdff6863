package io.mlpservice.serving;

import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.ServiceException;
import io.mlpservice.error.Violation;
import io.mlpservice.web.ProblemStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error under {@code /v2} as the Open Inference Protocol has it: a 4xx status and
 * {@code {"error": "..."}} with a message naming the field or path at fault, in place of the
 * problem+json of {@code /api}. It runs before the other exception resolvers and declines (returns
 * null) for any other path. The service's own failures keep their status (404 for an unknown
 * model, 409 for one not trained); only the unexpected is a 500, logged.
 */
final class InferenceErrorResolver implements HandlerExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(InferenceErrorResolver.class);

    private final JsonMapper json;

    InferenceErrorResolver(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.equals("/v2") && !path.startsWith("/v2/")) {
            return null;
        }
        HttpStatus status;
        String message;
        if (cause(ex, ServiceException.class) instanceof ServiceException service) {
            status = ProblemStatus.of(service.problemType());
            message = message(service);
            service.retryAfter().ifPresent(after -> response.setHeader(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, after.toSeconds()))));
        } else if (ex instanceof HttpMessageNotReadableException unreadable) {
            status = HttpStatus.BAD_REQUEST;
            message = unreadable.getCause() instanceof JacksonException jackson ? describe(jackson)
                    : "the request body is missing; send an inference request as JSON";
        } else if (ex instanceof NoResourceFoundException) {
            status = HttpStatus.NOT_FOUND;
            message = "no endpoint at " + request.getMethod() + " " + path;
        } else if (ex instanceof HttpRequestMethodNotSupportedException method) {
            status = HttpStatus.METHOD_NOT_ALLOWED;
            String allowed = method.getSupportedHttpMethods() == null ? "" : method.getSupportedHttpMethods()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            response.setHeader(HttpHeaders.ALLOW, allowed);
            message = method.getMethod() + " is not supported here; use " + allowed;
        } else if (ex instanceof HttpMediaTypeNotSupportedException) {
            status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            message = "send the request body as application/json";
        } else if (ex instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            status = HttpStatus.valueOf(framework.getStatusCode().value());
            message = framework.getBody().getDetail() != null ? framework.getBody().getDetail()
                    : status.getReasonPhrase();
        } else {
            log.error("Unexpected error on {} {}", request.getMethod(), path, ex);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            message = "an unexpected error occurred on the server; it has been logged";
        }
        write(response, status, message);
        return new ModelAndView();
    }

    private void write(HttpServletResponse response, HttpStatus status, String message) {
        if (response.isCommitted()) {
            log.debug("An inference answer failed after it was sent: {}", message);
            return;
        }
        try {
            response.resetBuffer();
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(json.writeValueAsBytes(Map.of("error", message)));
        } catch (IOException e) {
            log.debug("Could not write an inference error: {}", e.toString());
        }
    }

    /** All the violations of an invalid request, since the protocol's error has no list of them. */
    private static String message(ServiceException ex) {
        if (ex instanceof InvalidInputException invalid && invalid.violations().size() > 1) {
            return invalid.violations().stream().map(Violation::message).collect(Collectors.joining("; "));
        }
        return ex.getMessage();
    }

    private static Throwable cause(Throwable ex, Class<?> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** "{path} {what is wrong}", without Java type names. */
    static String describe(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String subject = path.isEmpty() ? "the body" : path.toString();
        if (ex instanceof UnrecognizedPropertyException) {
            return subject + " is not a field of the Open Inference Protocol's request";
        }
        if (ex instanceof InvalidNullException) {
            return subject + " must not be null";
        }
        if (ex instanceof io.mlpservice.web.InvalidJsonValueException) {
            return subject + " " + ex.getOriginalMessage();
        }
        if (ex instanceof StreamReadException) {
            String original = ex.getOriginalMessage();
            int cut = original.indexOf(" (start marker at");
            return "the body is not valid JSON: " + (cut < 0 ? original : original.substring(0, cut));
        }
        return subject + " has the wrong type for the Open Inference Protocol's request";
    }
}
