package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error cases of the API's contract, each with the status and problem type it answers. Run
 * twice, on a secured service with a valid key and on an open one without a key: a key changes
 * none of these answers.
 */
abstract class ErrorContractCases {

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    private HttpClientSupport client;

    /** The key sent with every request, or null. */
    abstract String key();

    @BeforeEach
    void connect() {
        client = new HttpClientSupport(port);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return client.send(method, path, key(), body);
    }

    private String newModel() {
        HttpResponse<String> created = send("POST", "/api/v1/models", AccessMatrixTests.MODEL);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("type").asString()).isEqualTo("urn:mlp-service:problem:" + type);
    }

    @Test
    void raggedTrainingRowsAnswer400InvalidInput() {
        String body = """
                {"features": [[0, 0], [0]], "labels": ["a", "b"], "epochs": 1}""";
        assertProblem(send("POST", "/api/v1/models/" + newModel() + "/training-jobs", body), 400, "invalid-input");
    }

    @Test
    void malformedJsonAnswers400MalformedJson() {
        assertProblem(send("POST", "/api/v1/models", "{\"name\": "), 400, "malformed-json");
    }

    @Test
    void anUnknownModelAnswers404() {
        assertProblem(send("GET", "/api/v1/models/6b1f6f8e-0000-4000-8000-000000000000", null), 404, "model-not-found");
        assertProblem(send("DELETE", "/api/v1/models/6b1f6f8e-0000-4000-8000-000000000000", null), 404,
                "model-not-found");
    }

    @Test
    void anUnknownPathAnswers404() {
        assertProblem(send("GET", "/api/v1/no-such-resource", null), 404, "not-found");
    }

    @Test
    void aMethodThePathDoesNotHaveAnswers405() {
        assertProblem(send("PUT", "/api/v1/models", AccessMatrixTests.MODEL), 405, "method-not-allowed");
    }

    @Test
    void aPredictionBeforeAnyTrainingAnswers409() {
        assertProblem(send("POST", "/api/v1/models/" + newModel() + "/predictions", "{\"inputs\": [[0, 1]]}"), 409,
                "model-not-trained");
    }

    @Test
    void aBodyOverTheLimitAnswers413() {
        String body = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
        assertProblem(send("POST", "/api/v1/models", body), 413, "payload-too-large");
    }

    @Test
    void aBodyThatIsNotJsonAnswers415() {
        HttpRequest.Builder request = client.request("/api/v1/models", key()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(AccessMatrixTests.MODEL));
        assertProblem(client.send(request), 415, "unsupported-media-type");
    }

    @Test
    void aParameterOfTheWrongTypeAnswers400() {
        assertProblem(send("GET", "/api/v1/training-jobs?status=SLEEPING", null), 400, "invalid-input");
    }
}
