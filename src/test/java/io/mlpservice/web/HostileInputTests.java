package io.mlpservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a hostile or careless client gets, on a real port: every refusal is problem+json, also
 * those Tomcat makes before the service sees the request; a bad value is repeated as a short
 * excerpt only; JSON is read strictly (no null for a value, no field twice, no string from a
 * boolean, one value a body); parameters are read as strictly as bodies, with case counting for
 * every enumerated value.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mlp.security.enabled=false", "mlp.storage.dir=", "mlp.limits.max-request-size=512KB"})
class HostileInputTests {

    private static final String LONG = "x".repeat(100_000);
    /** The excerpt of {@link #LONG} a message may repeat. */
    private static final String EXCERPT = "x".repeat(60) + "…";

    @LocalServerPort
    private int port;

    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private RawHttp raw;

    @BeforeEach
    void connect() {
        raw = new RawHttp(port);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode problem(int status, String contentType, String body, int actualStatus) {
        assertThat(actualStatus).as(body).isEqualTo(status);
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("urn:mlp-service:problem:");
        return problem;
    }

    private JsonNode problem(HttpResponse<String> response, int status) {
        return problem(status, response.headers().firstValue("Content-Type").orElse(""), response.body(),
                response.statusCode());
    }

    private String detail(HttpResponse<String> response, int status) {
        return problem(response, status).get("detail").asString();
    }

    private String newModel() {
        HttpResponse<String> created = send("POST", "/api/v1/models", """
                {"inputSize": 2, "hiddenLayers": [3], "classes": ["a", "b"], "seed": 1}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/models/a|b", "/api/v1/models?q=^", "/api/v1/models/a\\b", "/api/v1/models/\"x\"",
        "/api/v1/models/<x>", "/api/v1/models/{x}", "/api/v1/models/caf\u00e9"})
    void aCharacterThatMustBeEncodedIsRefusedInProblemJson(String target) {
        RawHttp.Response response = raw.send("GET", target.getBytes(StandardCharsets.UTF_8));
        JsonNode problem = problem(400, response.header("Content-Type"), response.body(), response.status());
        assertThat(problem.get("detail").asString()).isEqualTo("the URL holds a character that must be "
                + "percent-encoded: a space, a control character, one of | ^ < > { } ` or a double quote or "
                + "backslash, or a character outside ASCII");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/models/%00", "/api/v1/models/a%2Fb", "/api/v1/models/%zz", "/api/v1/models/%4"})
    void anEscapeTheServerRefusesIsAnsweredInProblemJson(String target) {
        RawHttp.Response response = raw.send("GET", target);
        JsonNode problem = problem(400, response.header("Content-Type"), response.body(), response.status());
        assertThat(problem.get("detail").asString()).isEqualTo("the URL is not valid: an escape that is not % and "
                + "two hex digits, an encoded NUL (%00) or slash (%2F), or a path that climbs above the root");
    }

    @Test
    void aRequestLineOverTheHeaderLimitIsRefusedWithoutRepeatingIt() {
        String target = "/api/v1/models/" + "a".repeat(9000);
        RawHttp.Response response = raw.send("GET", target);
        JsonNode problem = problem(400, response.header("Content-Type"), response.body(), response.status());
        assertThat(problem.get("detail").asString()).isEqualTo("the request line and headers are over the limit of "
                + "the server (server.max-http-request-header-size, 8 KB by default)");
        assertThat(response.body()).hasSizeLessThan(400);
    }

    @Test
    void connectIsAMethodNotAllowed() {
        RawHttp.Response response = raw.send("CONNECT", "localhost:443");
        JsonNode problem = problem(405, response.header("Content-Type"), response.body(), response.status());
        assertThat(problem.get("detail").asString()).isEqualTo("CONNECT is not supported: the service is not a proxy");
    }

    @Test
    void traceNamesOnlyTheMethodsOfThePath() {
        String id = newModel();
        HttpResponse<String> models = send("TRACE", "/api/v1/models", null);
        assertThat(detail(models, 405)).isEqualTo("TRACE is not supported here; use GET or POST");
        assertThat(models.headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> version = send("TRACE", "/api/v1/models/" + id + "/versions/1", null);
        assertThat(version.headers().firstValue("Allow")).hasValue("DELETE, GET");
        assertThat(detail(send("TRACE", "/api/v1/no-such-thing", null), 404))
                .isEqualTo("no endpoint at TRACE /api/v1/no-such-thing");
    }

    @Test
    void aLiteralPathNamesItsOwnMethodsNotThoseOfTheVariableBesideIt() {
        // /api/v1/models/import also matches /api/v1/models/{id} (GET, DELETE); the literal wins, as in routing
        HttpResponse<String> trace = send("TRACE", "/api/v1/models/import", null);
        assertThat(detail(trace, 405)).isEqualTo("TRACE is not supported here; use POST");
        assertThat(trace.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> put = send("PUT", "/api/v1/models/import", "{}");
        assertThat(detail(put, 405)).isEqualTo("PUT is not supported here; use POST");
        assertThat(put.headers().firstValue("Allow")).hasValue("POST");
        assertThat(send("PUT", "/api/v1/models/" + newModel(), "{}").headers().firstValue("Allow"))
                .hasValue("DELETE, GET");
    }

    @Test
    void aLongBadValueIsRepeatedAsAShortExcerpt() {
        HttpResponse<String> activation = send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "activation": "%s"}""".formatted(LONG));
        assertThat(detail(activation, 400)).isEqualTo("activation '" + EXCERPT + "' is not one of sigmoid, relu, tanh, identity, leaky_relu, elu, gelu");
        assertThat(activation.body()).hasSizeLessThan(1000);

        String id = newModel();
        HttpResponse<String> label = send("POST", "/api/v1/models/" + id + "/training-jobs", """
                {"features": [[0, 1], [1, 0]], "labels": ["a", "%s"], "epochs": 1, "optimizer": "%s"}"""
                .formatted(LONG, LONG));
        JsonNode problem = problem(label, 400);
        assertThat(problem.get("errors").findValuesAsString("message")).containsExactly(
                "labels[1] '" + EXCERPT + "' is not one of the model's classes: a, b",
                "optimizer '" + EXCERPT + "' is not one of sgd, momentum, adam");
        assertThat(label.body()).hasSizeLessThan(1500);

        String longId = "i".repeat(7000);
        HttpResponse<String> unknown = send("GET", "/api/v1/models/" + longId, null);
        JsonNode notFound = problem(unknown, 404);
        assertThat(notFound.get("detail").asString()).isEqualTo("no model with id '" + "i".repeat(60) + "…'");
        assertThat(notFound.get("instance").asString()).isEqualTo("/api/v1/models/" + "i".repeat(60) + "%E2%80%A6");
        assertThat(unknown.body()).hasSizeLessThan(600);
    }

    @Test
    void exportAndDatasetsRepeatOnlyAnExcerptToo() {
        String id = newModel();
        String format = "f".repeat(300);
        assertThat(detail(send("GET", "/api/v1/models/" + id + "/export?format=" + format, null), 400))
                .isEqualTo("format '" + "f".repeat(60) + "…' is not one of json, onnx");
        assertThat(detail(send("GET", "/api/v1/datasets/" + "d".repeat(7000), null), 404))
                .isEqualTo("no dataset with id '" + "d".repeat(60) + "…'");
    }

    @Test
    void anUnknownFieldWithALongNameIsNamedByAnExcerpt() {
        HttpResponse<String> response = send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "%s": 1}""".formatted("x".repeat(10_000)));
        assertThat(detail(response, 400)).isEqualTo(EXCERPT + " is not a field of this request; expected one of "
                + "activation, classes, hiddenLayers, inputSize, name, outputSize, seed, task");
        assertThat(response.body()).hasSizeLessThan(1000);
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "%s": 1}""".formatted(LONG)), 400))
                .isEqualTo("a field name is longer than 50000 characters, the limit");
    }

    @Test
    void classNamesHaveALengthLimit() {
        String limit = "c".repeat(100);
        assertThat(send("POST", "/api/v1/models", """
                {"inputSize": 2, "classes": ["%s", "b"]}""".formatted(limit)).statusCode()).isEqualTo(201);
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "classes": ["%s", "b"]}""".formatted(limit + "c")), 400))
                .isEqualTo("classes[0] must be 1 to 100 characters");
    }

    @Test
    void nullIsRefusedWhereAFieldMayOnlyBeLeftOut() {
        String optional = " must not be null; an optional field is left out to take its default";
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "name": null}"""), 400)).isEqualTo("name" + optional);
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "hiddenLayers": null}"""), 400)).isEqualTo("hiddenLayers" + optional);
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "hiddenLayers": [4, null]}"""), 400))
                .isEqualTo("hiddenLayers[1] must not be null");
        String jobs = "/api/v1/models/" + newModel() + "/training-jobs";
        assertThat(detail(send("POST", jobs, """
                {"features": [[0, 1], [1, 0]], "labels": ["a", "b"], "epochs": 1, "earlyStopping": null}"""), 400))
                .isEqualTo("earlyStopping" + optional);
        assertThat(detail(send("POST", jobs, """
                {"features": [[0, 1], [1, 0]], "labels": ["a", "b"], "epochs": 1, "earlyStopping": {"patience": null}}"""),
                400)).isEqualTo("earlyStopping.patience" + optional);
        assertThat(detail(send("POST", "/api/v1/models", "null"), 400)).isEqualTo("the body" + optional);
        assertThat(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2}""").statusCode()).isEqualTo(201);
    }

    @Test
    void aStringFieldTakesOnlyAString() {
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "name": true}"""), 400)).isEqualTo("name must be a string, was a boolean");
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "classes": ["a", 7]}"""), 400)).isEqualTo("classes[1] must be a string, was a number");
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "inputSize": 3}"""), 400))
                .isEqualTo("inputSize appears more than once in its object; give each field once");
        String jobs = "/api/v1/models/" + newModel() + "/training-jobs";
        JsonNode nested = problem(send("POST", jobs, """
                {"features": [[0, 1], [1, 0]], "labels": ["a", "b"], "epochs": 1,
                 "earlyStopping": {"patience": 2, "patience": 3}}"""), 400);
        assertThat(nested.get("errors").get(0).get("field").asString()).isEqualTo("earlyStopping.patience");
    }

    @Test
    void theJsonLibrarysAdviceNeverReachesTheClient() {
        for (String body : new String[] {"{\"inputSize\": NaN, \"outputSize\": 2}", "{\"inputSize\": +2, \"outputSize\": 2}",
            "{\"inputSize\": 2, /* two */ \"outputSize\": 2}", "{'inputSize': 2}",
            "{\"inputSize\": 2, \"outputSize\": 2} {}"}) {
            JsonNode problem = problem(send("POST", "/api/v1/models", body), 400);
            assertThat(problem.get("type").asString()).as(body).isEqualTo("urn:mlp-service:problem:malformed-json");
            assertThat(problem.get("detail").asString()).as(body)
                    .doesNotContain("`", "enable", "Feature", "JsonReadFeature", "tools.jackson", "io.mlpservice");
        }
        assertThat(detail(send("POST", "/api/v1/models", "{\"inputSize\": NaN, \"outputSize\": 2}"), 400))
                .isEqualTo("the body is not valid JSON: Non-standard token 'NaN' (line 1, column 18)");
        assertThat(detail(send("POST", "/api/v1/models", "{\"inputSize\": 2, \"outputSize\": 2} {}"), 400))
                .isEqualTo("the body holds more than one JSON value; send a single object");
    }

    @Test
    void aBodyNestedTenThousandDeepIsRefusedNamingTheDepthLimit() {
        String deep = "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000);
        assertThat(detail(send("POST", "/api/v1/models", deep), 400))
                .isEqualTo("the body nests arrays and objects more than 500 levels deep, the limit");
    }

    @Test
    void parametersAreReadAsStrictlyAsBodies() {
        String history = "/api/v1/models/" + newModel() + "/loss-history";
        assertThat(detail(send("GET", history + "?limit=0x10", null), 400))
                .isEqualTo("limit '0x10' is not an integer between -2147483648 and 2147483647");
        assertThat(detail(send("GET", history + "?limit=%2016", null), 400))
                .isEqualTo("limit ' 16' is not an integer between -2147483648 and 2147483647");
        assertThat(detail(send("GET", history + "?limit=5&limit=6", null), 400))
                .isEqualTo("limit is given 2 times; give it once");
        assertThat(send("GET", history + "?limit=16", null).statusCode()).isEqualTo(200);
        assertThat(detail(send("GET", "/api/v1/training-jobs?status=QUEUED%20", null), 400))
                .isEqualTo("status 'QUEUED ' is not one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED");
        assertThat(send("GET", "/api/v1/training-jobs?status=QUEUED", null).statusCode()).isEqualTo(200);
    }

    @Test
    void caseCountsInEveryEnumeratedValue() {
        assertThat(detail(send("GET", "/api/v1/training-jobs?status=queued", null), 400))
                .isEqualTo("status 'queued' is not one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED");
        assertThat(detail(send("POST", "/api/v1/models", """
                {"inputSize": 2, "outputSize": 2, "activation": "TANH"}"""), 400))
                .isEqualTo("activation 'TANH' is not one of sigmoid, relu, tanh, identity, leaky_relu, elu, gelu");
        assertThat(detail(send("POST", "/api/v1/models/" + newModel() + "/training-jobs", """
                {"features": [[0, 1], [1, 0]], "labels": ["a", "b"], "epochs": 1, "optimizer": "Adam"}"""), 400))
                .isEqualTo("optimizer 'Adam' is not one of sgd, momentum, adam");
    }
}
