package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document, read without a key, declares the keys so that Swagger UI's Authorize button works. */
@SecuredService
class OpenApiSecurityTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    private JsonNode document() {
        HttpResponse<String> response = new HttpClientSupport(port).send("GET", "/v3/api-docs", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void declaresABearerSchemeAndAnXApiKeySchemeEitherOfWhichEveryOperationAccepts() {
        JsonNode doc = document();
        JsonNode schemes = doc.get("components").get("securitySchemes");
        assertThat(schemes.get("bearer").get("type").asString()).isEqualTo("http");
        assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.get("apiKey").get("type").asString()).isEqualTo("apiKey");
        assertThat(schemes.get("apiKey").get("in").asString()).isEqualTo("header");
        assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-API-Key");
        // two requirement objects: a request satisfies the document with either
        assertThat(doc.get("security").toString()).isEqualTo("[{\"bearer\":[]},{\"apiKey\":[]}]");
    }

    @Test
    void everyOperationListsThe401And403Problems() {
        JsonNode paths = document().get("paths");
        assertThat(paths.propertyNames()).isNotEmpty();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            for (String status : new String[] {"401", "403"}) {
                JsonNode response = operation.getValue().get("responses").get(status);
                assertThat(response).as("%s %s %s", operation.getKey(), path.getKey(), status).isNotNull();
                assertThat(response.get("content").get("application/problem+json").get("schema").get("$ref").asString())
                        .isEqualTo("#/components/schemas/Problem");
            }
        }));
    }
}
