package io.mlpservice.serving;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the Open Inference Protocol's error answers first among Spring MVC's exception resolvers,
 * so that every error under {@code /v2} (a framework's 404, 405 or 415 and the request-size
 * limit included) is {@code {"error": "..."}} rather than problem+json.
 */
@Configuration(proxyBeanMethods = false)
class ServingConfiguration implements WebMvcConfigurer {

    private final JsonMapper json;

    ServingConfiguration(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.addFirst(new InferenceErrorResolver(json));
    }
}
