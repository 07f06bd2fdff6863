package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every role, no key and an unknown key against representative endpoints of each access rule,
 * with the status each gets. Endpoints that do not exist yet are in the table too: the rules go by
 * method and path, so such an endpoint is already closed to the roles below it, and open to the
 * others ("pass": past the key check, whatever the endpoint then answers).
 */
@SecuredService
class AccessMatrixTests {

    static final String MODEL = """
            {"name": "m", "inputSize": 2, "hiddenLayers": [4], "activation": "relu", "classes": ["a", "b"], "seed": 1}""";
    static final String JOB = """
            {"features": [[0, 0], [0, 1], [1, 0], [1, 1]], "labels": ["a", "b", "b", "a"], "epochs": 1}""";
    /** A portable document that imports (the OpenAPI document's example). */
    static final String IMPORTED = """
            {"format": "mlp-service.model", "formatVersion": 1, "name": "imported",
             "architecture": {"inputSize": 2, "task": "classification", "classes": ["no", "yes"],
               "layers": [{"units": 3, "activation": "tanh"}, {"units": 2, "activation": "softmax"}]},
             "standardization": {"inputs": {"means": [0.5, 0.5], "scales": [2.0, 2.0]}, "targets": null},
             "parameters": [{"weights": "AAAAPwAAoL8AAMA/AABAPwAAAL8AAIA/", "biases": "zczMPc3MTL7NzEw9"},
                            {"weights": "AACAPwAAAMAAAAA/AACAvwAAAEAAAAC/", "biases": "AAAAAAAAgD4="}],
             "parametersSha256": "bfecaca26c3a7a0e4372007b3a178ae4fd1424224cae06a84dcdea6aef835a5c"}""";

    static final String DATASET = """
            {"name": "d", "features": [[0, 0], [0, 1]], "labels": ["a", "b"]}""";
    private static final String UNKNOWN_JOB = "/api/v1/training-jobs/6b1f6f8e-0000-4000-8000-000000000000";

    /** A cell that only says the request got past the key check: any status but 401 and 403. */
    private static final int PASS = 0;

    /** Columns: no key, an unknown key, predictor, trainer, admin. */
    private static final List<String> CLIENTS = java.util.Arrays.asList(null, TestKeys.UNKNOWN, TestKeys.PREDICTOR,
            TestKeys.TRAINER, TestKeys.ADMIN);

    private record Row(String method, String path, String body, int... expected) {
    }

    private static final List<Row> MATRIX = List.of(
            new Row("GET", "/actuator/health", null, 200, 200, 200, 200, 200),
            new Row("GET", "/actuator/health/readiness", null, 200, 200, 200, 200, 200),
            new Row("GET", "/v3/api-docs", null, 200, 200, 200, 200, 200),
            new Row("GET", "/swagger-ui/index.html", null, 200, 200, 200, 200, 200),
            new Row("GET", "/", null, PASS, PASS, PASS, PASS, PASS),
            new Row("GET", "/dashboard/app.js", null, PASS, PASS, PASS, PASS, PASS),
            new Row("GET", "/api/v1/models", null, 401, 401, 200, 200, 200),
            new Row("HEAD", "/api/v1/models", null, 401, 401, 200, 200, 200),
            new Row("GET", "/api/v1/models/{model}", null, 401, 401, 200, 200, 200),
            new Row("GET", "/api/v1/models/{model}/loss-history", null, 401, 401, 200, 200, 200),
            new Row("GET", "/api/v1/training-jobs", null, 401, 401, 200, 200, 200),
            new Row("GET", "/api/v1/models/{model}/versions", null, 401, 401, PASS, PASS, PASS),
            new Row("GET", "/api/v1/models/{model}/export", null, 401, 401, 409, 409, 409),
            new Row("GET", "/api/v1/models/{model}/export?format=onnx", null, 401, 401, 409, 409, 409),
            new Row("GET", "/v2/models/{model}", null, 401, 401, PASS, PASS, PASS),
            new Row("POST", "/api/v1/models/{model}/predictions", "{\"inputs\": [[0, 1]]}", 401, 401, 409, 409, 409),
            new Row("POST", "/api/v1/models/{model}/evaluations", "{}", 401, 401, PASS, PASS, PASS),
            new Row("POST", "/api/v1/models/{model}/feature-importance", "{}", 401, 401, PASS, PASS, PASS),
            new Row("POST", "/v2/models/{model}/infer", "{}", 401, 401, PASS, PASS, PASS),
            new Row("POST", "/v2/models/{model}/versions/1/infer", "{}", 401, 401, PASS, PASS, PASS),
            new Row("POST", "/api/v1/models", MODEL, 401, 401, 403, 201, 201),
            new Row("POST", "/api/v1/models/{model}/training-jobs", JOB, 401, 401, 403, 202, 202),
            new Row("POST", UNKNOWN_JOB + "/cancel", null, 401, 401, 403, 404, 404),
            new Row("PUT", "/api/v1/models/{model}/serving-version", "{}", 401, 401, 403, PASS, PASS),
            new Row("POST", "/api/v1/models/import", "{}", 401, 401, 403, 400, 400),
            new Row("POST", "/api/v1/models/import", IMPORTED, 401, 401, 403, 201, 201),
            new Row("POST", "/api/v1/datasets", DATASET, 401, 401, 403, 201, 201),
            new Row("GET", "/api/v1/datasets", null, 401, 401, 200, 200, 200),
            new Row("DELETE", "/api/v1/datasets/6b1f6f8e-0000-4000-8000-000000000000", null, 401, 401, 403, 403, 404),
            new Row("DELETE", "/api/v1/models/{model}", null, 401, 401, 403, 403, 204),
            new Row("DELETE", "/api/v1/models/{model}/versions/1", null, 401, 401, 403, 403, PASS),
            new Row("GET", "/actuator/metrics", null, 401, 401, 403, 403, 200),
            new Row("GET", "/actuator/metrics/jvm.threads.live", null, 401, 401, 403, 403, 200),
            new Row("GET", "/actuator/prometheus", null, 401, 401, 403, 403, 200),
            new Row("GET", "/actuator/info", null, 401, 401, 200, 200, 200),
            new Row("OPTIONS", "/api/v1/models", null, 401, 401, 200, 200, 200));

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    @Test
    void eachRoleGetsWhatItsRuleAllowsAndNoKeyOrAnUnknownKeyGets401() {
        HttpClientSupport client = new HttpClientSupport(port);
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (Row row : MATRIX) {
            expected.append(row.method()).append(' ').append(row.path()).append(':');
            actual.append(row.method()).append(' ').append(row.path()).append(':');
            for (int c = 0; c < CLIENTS.size(); c++) {
                // a fresh model for every call, so that one client's change does not decide the next one's answer
                String path = row.path().replace("{model}", newModel(client));
                int status = client.send(row.method(), path, CLIENTS.get(c), row.body()).statusCode();
                boolean pass = row.expected()[c] == PASS && status != 401 && status != 403;
                expected.append(' ').append(row.expected()[c] == PASS ? "pass" : row.expected()[c]);
                actual.append(' ').append(pass ? "pass" : String.valueOf(status));
            }
            expected.append('\n');
            actual.append('\n');
        }
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    private String newModel(HttpClientSupport client) {
        HttpResponse<String> created = client.send("POST", "/api/v1/models", TestKeys.ADMIN, MODEL);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }
}
