package io.mlpservice.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI document describes the whole contract, and its examples are requests the service accepts. */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiContractTests {

    private static final Map<String, List<String>> CONTRACT = Map.ofEntries(
            Map.entry("/api/v1/models", List.of("get", "post")),
            Map.entry("/api/v1/models/{id}", List.of("delete", "get")),
            Map.entry("/api/v1/models/{id}/loss-history", List.of("get")),
            Map.entry("/api/v1/models/{id}/predictions", List.of("post")),
            Map.entry("/api/v1/models/{id}/versions", List.of("get")),
            Map.entry("/api/v1/models/{id}/versions/{version}", List.of("delete", "get")),
            Map.entry("/api/v1/models/{id}/serving-version", List.of("put")),
            Map.entry("/api/v1/models/{modelId}/training-jobs", List.of("post")),
            Map.entry("/api/v1/training-jobs", List.of("get")),
            Map.entry("/api/v1/training-jobs/{jobId}", List.of("get")),
            Map.entry("/api/v1/training-jobs/{jobId}/cancel", List.of("post")),
            Map.entry("/api/v1/models/{id}/export", List.of("get")),
            Map.entry("/api/v1/models/import", List.of("post")),
            Map.entry("/api/v1/datasets", List.of("get", "post")),
            Map.entry("/api/v1/datasets/{id}", List.of("delete", "get")));

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private JsonMapper json;

    private JsonNode document() {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(result).hasStatusOk();
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    @Test
    void isOpenApi31AndListsEveryEndpointOfTheContract() {
        JsonNode doc = document();
        assertThat(doc.get("openapi").asString()).startsWith("3.1.");
        assertThat(doc.get("info").get("title").asString()).isEqualTo("mlp-service");
        JsonNode paths = doc.get("paths");
        CONTRACT.forEach((path, methods) -> {
            assertThat(paths.has(path)).as("path %s", path).isTrue();
            List<String> documented = new ArrayList<>(paths.get(path).propertyNames());
            assertThat(documented).as("methods of %s", path).containsAll(methods);
        });
    }

    @Test
    void everyOperationIsDescribedAndItsErrorsAreProblems() {
        JsonNode paths = document().get("paths");
        CONTRACT.forEach((path, methods) -> methods.forEach(method -> {
            JsonNode operation = paths.get(path).get(method);
            assertThat(operation.get("summary").asString()).as("%s %s summary", method, path).isNotBlank();
            assertThat(operation.get("description").asString()).as("%s %s description", method, path).isNotBlank();
            operation.get("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    JsonNode schema = response.getValue().get("content").get("application/problem+json").get("schema");
                    assertThat(schema.get("$ref").asString()).as("%s %s %s", method, path, response.getKey())
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
            // any URL may be one the server refuses
            assertThat(operation.get("responses").has("400")).as("%s %s documents 400", method, path).isTrue();
            if (operation.has("requestBody")) {
                assertThat(operation.get("responses").has("415")).as("%s %s documents 415", method, path).isTrue();
            }
        }));
        assertThat(paths.get("/api/v1/models/{modelId}/training-jobs").get("post").get("responses").has("429")).isTrue();
    }

    @Test
    void theSchemasDescribeTheirFieldsWithExamplesThatTheServiceAccepts() {
        JsonNode schemas = document().get("components").get("schemas");
        for (String name : List.of("CreateModelRequest", "TrainingJobRequest", "PredictionRequest")) {
            schemas.get(name).get("properties").properties().forEach(field -> assertThat(
                    field.getValue().has("description")).as("%s.%s has a description", name, field.getKey()).isTrue());
        }
        String createExample = exampleOf(schemas.get("CreateModelRequest"));
        MvcTestResult created = mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content(createExample).exchange();
        assertThat(created).as(createExample).hasStatus(201);
        String modelId = json.readTree(created.getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
        String trainExample = exampleOf(schemas.get("TrainingJobRequest"));
        assertThat(mvc.post().uri("/api/v1/models/" + modelId + "/training-jobs").contentType(MediaType.APPLICATION_JSON)
                .content(trainExample)).as(trainExample).hasStatus(202);
        String predictExample = exampleOf(schemas.get("PredictionRequest"));
        MvcTestResult predicted = mvc.post().uri("/api/v1/models/" + modelId + "/predictions")
                .contentType(MediaType.APPLICATION_JSON).content(predictExample).exchange();
        // 200 once the example job has finished, 409 while it runs: never a refusal of the example itself
        assertThat(predicted.getMvcResult().getResponse().getStatus()).as(predictExample).isIn(200, 409);
    }

    @Test
    void theImportExampleImportsAndTheExportOffersJsonAndOnnx() {
        JsonNode doc = document();
        JsonNode example = doc.at("/paths/~1api~1v1~1models~1import/post/requestBody/content/application~1json/examples")
                .values().iterator().next().get("value");
        String body = example.isString() ? example.asString() : example.toString();
        MvcTestResult imported = mvc.post().uri("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange();
        assertThat(imported).as(body).hasStatus(201);
        String id = json.readTree(imported.getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
        assertThat(mvc.post().uri("/api/v1/models/" + id + "/predictions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputs\": [[0.5, 0.5]]}")).hasStatusOk();

        JsonNode export = doc.at("/paths/~1api~1v1~1models~1{id}~1export/get");
        assertThat(export.at("/responses/200/content").propertyNames())
                .containsExactlyInAnyOrder("application/json", "application/octet-stream");
        JsonNode format = export.get("parameters").valueStream()
                .filter(parameter -> parameter.get("name").asString().equals("format")).findFirst().orElseThrow();
        assertThat(format.at("/schema/enum").toString()).isEqualTo("[\"json\",\"onnx\"]");
        assertThat(format.at("/schema/default").asString()).isEqualTo("json");
        JsonNode properties = doc.at("/components/schemas/PortableModel/properties");
        assertThat(properties.propertyNames()).containsExactlyInAnyOrder("format", "formatVersion", "name", "source",
                "architecture", "standardization", "parameters", "parametersSha256", "metrics");
    }

    @Test
    void theLossHistorysPageLimitsAreDocumented() {
        JsonNode parameters = document().get("paths").get("/api/v1/models/{id}/loss-history").get("get").get("parameters");
        JsonNode limit = parameter(parameters, "limit").get("schema");
        assertThat(limit.get("minimum").asInt()).isEqualTo(1);
        assertThat(limit.get("maximum").asInt()).isEqualTo(10_000);
        assertThat(limit.get("default").asInt()).isEqualTo(1000);
        JsonNode from = parameter(parameters, "from").get("schema");
        assertThat(from.get("minimum").asInt()).isZero();
        assertThat(from.get("default").asInt()).isZero();
    }

    @Test
    void aModelNeedsClassesOrOutputSizeAndItsListsHaveTheConfiguredLimits() {
        JsonNode create = document().get("components").get("schemas").get("CreateModelRequest");
        assertThat(create.get("required").valueStream().map(JsonNode::asString)).containsExactly("inputSize");
        assertThat(create.get("anyOf").valueStream().map(alternative -> alternative.get("required").get(0).asString()))
                .containsExactly("classes", "outputSize", "task");
        assertThat(create.get("anyOf").get(2).at("/properties/task/const").asString()).isEqualTo("regression");
        JsonNode properties = create.get("properties");
        assertThat(properties.get("classes").get("maxItems").asInt()).isEqualTo(16_384);
        assertThat(properties.get("classes").get("minItems").asInt()).isEqualTo(2);
        assertThat(properties.get("classes").get("items").get("maxLength").asInt()).isEqualTo(100);
        assertThat(properties.get("classes").get("items").get("minLength").asInt()).isEqualTo(1);
        assertThat(properties.get("hiddenLayers").get("maxItems").asInt()).isEqualTo(32);
        assertThat(properties.get("activation").get("enum").valueStream().map(JsonNode::asString))
                .containsExactly("relu", "sigmoid", "tanh", "identity", "leaky_relu", "elu", "gelu");
        JsonNode predict = document().get("components").get("schemas").get("PredictionRequest").get("properties");
        assertThat(predict.get("inputs").get("maxItems").asInt()).isEqualTo(10_000);
    }

    @Test
    void whatCanBeNullIsNullableAsJsonSchemaReadsIt() {
        JsonNode schemas = document().get("components").get("schemas");
        // a reference with a type beside it would still demand an object: null must be an alternative
        for (JsonNode property : List.of(schemas.get("ModelResponse").get("properties").get("metrics"),
                schemas.get("Hyperparameters").get("properties").get("earlyStopping"))) {
            assertThat(property.has("$ref")).isFalse();
            assertThat(property.get("anyOf").get(1).get("type").asString()).isEqualTo("null");
        }
        JsonNode stopReason = schemas.get("TrainingJobResponse").get("properties").get("stopReason");
        assertThat(stopReason.get("type").valueStream().map(JsonNode::asString)).contains("null");
        assertThat(stopReason.get("enum").valueStream().anyMatch(JsonNode::isNull)).isTrue();
        assertThat(schemas.get("Problem").get("properties").get("instance").get("format").asString())
                .isEqualTo("uri-reference");
    }

    private static JsonNode parameter(JsonNode parameters, String name) {
        return parameters.valueStream().filter(p -> p.get("name").asString().equals(name)).findFirst().orElseThrow();
    }

    /** A request body made of every property's example, as Swagger UI prefills it. */
    private String exampleOf(JsonNode schema) {
        var body = json.createObjectNode();
        schema.get("properties").properties().forEach(field -> {
            JsonNode example = field.getValue().get("example");
            if (example != null) {
                body.set(field.getKey(), example);
            }
        });
        return body.toString();
    }
}
