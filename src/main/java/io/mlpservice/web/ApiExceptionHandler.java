package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;
import io.mlpservice.error.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Turns every error into an RFC 9457 {@code application/problem+json} body with a stable
 * {@code type}, a {@code detail} that names the field and value at fault and, for invalid
 * input, an {@code errors} list. No stack trace and no class name ever reaches a client; only
 * the unexpected is logged as an error.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

    ApiExceptionHandler(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

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
                ? JsonProblems.describe(json)
                : new BadInput(ProblemType.INVALID_INPUT, "the request body is missing; send a JSON object");
        return handleApi(problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleApi(new BadInput(ProblemType.NOT_FOUND,
                "no endpoint at " + ex.getHttpMethod() + " /" + Excerpt.of(ex.getResourcePath())), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // the methods of the path's most specific mappings, as the OpenAPI document lists them
        List<String> supported = request instanceof ServletWebRequest servlet
                ? List.copyOf(AllowedMethods.of(mappings, servlet.getRequest().getRequestURI())) : List.of();
        if (supported.isEmpty()) {
            supported = ex.getSupportedMethods() == null ? List.of()
                    : java.util.Arrays.stream(ex.getSupportedMethods()).sorted().toList();
        }
        HttpHeaders allow = new HttpHeaders();
        allow.putAll(headers);
        allow.set(HttpHeaders.ALLOW, String.join(", ", supported));
        ProblemDetail body = Problems.of(ProblemType.METHOD_NOT_ALLOWED, ex.getMethod()
                + " is not supported here; use " + String.join(" or ", supported));
        return handleExceptionInternal(ex, body, allow, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() != null ? ex.getPropertyName() : "a parameter";
        Class<?> type = ex.getRequiredType();
        String expected = type != null && type.isEnum()
                ? "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "))
                : type == Integer.class || type == int.class ? "an integer between -2147483648 and 2147483647"
                : JsonProblems.expected(type);
        return handleApi(new InvalidInputException(name, name + " " + Excerpt.quoted(ex.getValue()) + " is not "
                + expected), request);
    }

    /** A Content-Type that is not JSON, repeated as an excerpt (a header may be kilobytes long). */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String sent = ex.getContentType() == null ? null : ex.getContentType().toString();
        ProblemDetail body = Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, sent == null
                ? "the request has no Content-Type; send application/json"
                : "Content-Type " + Excerpt.quoted(sent) + " is not supported; send application/json");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    /**
     * Gives the framework's own problems (415, 406, 400 for a bad parameter...) this API's stable
     * type and title instead of {@code about:blank}, and every problem its instance (the path,
     * long segments cut: see {@link Problems#instance}).
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Problems.fillType(problem);
            if (request instanceof ServletWebRequest servlet) {
                problem.setInstance(Problems.instance(servlet.getRequest().getRequestURI()));
            }
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** A problem raised here, from a framework exception. */
    private static final class BadInput extends ServiceException {
        BadInput(ProblemType type, String detail) {
            super(type, detail);
        }
    }
}
