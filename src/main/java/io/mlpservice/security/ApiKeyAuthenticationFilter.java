package io.mlpservice.security;

import io.mlpservice.web.RequestLogFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the API key of a request, from {@code Authorization: Bearer <key>} or else
 * {@code X-API-Key: <key>}, and authenticates the request as that key's name and role. A request
 * without a key, or with a key that matches none, goes on unauthenticated: the open endpoints
 * answer it, the others answer 401 (the entry point tells the two cases apart through
 * {@link #UNKNOWN_KEY}).
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** Request attribute set when a key was sent but matched none of the configured keys. */
    static final String UNKNOWN_KEY = ApiKeyAuthenticationFilter.class.getName() + ".unknownKey";

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final AuthenticationProvider provider;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(AuthenticationProvider provider) {
        this.provider = provider;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presentedKey(request);
        if (key != null) {
            try {
                Authentication verified = provider.authenticate(ApiKeyAuthentication.unchecked(key));
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(verified);
                contexts.setContext(context);
                request.setAttribute(RequestLogFilter.CLIENT_ATTRIBUTE, verified.getName());
            } catch (AuthenticationException unknown) {
                request.setAttribute(UNKNOWN_KEY, Boolean.TRUE);
            }
        }
        chain.doFilter(request, response);
    }

    /** The key the client sent, or null; a Bearer token wins over {@code X-API-Key}. */
    static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = authorization.substring(BEARER.length()).strip();
            if (!token.isEmpty()) {
                return token;
            }
        }
        String header = request.getHeader(API_KEY_HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }
}
