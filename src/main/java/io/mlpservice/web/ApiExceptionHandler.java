package io.mlpservice.web;

import io.mlpservice.error.ServiceException;
import io.mlpservice.error.ProblemType;
import io.mlpservice.error.Violation;
import io.mlpservice.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} body with a stable
 * {@code type}, a {@code detail} that names the field and value at fault and, for invalid
 * input, an {@code errors} list. No stack trace and no class name ever reaches a client; only
 * the unexpected is logged as an error.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ServiceException.class)
    ResponseEntity<Object> handleApi(ServiceException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        ex.retryAfter().ifPresent(after -> headers.set(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, after.toSeconds()))));
        ProblemDetail body = Problems.of(ex.problemType(), ex.getMessage());
        ex.properties().forEach(body::setProperty);
        return handleExceptionInternal(ex, body, headers, ProblemStatus.of(ex.problemType()), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error on {}", request.getDescription(false), ex);
        ProblemDetail body = Problems.of(ProblemType.INTERNAL_ERROR,
                "an unexpected error occurred on the server; it has been logged");
        return handleExceptionInternal(ex, body, new HttpHeaders(), ProblemStatus.of(ProblemType.INTERNAL_ERROR), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> violations = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            violations.add(new Violation(error.getField(), error.getField() + " " + error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> violations.add(new Violation("", error.getDefaultMessage())));
        if (violations.isEmpty()) {
            return super.handleMethodArgumentNotValid(ex, headers, status, request);
        }
        violations.sort(java.util.Comparator.comparing(Violation::field));
        return handleApi(new InvalidInputException(violations), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceException api) {
                return handleApi(api, request);
            }
        }
        ServiceException problem = ex.getCause() instanceof JacksonException json
                ? describe(json)
                : new BadInput(ProblemType.INVALID_INPUT, "the request body is missing; send a JSON object");
        return handleApi(problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleApi(new BadInput(ProblemType.NOT_FOUND,
                "no endpoint at " + ex.getHttpMethod() + " /" + ex.getResourcePath()), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> supported = ex.getSupportedMethods() == null ? List.of()
                : java.util.Arrays.stream(ex.getSupportedMethods()).sorted().toList();
        ProblemDetail body = Problems.of(ProblemType.METHOD_NOT_ALLOWED, ex.getMethod()
                + " is not supported here; use " + String.join(" or ", supported));
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "a parameter";
        Class<?> type = ex.getRequiredType();
        String expected = type != null && type.isEnum()
                ? "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "))
                : expected(type);
        return handleApi(new InvalidInputException(name, name + " '" + ex.getValue() + "' is not " + expected), request);
    }

    /**
     * Gives the framework's own problems (415, 406, 400 for a bad parameter...) this API's stable
     * type and title instead of {@code about:blank}.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.fillType(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** Phrases a JSON reading error as "{path} {what is wrong}", without Java type names. */
    static ServiceException describe(JacksonException ex) {
        String path = path(ex.getPath());
        String subject = path.isEmpty() ? "the body" : path;
        if (ex instanceof InvalidJsonValueException) {
            return invalid(path, subject + " " + ex.getOriginalMessage());
        }
        if (ex instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : "; expected one of "
                    + knownFields(unknown.getKnownPropertyIds());
            return invalid(path, subject + " is not a field of this request" + known);
        }
        if (ex instanceof InvalidNullException) {
            return invalid(path, subject + " must not be null");
        }
        if (ex instanceof ValueInstantiationException && ex.getCause() != null) {
            return invalid(path, subject + ": " + ex.getCause().getMessage());
        }
        if (ex instanceof MismatchedInputException mismatch) {
            return invalid(path, subject + " must be " + expected(mismatch.getTargetType()));
        }
        if (ex instanceof StreamReadException) {
            TokenStreamLocation at = ex.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return new BadInput(ProblemType.MALFORMED_JSON, "the body is not valid JSON: "
                    + withoutSourceReference(ex.getOriginalMessage()) + where);
        }
        return invalid(path, subject + " could not be read");
    }

    /** Jackson's messages may name the (redacted) input source; the client needs none of that. */
    private static String withoutSourceReference(String message) {
        int cut = message.indexOf(" (start marker at");
        if (cut < 0) {
            cut = message.indexOf(" [Source:");
        }
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static ServiceException invalid(String path, String message) {
        return new InvalidInputException(path, message);
    }

    private static String knownFields(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** {@code features[3][1]}, {@code earlyStopping.patience}. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** A problem raised here, from a framework exception. */
    private static final class BadInput extends ServiceException {
        BadInput(ProblemType type, String detail) {
            super(type, detail);
        }
    }
}
