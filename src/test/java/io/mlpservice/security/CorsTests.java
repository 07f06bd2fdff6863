package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Browsers on other origins: the listed origin may call with a key, every other one gets 403. */
@SecuredService
class CorsTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    private HttpClientSupport client;

    @BeforeEach
    void connect() {
        client = new HttpClientSupport(port);
    }

    private HttpResponse<String> preflight(String origin, String method, String headers) {
        return client.send(client.request("/api/v1/models", null).header("Origin", origin)
                .header("Access-Control-Request-Method", method).header("Access-Control-Request-Headers", headers)
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void aPreflightFromTheListedOriginIsAnsweredWithoutAKey() {
        HttpResponse<String> response = preflight(TestKeys.ALLOWED_ORIGIN, "POST", "authorization,content-type");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TestKeys.ALLOWED_ORIGIN);
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("GET", "POST", "DELETE"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("authorization", "content-type"));
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void aCallFromTheListedOriginStillNeedsItsKeyAndExposesTheRequestId() {
        HttpResponse<String> withKey = client.send(client.request("/api/v1/models", TestKeys.PREDICTOR)
                .header("Origin", TestKeys.ALLOWED_ORIGIN));
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.headers().firstValue("Access-Control-Allow-Origin")).hasValue(TestKeys.ALLOWED_ORIGIN);
        assertThat(withKey.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("X-Request-Id", "Location"));
        HttpResponse<String> withoutKey = client.send(client.request("/api/v1/models", null)
                .header("Origin", TestKeys.ALLOWED_ORIGIN));
        assertThat(withoutKey.statusCode()).isEqualTo(401);
    }

    @Test
    void anyOtherOriginIsRefusedWith403ProblemEvenWithAValidKey() {
        HttpResponse<String> preflight = preflight("https://elsewhere.example", "DELETE", "authorization");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        JsonNode body = json.readTree(preflight.body());
        assertThat(body.get("type").asString()).isEqualTo("urn:mlp-service:problem:forbidden");
        assertThat(body.get("detail").asString()).isEqualTo(
                "cross-origin requests from 'https://elsewhere.example' are not allowed (mlp.security.cors.allowed-origins)");

        HttpResponse<String> call = client.send(client.request("/api/v1/models", TestKeys.ADMIN)
                .header("Origin", "https://elsewhere.example"));
        assertThat(call.statusCode()).isEqualTo(403);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aPreflightAskingForAHeaderThatIsNotAllowedIsRefused() {
        HttpResponse<String> response = preflight(TestKeys.ALLOWED_ORIGIN, "GET", "x-something-else");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json.readTree(response.body()).get("detail").asString()).isEqualTo("this cross-origin request from "
                + "'https://dashboard.example' asks for a method or headers that are not allowed");
    }

    @Test
    void aSameOriginPageSuchAsTheDashboardIsNoCrossOriginRequest() {
        HttpResponse<String> response = client.send(client.request("/api/v1/models", TestKeys.PREDICTOR)
                .header("Origin", client.base()));
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
