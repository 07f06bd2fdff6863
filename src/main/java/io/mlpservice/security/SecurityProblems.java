package io.mlpservice.security;

import io.mlpservice.error.ProblemType;
import io.mlpservice.web.ProblemStatus;
import io.mlpservice.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the refusals of the security filter chain (401 without a known key, 403 for a key
 * without the role, 403 for a refused cross-origin request, 400 for a URL the firewall refuses)
 * with the same RFC 9457 problem+json shape as the rest of the API: they happen before Spring
 * MVC, so its exception handler never sees them.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String HOW_TO_SEND = "send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'";

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        boolean unknown = request.getAttribute(ApiKeyAuthenticationFilter.UNKNOWN_KEY) != null;
        // RFC 6750: a token that was sent but is not valid is "invalid_token"; none sent, no error code
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, unknown ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(request, response, ProblemType.UNAUTHORIZED, unknown
                ? "the API key sent is not one of the configured keys; " + HOW_TO_SEND + " with a valid key"
                : "this endpoint needs an API key; " + HOW_TO_SEND);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        String needed = AccessRules.requiredRole(request).map(role -> "the " + role.label() + " role")
                .orElse("another role");
        String has = SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key
                && key.role() != null
                ? "the key '" + key.getName() + "' has the role " + key.role().label()
                : "the key sent does not have it";
        write(request, response, ProblemType.FORBIDDEN, request.getMethod() + " here needs " + needed + "; " + has);
    }

    /**
     * A URL or header that Spring Security's firewall refuses ({@code //}, {@code /../}, {@code ;},
     * an encoded {@code /}, {@code %} or {@code .}, a control character): refused before any other
     * filter has run, so the security headers are set here.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
            throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        write(request, response, ProblemType.INVALID_INPUT, "the URL or a header holds what this API refuses: "
                + "//, /../, ;, an encoded /, % or ., or a control character");
    }

    /**
     * Writes a problem body with this API's type, title and status, the detail, and the path as
     * instance (long segments cut, as {@link Problems#instance} does).
     */
    void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.type().toString());
        body.put("title", type.title());
        body.put("status", ProblemStatus.of(type).value());
        body.put("detail", detail);
        body.put("instance", Problems.instance(request.getRequestURI()).toString());
        response.setStatus(ProblemStatus.of(type).value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.writeValueAsBytes(body));
        response.flushBuffer();
    }
}
