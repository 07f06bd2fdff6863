package io.mlpservice.security;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security filter chain: API keys with roles ({@link AccessRules}), problem+json refusals,
 * {@code X-Content-Type-Options: nosniff} on every answer and {@code Cache-Control: no-store} on
 * the API's, CORS closed unless origins are listed. Stateless: no session, no cookie, no CSRF
 * token (keys travel in headers, which a browser never adds on its own). With
 * {@code mlp.security.enabled=false} the same chain runs with every endpoint open.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MlpSecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The accepted keys: the configured ones, or else the generated admin key. Declaring it also
     * keeps Spring Boot from generating a login password of its own.
     */
    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(MlpSecurityProperties properties,
            @Value("${mlp.storage.dir:data}") String storageDir) {
        List<ApiKeyAuthenticationProvider.Entry> keys = new ArrayList<>();
        if (properties.enabled()) {
            properties.apiKeys().forEach(key -> keys.add(ApiKeyAuthenticationProvider.entry(key)));
            if (keys.isEmpty()) {
                try {
                    keys.add(new ApiKeyAuthenticationProvider.Entry(AdminKey.NAME, Role.ADMIN,
                            ApiKeyAuthenticationProvider.sha256(AdminKey.provision(storageDir))));
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write the admin key into " + storageDir
                            + " (mlp.storage.dir); configure keys in mlp.security.api-keys instead", e);
                }
            }
        } else {
            log.warn("mlp.security.enabled=false: every endpoint is open to anyone who reaches the port");
        }
        return new ApiKeyAuthenticationProvider(keys);
    }

    /**
     * No observation (a timer and a span) around each filter of the chain, the authentication and
     * the authorization: on every request they cost more CPU than the prediction of a small model
     * (JFR: about a tenth of the request threads' samples under GET load), and
     * {@code http_server_requests_seconds} already times every request whole.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The problem+json refusals; as a bean it also answers the requests Spring Security's firewall refuses. */
    @Bean
    SecurityProblems securityProblems(JsonMapper json) {
        return new SecurityProblems(json);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, MlpSecurityProperties properties,
            ApiKeyAuthenticationProvider keys, SecurityProblems problems) {
        http.csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .cacheControl(HeadersConfigurer.CacheControlConfig::disable)
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new OrRequestMatcher(
                                PathPatternRequestMatcher.pathPattern("/api/**"),
                                PathPatternRequestMatcher.pathPattern("/v2/**"),
                                PathPatternRequestMatcher.pathPattern("/actuator/**")),
                                new StaticHeadersWriter("Cache-Control", "no-store"))))
                .addFilterAfter(new CorsPolicyFilter(properties.cors().allowedOrigins(), problems),
                        HeaderWriterFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (properties.enabled()) {
            http.addFilterBefore(new ApiKeyAuthenticationFilter(keys), AuthorizationFilter.class)
                    .authorizeHttpRequests(authorize -> {
                        // the request dispatch was authorized; its error page and async completion follow it
                        authorize.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                        AccessRules.applyTo(authorize);
                    });
        } else {
            http.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
        }
        return http.build();
    }
}
