package io.mlpservice.config;

import io.mlpservice.web.StrictScalars;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

/**
 * Makes request parsing strict: numbers must be numbers and finite, integers whole, booleans
 * booleans and strings strings; an unknown field is an error rather than a silently ignored typo
 * ({@code "learningrate": 0.5} would otherwise train with the default rate); a field given twice is
 * an error rather than "the last one wins"; a {@code null} is an error rather than "as if absent"
 * (an optional field is left out to take its default: see {@code NullRefusal}); and one body holds
 * one JSON value.
 */
@Configuration(proxyBeanMethods = false)
class JacksonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictRequests() {
        return builder -> builder
                .addModule(StrictScalars.module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
