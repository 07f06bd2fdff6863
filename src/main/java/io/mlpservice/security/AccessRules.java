package io.mlpservice.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, by method and path pattern rather than by endpoint, so that an endpoint
 * added later falls under the right rule without anyone editing this table. The first rule that
 * matches decides; the README shows the same table.
 */
final class AccessRules {

    /**
     * One line of the table: the requests it matches and what they need: nothing ({@code open}),
     * a key of at least {@code role}, or any valid key (neither).
     */
    record Rule(RequestMatcher matcher, Role role, boolean open) {

        void applyTo(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
            var matched = registry.requestMatchers(matcher);
            if (open) {
                matched.permitAll();
            } else if (role == null) {
                matched.authenticated();
            } else {
                matched.hasRole(role.name());
            }
        }
    }

    /** Any method: a null method matches them all. */
    private static final HttpMethod[] ANY = {null};
    private static final HttpMethod[] READS = {HttpMethod.GET, HttpMethod.HEAD};
    private static final HttpMethod[] DELETE = {HttpMethod.DELETE};
    private static final HttpMethod[] POST = {HttpMethod.POST};
    private static final HttpMethod[] WRITES = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH};

    static final List<Rule> RULES = List.of(
            // health and its probes, the OpenAPI document, Swagger UI, the dashboard's static files
            new Rule(any(ANY, "/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                    "/", "/index.html", "/dashboard/**", "/webjars/**", "/favicon.ico"), null, true),
            new Rule(any(ANY, "/actuator/metrics/**", "/actuator/prometheus"), Role.ADMIN, false),
            new Rule(any(DELETE, "/**"), Role.ADMIN, false),
            // the writes that only compute from a model: predictions, evaluations, inference (v2)
            new Rule(any(POST, "/api/v1/models/*/predictions", "/api/v1/models/*/evaluations",
                    "/api/v1/models/*/feature-importance", "/v2/models/*/infer", "/v2/models/*/versions/*/infer"),
                    Role.PREDICTOR, false),
            new Rule(any(READS, "/api/**", "/v2/**"), Role.PREDICTOR, false),
            new Rule(any(WRITES, "/api/**", "/v2/**"), Role.TRAINER, false),
            // anything else (the other actuator endpoints, OPTIONS...): any valid key
            new Rule(AnyRequestMatcher.INSTANCE, null, false));

    private AccessRules() {
    }

    /** Every rule, in order, onto Spring Security's authorization table. */
    static void applyTo(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
        RULES.subList(0, RULES.size() - 1).forEach(rule -> rule.applyTo(registry));
        registry.anyRequest().authenticated();
    }

    /** The role the first matching rule asks for, if it asks for one. */
    static Optional<Role> requiredRole(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst()
                .map(Rule::role);
    }

    private static RequestMatcher any(HttpMethod[] methods, String... patterns) {
        List<RequestMatcher> matchers = new ArrayList<>();
        for (HttpMethod method : methods) {
            for (String pattern : patterns) {
                matchers.add(PathPatternRequestMatcher.pathPattern(method, pattern));
            }
        }
        return new OrRequestMatcher(matchers);
    }
}
