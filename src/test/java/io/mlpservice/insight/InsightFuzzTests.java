package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.dataset.DatasetService;
import io.mlpservice.engine.Network;
import io.mlpservice.model.CreateModel;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.ModelWeights;
import io.mlpservice.model.HiddenLayerRequest;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded damage to valid evaluation and importance requests (a field's value replaced by one of
 * the wrong type, NaN or infinite in every spelling, null, deeply nested; a row or a label
 * replaced; a field dropped or unknown; the text cut short): the answer is a 200 for what is
 * still valid, else a 4xx problem; never a 5xx.
 */
@WebMvcTest({InsightController.class, DriftController.class})
@Import({WebSliceConfiguration.class, InsightService.class, DriftService.class, ExamplesReader.class,
        StoredDatasets.class, DatasetService.class, DriftMonitor.class, ModelWeights.class, ModelService.class,
        ModelRegistry.class})
@EnableConfigurationProperties(DriftProperties.class)
@TestPropertySource(properties = "mlp.limits.max-training-values=1000")
class InsightFuzzTests {

    private static final long SEED = 20261130L;
    private static final int CASES = 300;
    private static final String MARK = "@@hostile@@";
    private static final String[] HOSTILE = {
        "\"NaN\"", "\"Infinity\"", "-1e999", "1e39", "null", "true", "\"text\"", "{}", "[]", "[[]]", "[null]", "-1",
        "0", "2147483648", "99999999999999999999999", "1.5", "\"\"", "[\"\"]", "[null, null, null, null]",
        "[" .repeat(600) + "]".repeat(600), "{\"a\": " .repeat(300) + "1" + "}".repeat(300)};
    private static final String[] FIELDS = {"features", "labels", "targets", "featureNames", "datasetId", "repeats",
        "seed", "metric", "version"};

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private ModelService models;
    @Autowired
    private ModelRegistry registry;
    @Autowired
    private JsonMapper json;

    @Test
    void damagedRequestsGetA200OrA4xxProblemNeverA5xx() {
        String model = models.create(new CreateModel("fuzz", null, 4, List.of(HiddenLayerRequest.ofUnits(3)), "tanh", List.of("a", "b", "c"), null, 1L))
                .id();
        registry.claim(model, "job");
        registry.publish(model, "job", Network.initialize(registry.get(model).spec(), 1),
                new LossPoint("job", 1, 1.0, 0.5, null, null, null, null, 1.0, null), Instant.EPOCH);
        ObjectNode valid = (ObjectNode) json.readTree("""
                {"features": [[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.3, 3.3, 6.0, 2.5]],
                 "labels": ["a", 1, "c"], "repeats": 2, "seed": 3, "metric": "logLoss", "version": 1,
                 "featureNames": ["w", "x", "y", "z"]}""");
        SplittableRandom random = new SplittableRandom(SEED);
        int ok = 0;
        for (int i = 0; i < CASES; i++) {
            boolean importance = random.nextBoolean();
            ObjectNode body = valid.deepCopy();
            if (!importance) {
                body.remove(List.of("repeats", "seed", "metric", "featureNames"));
            }
            String text = damage(body, random);
            MvcTestResult result = mvc.post().uri("/api/v1/models/" + model
                    + (importance ? "/feature-importance" : "/evaluations"))
                    .contentType(MediaType.APPLICATION_JSON).content(text).exchange();
            int status = result.getMvcResult().getResponse().getStatus();
            assertThat(status).as("seed %d case %d: %s", SEED, i, abbreviate(text)).isLessThan(500);
            if (status >= 400) {
                assertThat(result).as("case %d", i).contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            } else {
                assertThat(status).isEqualTo(200);
                ok++;
            }
        }
        assertThat(ok).as("some damage leaves a valid request").isPositive();
    }

    private String damage(ObjectNode body, SplittableRandom random) {
        String field = FIELDS[random.nextInt(FIELDS.length)];
        String hostile = HOSTILE[random.nextInt(HOSTILE.length)];
        switch (random.nextInt(5)) {
            case 0 -> body.put(field, MARK);
            case 1 -> body.remove(field);
            case 2 -> body.put("unknown", 1);
            case 3 -> {
                String list = random.nextBoolean() ? "features" : "labels";
                ArrayNode array = (ArrayNode) body.get(list);
                array.set(random.nextInt(array.size()), json.getNodeFactory().stringNode(MARK));
            }
            default -> {
                String text = body.toString();
                return text.substring(0, random.nextInt(text.length()));
            }
        }
        return body.toString().replace("\"" + MARK + "\"", hostile);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
