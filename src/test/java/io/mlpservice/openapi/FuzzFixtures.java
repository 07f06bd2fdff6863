package io.mlpservice.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.model.ModelService;
import io.mlpservice.web.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the fuzz requests name when they name something that exists: a model created and trained
 * twice from the document's own examples (so it has two versions and two finished jobs), and
 * models made on demand for a request that would delete one. Set up through the API, with the
 * admin key, as a client would.
 */
final class FuzzFixtures implements FuzzCases.Fixtures {

    private final RawHttp http;
    private final ApiDocument document;
    private final JsonMapper json;
    private final String adminKey;
    private final ModelService models;
    private final JobsQuiet quiet;
    private String modelId;
    private String jobId;

    FuzzFixtures(RawHttp http, ApiDocument document, JsonMapper json, String adminKey, ModelService models,
                 JobsQuiet quiet) throws InterruptedException {
        this.http = http;
        this.document = document;
        this.json = json;
        this.adminKey = adminKey;
        this.models = models;
        this.quiet = quiet;
        build();
    }

    private void build() throws InterruptedException {
        modelId = create();
        String jobs = "/api/v1/models/" + modelId + "/training-jobs";
        String example = example("/paths/" + ApiDocument.escape("/api/v1/models/{modelId}/training-jobs")
                + "/post/requestBody/content/application~1json/schema");
        for (int run = 0; run < 2; run++) {
            RawHttp.Response submitted = post(jobs, example);
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
            if (run == 0) {
                jobId = json.readTree(submitted.body()).get("id").asString();
            }
            quiet.await();
        }
        assertThat(versions()).as("the fixture model's versions").hasSize(2);
    }

    private String create() {
        RawHttp.Response created = post("/api/v1/models",
                example("/paths/~1api~1v1~1models/post/requestBody/content/application~1json/schema"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private String example(String pointer) {
        return Examples.of(document, document.at(pointer), new SplittableRandom(0)).toString();
    }

    private RawHttp.Response post(String path, String body) {
        return http.send("POST", path.getBytes(StandardCharsets.UTF_8),
                List.of("Authorization: Bearer " + adminKey, "Content-Type: application/json"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Builds the fixtures again if an accepted request removed the model. */
    void refresh() throws InterruptedException {
        if (models.list().stream().noneMatch(model -> model.id().equals(modelId))) {
            build();
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public List<Integer> versions() {
        return models.list().stream().anyMatch(model -> model.id().equals(modelId))
                ? OpenApiFuzzTests.numbers(models.versions(modelId)) : List.of();
    }

    @Override
    public String throwawayModel() {
        return create();
    }
}
