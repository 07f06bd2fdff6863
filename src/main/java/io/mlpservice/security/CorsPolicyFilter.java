package io.mlpservice.security;

import io.mlpservice.error.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-origin requests from browsers: allowed from the origins listed in
 * {@code mlp.security.cors.allowed-origins} (with the API's methods and headers, keys sent in
 * headers, never cookies), refused with a 403 problem from every other origin, and from all when
 * none is listed. Same-origin requests (the dashboard, Swagger UI) and clients that are not
 * browsers send no foreign {@code Origin} and pass untouched. A preflight is answered here, before
 * any key is asked, as browsers send none with it.
 */
final class CorsPolicyFilter extends OncePerRequestFilter {

    private static final int MAX_ORIGIN_ECHO = 100;

    private final CorsConfiguration config;
    private final SecurityProblems problems;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {
        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // the filter writes the problem body, with the request at hand
            response.setStatusCode(HttpStatus.FORBIDDEN);
        }
    };

    CorsPolicyFilter(List<String> allowedOrigins, SecurityProblems problems) {
        this.problems = problems;
        this.config = new CorsConfiguration();
        config.setAllowedOrigins(allowedOrigins);
        config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        config.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, ApiKeyAuthenticationFilter.API_KEY_HEADER,
                HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, "X-Request-Id"));
        config.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "X-Request-Id",
                HttpHeaders.WWW_AUTHENTICATE));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!processor.processRequest(config, request, response)) {
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            problems.write(request, response, ProblemType.FORBIDDEN, config.checkOrigin(origin) == null
                    ? "cross-origin requests from " + excerpt(origin) + " are not allowed"
                            + " (mlp.security.cors.allowed-origins)"
                    : "this cross-origin request from " + excerpt(origin)
                            + " asks for a method or headers that are not allowed");
            return;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            return;     // answered: 200 with the Access-Control-Allow-* headers
        }
        chain.doFilter(request, response);
    }

    private static String excerpt(String origin) {
        if (origin == null) {
            return "an unknown origin";
        }
        return "'" + (origin.length() <= MAX_ORIGIN_ECHO ? origin : origin.substring(0, MAX_ORIGIN_ECHO) + "…") + "'";
    }
}
