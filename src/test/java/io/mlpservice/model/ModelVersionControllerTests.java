package io.mlpservice.model;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.engine.Network;
import io.mlpservice.insight.DriftMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Versions on a storage directory: listing, rollback, deletion, {@code ?version=}, keeping the
 * newest, and serving weights that left memory and come back from disk bit for bit.
 */
@WebMvcTest({ModelController.class, ModelVersionController.class})
@Import({WebSliceConfiguration.class, ModelService.class, DriftMonitor.class, ModelRegistry.class})
class ModelVersionControllerTests {

    @TempDir
    static Path storage;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("mlp.storage.dir", storage::toString);
        registry.add("mlp.storage.keep-versions", () -> "3");
        // room for the weights of one 4-16-3 model (131 floats and the standardisation: 556 bytes), not two
        // one 4-16-3 model with its single-row layout (1,080 to 1,964 bytes by the kernel's lanes), not two
        registry.add("mlp.registry.max-resident-bytes", () -> "2000B");
    }

    private static final float[] ROWS = {5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f};

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private ModelRegistry registry;

    @Autowired
    private JsonMapper json;

    private String id;

    @BeforeEach
    void createModel() {
        registry.all().forEach(model -> registry.remove(model.id()));
        MvcTestResult created = mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputSize\": 4, \"hiddenLayers\": [16], \"classes\": [\"a\", \"b\", \"c\"]}").exchange();
        id = json.readTree(created.getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
    }

    /** A version as a finished job would publish it, with weights seeded by {@code seed}. */
    private Network publish(String modelId, String jobId, long seed) {
        Network network = Network.initialize(registry.get(modelId).spec(), seed);
        registry.claim(modelId, jobId);
        registry.publish(modelId, jobId, network, new LossPoint(jobId, 5, 0.1 * seed, 0.9, null, null, null, null, 2.0, null),
                Instant.parse("2026-11-30T10:00:00Z").plusSeconds(seed));
        return network;
    }

    private JsonNode predict(String query) {
        MvcTestResult answer = mvc.post().uri("/api/v1/models/" + id + "/predictions" + query)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputs\": [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]}").exchange();
        assertThat(answer).hasStatusOk();
        return json.readTree(answer.getMvcResult().getResponse().getContentAsByteArray());
    }

    private static float[] probabilities(JsonNode answer) {
        float[] p = new float[6];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                p[r * 3 + c] = (float) answer.get("predictions").get(r).get("probabilities").get("abc".substring(c, c + 1))
                        .asDouble();
            }
        }
        return p;
    }

    @Test
    void eachSuccessAddsAVersionThatServesAndOldOnesStayReachable() {
        assertThat(mvc.get().uri("/api/v1/models/" + id + "/versions")).hasStatusOk().bodyJson().isEqualTo("[]");
        Network first = publish(id, "job-1", 1);
        Network second = publish(id, "job-2", 2);

        MvcTestResult list = mvc.get().uri("/api/v1/models/" + id + "/versions").exchange();
        assertThat(list).bodyJson().extractingPath("$[*].version").isEqualTo(List.of(1, 2));
        assertThat(list).bodyJson().extractingPath("$[*].jobId").isEqualTo(List.of("job-1", "job-2"));
        assertThat(list).bodyJson().extractingPath("$[1].createdAt").isEqualTo("2026-11-30T10:00:02Z");
        assertThat(list).bodyJson().extractingPath("$[1].metrics.trainingLoss").isEqualTo(0.2);
        assertThat(mvc.get().uri("/api/v1/models/" + id + "/versions/1")).hasStatusOk().bodyJson()
                .extractingPath("$.jobId").isEqualTo("job-1");
        assertThat(mvc.get().uri("/api/v1/models/" + id)).bodyJson().extractingPath("$.servingVersion").isEqualTo(2);

        JsonNode serving = predict("");
        assertThat(serving.get("version").asInt()).isEqualTo(2);
        assertThat(probabilities(serving)).isEqualTo(second.predictProbabilities(ROWS, 2));
        JsonNode old = predict("?version=1");
        assertThat(old.get("version").asInt()).isEqualTo(1);
        assertThat(old.get("jobId").asString()).isEqualTo("job-1");
        assertThat(probabilities(old)).isEqualTo(first.predictProbabilities(ROWS, 2));

        assertProblem(mvc.get().uri("/api/v1/models/" + id + "/versions/9").exchange(), 404, "version-not-found",
                "model '" + id + "' has no version 9");
        assertProblem(mvc.post().uri("/api/v1/models/" + id + "/predictions?version=9")
                .contentType(MediaType.APPLICATION_JSON).content("{\"inputs\": [[1, 2, 3, 4]]}").exchange(),
                404, "version-not-found", "model '" + id + "' has no version 9");
        assertProblem(mvc.get().uri("/api/v1/models/nope/versions").exchange(), 404, "model-not-found",
                "no model with id 'nope'");
    }

    @Test
    void aVersionEndsTheClaimOfTheJobThatMadeItOnlyAndAVersionMadeByNoJobLeavesAClaimAlone() {
        publish(id, "job-1", 1);
        assertThat(registry.get(id).activeJobId()).as("the publishing job's claim ended").isNull();

        registry.claim(id, "job-2");
        registry.publish(id, null, Network.initialize(registry.get(id).spec(), 3),
                new LossPoint("elsewhere", 5, 0.3, 0.9, null, null, null, null, 2.0, null), Instant.parse("2026-11-30T11:00:00Z"));
        assertThat(registry.get(id).servingVersion()).isEqualTo(2);
        assertThat(registry.get(id).activeJobId()).as("an imported version leaves the running job's claim")
                .isEqualTo("job-2");
    }

    @Test
    void theServingVersionRollsBackAndForwardAndCannotBeDeleted() {
        Network first = publish(id, "job-1", 1);
        publish(id, "job-2", 2);
        MvcTestResult rolledBack = mvc.put().uri("/api/v1/models/" + id + "/serving-version")
                .contentType(MediaType.APPLICATION_JSON).content("{\"version\": 1}").exchange();
        assertThat(rolledBack).hasStatusOk().bodyJson().extractingPath("$.servingVersion").isEqualTo(1);
        assertThat(rolledBack).bodyJson().extractingPath("$.latestVersion").isEqualTo(2);
        assertThat(rolledBack).bodyJson().extractingPath("$.metrics.jobId").isEqualTo("job-1");
        assertThat(probabilities(predict(""))).isEqualTo(first.predictProbabilities(ROWS, 2));

        assertProblem(mvc.delete().uri("/api/v1/models/" + id + "/versions/1").exchange(), 409, "version-serving",
                "version 1 of model '" + id + "' serves predictions and cannot be deleted; set another serving version first");
        assertThat(mvc.delete().uri("/api/v1/models/" + id + "/versions/2")).hasStatus(204);
        assertThat(mvc.get().uri("/api/v1/models/" + id + "/versions")).bodyJson()
                .extractingPath("$[*].version").isEqualTo(List.of(1));
        assertThat(storage.resolve("weights/" + id + "/2.weights")).doesNotExist();

        assertProblem(mvc.put().uri("/api/v1/models/" + id + "/serving-version").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\": 2}").exchange(), 404, "version-not-found", "model '" + id + "' has no version 2");
        assertInvalid(mvc.put().uri("/api/v1/models/" + id + "/serving-version").contentType(MediaType.APPLICATION_JSON)
                .content("{}").exchange(), "version", "version is required");
        // the next version is numbered after every one given before, deleted ones included
        publish(id, "job-3", 3);
        assertThat(registry.get(id).servingVersion()).isEqualTo(3);
    }

    @Test
    void onlyTheNewestVersionsAreKept() {
        for (int v = 1; v <= 5; v++) {
            publish(id, "job-" + v, v);
        }
        // keep-versions is 3: the oldest two went, with their weights
        assertThat(mvc.get().uri("/api/v1/models/" + id + "/versions")).bodyJson()
                .extractingPath("$[*].version").isEqualTo(List.of(3, 4, 5));
        assertThat(storage.resolve("weights/" + id + "/1.weights")).doesNotExist();
        assertThat(storage.resolve("weights/" + id + "/3.weights")).exists();
    }

    @Test
    void weightsThatLeftMemoryComeBackFromDiskBitForBit() throws Exception {
        String other = json.readTree(mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputSize\": 4, \"hiddenLayers\": [16], \"classes\": [\"a\", \"b\", \"c\"]}")
                .exchange().getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
        Network mine = publish(id, "job-1", 7);
        float[] before = probabilities(predict(""));
        // its weights and standardisation, 556 bytes, and the layout made when it was kept
        assertThat(mine.singleRowLayoutBytes()).isPositive();
        assertThat(registry.residentBytes()).isEqualTo(556 + mine.singleRowLayoutBytes());
        publish(other, "job-x", 8);                       // the bound holds one model: ours leaves memory
        assertThat(registry.residentBytes()).isEqualTo(556 + mine.singleRowLayoutBytes());
        Files.delete(storage.resolve("weights/" + other + "/1.weights"));
        float[] after = probabilities(predict(""));       // read back from its file
        assertThat(after).isEqualTo(before).isEqualTo(mine.predictProbabilities(ROWS, 2));
        // ours came back and the other left: its file is gone, so asking it breaks it
        assertThat(mvc.post().uri("/api/v1/models/" + other + "/predictions").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputs\": [[1, 2, 3, 4]]}")).hasStatus(409);
    }

    @Test
    void weightsThatFailVerificationMakeTheModelBrokenAndItCanStillBeDeleted() throws Exception {
        publish(id, "job-1", 1);
        String other = json.readTree(mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"inputSize\": 4, \"hiddenLayers\": [16], \"classes\": [\"a\", \"b\", \"c\"]}")
                .exchange().getMvcResult().getResponse().getContentAsByteArray()).get("id").asString();
        publish(other, "job-x", 8);                       // ours leaves memory
        Path weights = storage.resolve("weights/" + id + "/1.weights");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(weights, bytes);

        MvcTestResult refused = mvc.post().uri("/api/v1/models/" + id + "/predictions")
                .contentType(MediaType.APPLICATION_JSON).content("{\"inputs\": [[1, 2, 3, 4]]}").exchange();
        assertThat(refused).hasStatus(409).bodyJson().extractingPath("$.type")
                .isEqualTo("urn:mlp-service:problem:model-broken");
        MvcTestResult model = mvc.get().uri("/api/v1/models/" + id).exchange();
        assertThat(model).bodyJson().extractingPath("$.status").isEqualTo("BROKEN");
        assertThat(model).bodyJson().extractingPath("$.error").asString()
                .startsWith("the weights of version 1 failed verification (its checksum ")
                .endsWith("and were moved to quarantine");
        assertThat(weights).doesNotExist();
        assertThat(mvc.delete().uri("/api/v1/models/" + id)).hasStatus(204);
        assertThat(mvc.get().uri("/api/v1/models")).bodyJson().extractingPath("$[*].id").isEqualTo(List.of(other));
    }
}
