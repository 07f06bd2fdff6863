package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request ids on the wire and in the log: the client's id or a new one comes back as
 * {@code X-Request-Id}, and the one line logged per request carries it, without query values,
 * bodies or keys.
 */
@SecuredService
@ExtendWith(OutputCaptureExtension.class)
class RequestIdTests {

    @LocalServerPort
    private int port;

    private HttpClientSupport client;

    @BeforeEach
    void connect() {
        client = new HttpClientSupport(port);
    }

    private String logLineWith(CapturedOutput output, String id) {
        return output.getOut().lines().filter(line -> line.contains("[" + id)).filter(line -> line.contains("RequestLogFilter"))
                .findFirst().orElseThrow(() -> new AssertionError("no request line with " + id + " in:\n" + output.getOut()));
    }

    @Test
    void theClientsIdIsSentBackAndCarriedByTheRequestsLogLine(CapturedOutput output) {
        HttpResponse<String> response = client.send(client.request(
                "/api/v1/training-jobs?status=QUEUED&modelId=secret-looking-value", TestKeys.PREDICTOR)
                .header("X-Request-Id", "checkout-7f3a"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("checkout-7f3a");

        String line = logLineWith(output, "checkout-7f3a");
        assertThat(line).containsPattern("GET /api/v1/training-jobs\\?status&modelId 200 \\d+\\.\\d{3} ms key=ci-predictor$");
        assertThat(output.getOut()).doesNotContain("secret-looking-value", TestKeys.PREDICTOR);
    }

    @Test
    void withoutAnIdOrWithAnUnfitOneTheServiceMakesOne(CapturedOutput output) {
        String made = client.send("GET", "/api/v1/models", TestKeys.PREDICTOR, null).headers()
                .firstValue("X-Request-Id").orElseThrow();
        assertThat(made).matches("[0-9a-f]{16}");
        assertThat(logLineWith(output, made)).contains("GET /api/v1/models 200");

        String tooLong = "x".repeat(129);
        String replaced = client.send(client.request("/api/v1/models", TestKeys.PREDICTOR).header("X-Request-Id", tooLong))
                .headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).matches("[0-9a-f]{16}");
        String withSpace = client.send(client.request("/api/v1/models", TestKeys.PREDICTOR).header("X-Request-Id", "a b"))
                .headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(withSpace).matches("[0-9a-f]{16}");
    }

    @Test
    void refusalsAndErrorsAreLoggedWithTheirIdAndNeverTheKeyOrTheBody(CapturedOutput output) {
        HttpResponse<String> refused = client.send(client.request("/api/v1/models", TestKeys.UNKNOWN)
                .header("X-Request-Id", "refused-1"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("refused-1");
        assertThat(logLineWith(output, "refused-1")).endsWith(" ms").contains("GET /api/v1/models 401");

        HttpResponse<String> invalid = client.send(client.request("/api/v1/models", TestKeys.TRAINER)
                .header("X-Request-Id", "invalid-2").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\": \"body-text-4711\"}")));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(logLineWith(output, "invalid-2")).contains("POST /api/v1/models 400").endsWith("key=ci-trainer");
        assertThat(output.getOut()).doesNotContain(TestKeys.UNKNOWN, TestKeys.TRAINER, "body-text-4711");
    }

    @Test
    void aRequestRefusedBeforeTheApplicationStillGetsAnIdAndALogLine(CapturedOutput output) {
        HttpResponse<String> response = client.send(client.request("/api/v1//models", TestKeys.PREDICTOR)
                .header("X-Request-Id", "firewall-3"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("firewall-3");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(response.body()).contains("\"type\":\"urn:mlp-service:problem:invalid-input\"",
                "\"detail\":\"the URL or a header holds what this API refuses: //, /../, ;, an encoded /, % or ., "
                        + "or a control character\"");
        assertThat(logLineWith(output, "firewall-3")).contains("GET /api/v1//models 400");
    }
}
