package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Answers the errors that happen outside Spring MVC (the servlet container's own refusals, an
 * exception in a filter) with the same problem+json shape as the rest of the API, in place of
 * Spring Boot's default error body. Tomcat refuses {@code TRACE} itself, naming in {@code Allow}
 * every method its servlet has; here the answer names only the methods of the path, as a 405 of
 * Spring MVC does, or is a 404 where the path has no endpoint.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

    ProblemErrorController(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        this.mappings = mappings;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : "/";
        // an error dispatch is a GET (Servlet 6.1); the client's method is kept in an attribute
        Object method = request.getAttribute(RequestDispatcher.ERROR_METHOD);
        if (status == HttpStatus.METHOD_NOT_ALLOWED && "TRACE".equals(method)) {
            return trace(path);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is5xxServerError()
                ? "an unexpected error occurred on the server; it has been logged"
                : "the request could not be handled: " + status.getReasonPhrase());
        return answer(status, problem, path, new HttpHeaders());
    }

    private ResponseEntity<ProblemDetail> trace(String path) {
        Set<String> allowed = allowedMethods(path);
        HttpHeaders headers = new HttpHeaders();
        if (allowed.isEmpty()) {
            return answer(HttpStatus.NOT_FOUND, Problems.of(ProblemType.NOT_FOUND, "no endpoint at TRACE "
                    + Excerpt.of(path)), path, headers);
        }
        headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
        return answer(HttpStatus.METHOD_NOT_ALLOWED, Problems.of(ProblemType.METHOD_NOT_ALLOWED,
                "TRACE is not supported here; use " + String.join(" or ", allowed)), path, headers);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, ProblemDetail problem, String path,
            HttpHeaders headers) {
        Problems.fillType(problem);
        problem.setInstance(Problems.instance(path));
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The methods of the path's most specific request mappings, sorted; none when no mapping matches it. */
    Set<String> allowedMethods(String path) {
        return AllowedMethods.of(mappings, path);
    }
}
