package io.mlpservice.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the API keys in the OpenAPI document, so that Swagger UI's Authorize button sends one:
 * two schemes, either of which a request may use ({@code Authorization: Bearer <key>} and
 * {@code X-API-Key: <key>}), required by every operation, and the 401 and 403 problems on every
 * operation. Health, the document and Swagger UI themselves stay open. With security off the
 * document promises no key.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurityConfiguration {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";

    @Bean
    OpenApiCustomizer apiKeySecurity(MlpSecurityProperties properties) {
        return openApi -> {
            if (!properties.enabled()) {
                return;
            }
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .description("An API key as a bearer token: `Authorization: Bearer <key>`"))
                    .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name(ApiKeyAuthenticationFilter.API_KEY_HEADER)
                            .description("The same API key in its own header: `X-API-Key: <key>`"));
            // two requirements: either one will do
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER))
                    .addSecurityItem(new SecurityRequirement().addList(API_KEY));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                operation.getResponses().putIfAbsent("401", problem(
                        "No API key, or one that is not configured; the answer carries `WWW-Authenticate: Bearer`"));
                operation.getResponses().putIfAbsent("403", problem(
                        "The API key's role does not allow this (predictor < trainer < admin)"));
            }));
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
