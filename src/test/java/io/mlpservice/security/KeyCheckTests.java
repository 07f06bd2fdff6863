package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a key is sent and what a refusal looks like: Bearer or {@code X-API-Key}, two keys of one
 * role valid at once, 401 and 403 as problem+json with {@code WWW-Authenticate}, and the
 * security headers on every answer.
 */
@SecuredService
class KeyCheckTests {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    private HttpClientSupport client;

    @BeforeEach
    void connect() {
        client = new HttpClientSupport(port);
    }

    private JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("type").asString()).isEqualTo("urn:mlp-service:problem:" + type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("instance").asString()).isEqualTo(response.request().uri().getPath());
        return body;
    }

    @Test
    void withoutAKeyAnswers401ProblemWithABearerChallenge() {
        HttpResponse<String> response = client.send("GET", "/api/v1/models", null, null);
        JsonNode body = problem(response, 401, "unauthorized");
        assertThat(body.get("title").asString()).isEqualTo("API key missing or unknown");
        assertThat(body.get("detail").asString()).isEqualTo(
                "this endpoint needs an API key; send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void anUnknownKeyAnswers401NamingTheKeyAsInvalidWithoutRepeatingIt() {
        HttpResponse<String> response = client.send("POST", "/api/v1/models", TestKeys.UNKNOWN, AccessMatrixTests.MODEL);
        JsonNode body = problem(response, 401, "unauthorized");
        assertThat(body.get("detail").asString()).startsWith("the API key sent is not one of the configured keys");
        assertThat(response.body()).doesNotContain(TestKeys.UNKNOWN);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void aKeyWithoutTheRoleAnswers403NamingTheRoleNeededAndTheKeysRole() {
        HttpResponse<String> response = client.send("POST", "/api/v1/models", TestKeys.PREDICTOR, AccessMatrixTests.MODEL);
        JsonNode body = problem(response, 403, "forbidden");
        assertThat(body.get("detail").asString())
                .isEqualTo("POST here needs the trainer role; the key 'ci-predictor' has the role predictor");
        assertThat(response.body()).doesNotContain(TestKeys.PREDICTOR);

        HttpResponse<String> delete = client.send("DELETE", "/api/v1/models/x", TestKeys.TRAINER, null);
        assertThat(problem(delete, 403, "forbidden").get("detail").asString())
                .isEqualTo("DELETE here needs the admin role; the key 'ci-trainer' has the role trainer");
        assertThat(client.send("GET", "/actuator/prometheus", TestKeys.TRAINER, null).statusCode()).isEqualTo(403);
    }

    @Test
    void theKeyMayComeAsBearerTokenOrInTheXApiKeyHeader() {
        HttpResponse<String> header = client.send(client.request("/api/v1/models", null).header("X-API-Key", TestKeys.PREDICTOR));
        assertThat(header.statusCode()).isEqualTo(200);
        HttpResponse<String> lowerCaseScheme = client.send(client.request("/api/v1/models", null)
                .header("Authorization", "bearer " + TestKeys.PREDICTOR));
        assertThat(lowerCaseScheme.statusCode()).isEqualTo(200);
        HttpResponse<String> basic = client.send(client.request("/api/v1/models", null)
                .header("Authorization", "Basic " + TestKeys.PREDICTOR));
        assertThat(basic.statusCode()).as("only the Bearer scheme carries a key").isEqualTo(401);
        HttpResponse<String> predictorAsKeyHeader = client.send(client.request("/api/v1/models", null)
                .header("X-API-Key", TestKeys.PREDICTOR).POST(HttpRequest.BodyPublishers.ofString(AccessMatrixTests.MODEL))
                .header("Content-Type", "application/json"));
        assertThat(predictorAsKeyHeader.statusCode()).as("the role holds whichever header carries the key").isEqualTo(403);
    }

    @Test
    void twoKeysOfOneRoleAreValidAtOnceSoThatAKeyIsReplacedWithoutDowntime() {
        assertThat(client.send("POST", "/api/v1/models", TestKeys.TRAINER, AccessMatrixTests.MODEL).statusCode())
                .isEqualTo(201);
        assertThat(client.send("POST", "/api/v1/models", TestKeys.TRAINER_NEXT, AccessMatrixTests.MODEL).statusCode())
                .isEqualTo(201);
    }

    @Test
    void everyAnswerSaysNosniffAndTheApiAnswersAreNeverStored() {
        for (String[] call : new String[][] {{"/api/v1/models", TestKeys.PREDICTOR}, {"/api/v1/models", null},
                {"/api/v1/models", TestKeys.UNKNOWN}, {"/api/v1/no-such-thing", TestKeys.PREDICTOR},
                {"/actuator/health", null}, {"/v3/api-docs", null}, {"/swagger-ui/index.html", null}}) {
            HttpResponse<String> response = client.send("GET", call[0], call[1], null);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as("%s", call[0]).hasValue("nosniff");
            if (call[0].startsWith("/api/")) {
                assertThat(response.headers().firstValue("Cache-Control")).as("%s", call[0]).hasValue("no-store");
            }
        }
        HttpResponse<String> forbidden = client.send("DELETE", "/api/v1/models/x", TestKeys.PREDICTOR, null);
        assertThat(forbidden.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(forbidden.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
