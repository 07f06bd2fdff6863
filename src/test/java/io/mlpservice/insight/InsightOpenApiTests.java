package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.training.JobEvents;
import io.mlpservice.training.JobStatus;
import io.mlpservice.training.JobWatch;
import io.mlpservice.training.TrainingJobService;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document describes the insight endpoints with their errors as problems, and the
 * request examples Swagger UI prefills are accepted by the service.
 */
@SpringBootTest
@AutoConfigureMockMvc
class InsightOpenApiTests {

    private static final Map<String, String> OPERATIONS = Map.of(
            "/api/v1/models/{id}/evaluations", "post",
            "/api/v1/models/{id}/feature-importance", "post",
            "/api/v1/models/{id}/drift", "get");

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private JobEvents events;
    @Autowired
    private TrainingJobService jobs;

    private JsonNode document() {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(result).hasStatusOk();
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    @Test
    void everyInsightOperationIsDescribedWithItsProblems() {
        JsonNode paths = document().get("paths");
        OPERATIONS.forEach((path, method) -> {
            JsonNode operation = paths.get(path).get(method);
            assertThat(operation.get("summary").asString()).as(path).isNotBlank();
            assertThat(operation.get("description").asString()).as(path).isNotBlank();
            for (String status : List.of("404", "409")) {
                assertThat(operation.get("responses").get(status).get("content").get("application/problem+json")
                        .get("schema").get("$ref").asString()).as("%s %s", path, status)
                        .isEqualTo("#/components/schemas/Problem");
            }
        });
    }

    @Test
    void theRequestExamplesAreAccepted() {
        JsonNode schemas = document().get("components").get("schemas");
        MvcTestResult created = mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON).content("""
                {"name": "iris", "inputSize": 4, "hiddenLayers": [8], "classes": ["setosa", "versicolor", "virginica"],
                 "seed": 1}""").exchange();
        String model = json.readTree(created.getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
        try (JobWatch watch = new JobWatch(events, jobs)) {
            MvcTestResult submitted = mvc.post().uri("/api/v1/models/" + model + "/training-jobs")
                    .contentType(MediaType.APPLICATION_JSON).content(((ObjectNode) json.readTree(example(schemas.get("EvaluationRequest"))))
                            .put("epochs", 5).toString())
                    .exchange();
            assertThat(submitted).hasStatus(202);
            watch.awaitStatus(json.readTree(submitted.getMvcResult().getResponse().getContentAsByteArray())
                    .get("id").asString(), JobStatus.SUCCEEDED);
        }
        for (String[] call : new String[][] {{"EvaluationRequest", "evaluations"},
                {"ImportanceRequest", "feature-importance"}}) {
            String example = example(schemas.get(call[0]));
            assertThat(mvc.post().uri("/api/v1/models/" + model + "/" + call[1]).contentType(MediaType.APPLICATION_JSON)
                    .content(example)).as(example).hasStatus(200);
        }
    }

    /** The schema's whole-object example, as Swagger UI prefills it. */
    private String example(JsonNode schema) {
        JsonNode example = schema.get("example");
        assertThat(example).as("example of %s", schema).isNotNull();
        return example.isString() ? example.asString() : example.toString();
    }
}
