package io.mlpservice.insight;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static io.mlpservice.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.dataset.DatasetNotFoundException;
import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.ModelWeights;
import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluations, feature importance and drift over HTTP, on a model whose weights are set by hand:
 * the figures agree with the model's own predictions, every refusal is a problem naming its field.
 */
@WebMvcTest({InsightController.class, DriftController.class})
@Import({WebSliceConfiguration.class, InsightService.class, DriftService.class, ExamplesReader.class,
        InsightControllerTests.OneDataset.class, DriftMonitor.class, ModelWeights.class, ModelService.class,
        ModelRegistry.class})
@EnableConfigurationProperties(DriftProperties.class)
@TestPropertySource(properties = {"mlp.limits.max-training-values=1000", "mlp.drift.min-rows=5"})
class InsightControllerTests {

    private static final String ROWS = "[[5.1, 3.5, 1.4, 0.2], [4.9, 3.0, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], "
            + "[6.4, 3.2, 4.5, 1.5], [6.3, 3.3, 6.0, 2.5], [5.8, 2.7, 5.1, 1.9]]";
    private static final List<String> CLASSES = List.of("setosa", "versicolor", "virginica");
    /** The true classes of ROWS, with the last one mislabelled so that the model gets one wrong. */
    private static final String LABELS = "[\"setosa\", \"setosa\", \"versicolor\", \"versicolor\", \"virginica\", "
            + "\"versicolor\"]";

    /** A store of one dataset, "iris-six": ROWS with LABELS, its columns named. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OneDataset {
        @Bean
        DatasetLookup datasets() {
            return id -> {
                if (!id.equals("iris-six")) {
                    throw new DatasetNotFoundException(id);
                }
                float[] x = {5.1f, 3.5f, 1.4f, 0.2f, 4.9f, 3.0f, 1.4f, 0.2f, 7.0f, 3.2f, 4.7f, 1.4f,
                    6.4f, 3.2f, 4.5f, 1.5f, 6.3f, 3.3f, 6.0f, 2.5f, 5.8f, 2.7f, 5.1f, 1.9f};
                List<ClassLabel> labels = List.of("setosa", "setosa", "versicolor", "versicolor", "virginica",
                        "versicolor").stream().map(ClassLabel::ofName).toList();
                return new LabelledRows(x, 6, 4, List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
                        labels, null, 0);
            };
        }
    }

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private ModelRegistry registry;
    @Autowired
    private ModelService models;
    @Autowired
    private JsonMapper json;

    private String model;

    @BeforeEach
    void irisModelWithHandSetWeights() {
        models.list().forEach(m -> models.delete(m.id()));
        model = models.create(new io.mlpservice.model.CreateModel("iris", null, 4, List.of(), "relu", CLASSES, null, 1L)).id();
        publish(1);
    }

    /** Logits from the standardised petal length: setosa for short petals, virginica for long ones. */
    private void publish(int job) {
        NetworkSpec spec = new NetworkSpec(4, List.of(), Activation.RELU, 3);
        float[] weights = {
            0, 0, -4, 0,
            0, 0, 0, 0,
            0, 0, 4, 0,
            -1, 1.5f, -1};
        Standardizer training = Standardizer.of(new float[] {5.84f, 3.06f, 3.76f, 1.2f},
                new float[] {1 / 0.83f, 1 / 0.43f, 1 / 1.76f, 1 / 0.76f});
        Network network = new Network(spec, weights, training, MatMuls.defaultKernel());
        registry.claim(model, "job-" + job);
        registry.publish(model, "job-" + job, network, new LossPoint("job-" + job, 1, 0.5, 0.9, null, null, null, null, 1.0, null),
                Instant.parse("2026-11-30T10:00:00Z"));
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post().uri("/api/v1/models/" + model + path).contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
    }

    private JsonNode body(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    @Test
    void anEvaluationGivesTheFiguresOfTheModelsOwnPredictions() {
        float[] probabilities = models.predict(model, null, json.readValue(ROWS, NumberMatrix.class)).probabilities();
        int[] truth = {0, 0, 1, 1, 2, 1};
        long[][] confusion = new long[3][3];
        double logLoss = 0;
        int correct = 0;
        for (int r = 0; r < 6; r++) {
            int predicted = 0;
            for (int c = 1; c < 3; c++) {
                predicted = probabilities[3 * r + c] > probabilities[3 * r + predicted] ? c : predicted;
            }
            confusion[truth[r]][predicted]++;
            correct += predicted == truth[r] ? 1 : 0;
            logLoss -= Math.log(probabilities[3 * r + truth[r]]);
        }
        logLoss /= 6;

        JsonNode evaluation = body(post("/evaluations", "{\"features\": " + ROWS + ", \"labels\": " + LABELS + "}"));
        assertThat(evaluation.get("version").asInt()).isEqualTo(1);
        assertThat(evaluation.get("rows").asInt()).isEqualTo(6);
        assertThat(evaluation.get("accuracy").asDouble()).isEqualTo(correct / 6.0);
        assertThat(correct).as("the model gets the mislabelled row wrong").isEqualTo(5);
        assertThat(evaluation.get("logLoss").asDouble()).isCloseTo(logLoss, within(1e-12));
        assertThat(json.convertValue(evaluation.get("confusionMatrix").get("matrix"), long[][].class))
                .isDeepEqualTo(confusion);
        assertThat(json.convertValue(evaluation.get("confusionMatrix").get("labels"), List.class)).isEqualTo(CLASSES);
        JsonNode versicolor = evaluation.get("perClass").get("versicolor");
        assertThat(versicolor.get("support").asInt()).isEqualTo(3);
        assertThat(versicolor.get("recall").asDouble()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(versicolor.get("precision").asDouble()).isEqualTo(1.0);
        // versicolor 0.8, setosa 1, virginica 2/3: macro the plain mean, weighted by supports 3, 2, 1
        assertThat(evaluation.get("macroF1").asDouble()).isCloseTo((0.8 + 1 + 2 / 3.0) / 3, within(1e-15));
        assertThat(evaluation.get("weightedF1").asDouble()).isCloseTo((3 * 0.8 + 2 + 2 / 3.0) / 6, within(1e-15));
        assertThat(evaluation.has("mse")).isFalse();
    }

    @Test
    void labelsMayBeClassIndicesAndAVersionMayBeNamed() {
        publish(2);
        JsonNode evaluation = body(post("/evaluations", "{\"features\": " + ROWS + ", \"labels\": [0, 0, 1, 1, 2, 1], "
                + "\"version\": 1}"));
        assertThat(evaluation.get("version").asInt()).isEqualTo(1);
        assertThat(evaluation.get("accuracy").asDouble()).isEqualTo(5 / 6.0);
        assertProblem(post("/evaluations", "{\"features\": " + ROWS + ", \"labels\": " + LABELS + ", \"version\": 9}"),
                404, "version-not-found", "model '" + model + "' has no version 9");
    }

    @Test
    void aStoredDatasetIsEvaluatedAsTheSameRowsSentInline() throws Exception {
        String inline = post("/evaluations", "{\"features\": " + ROWS + ", \"labels\": " + LABELS + "}")
                .getMvcResult().getResponse().getContentAsString();
        MvcTestResult stored = post("/evaluations", "{\"datasetId\": \"iris-six\"}");
        assertThat(stored).hasStatusOk();
        assertThat(stored.getMvcResult().getResponse().getContentAsString()).isEqualTo(inline);
        JsonNode importance = body(post("/feature-importance", "{\"datasetId\": \"iris-six\", \"repeats\": 2}"));
        assertThat(importance.get("features").get(0).get("feature").asString()).isEqualTo("petal_length");
    }

    @Test
    void anUnknownDatasetIdIsNotFound() {
        assertProblem(post("/evaluations", "{\"datasetId\": \"iris-csv\"}"), 404, "dataset-not-found",
                "no dataset with id 'iris-csv'");
        assertProblem(post("/feature-importance", "{\"datasetId\": \"iris-csv\"}"), 404, "dataset-not-found",
                "no dataset with id 'iris-csv'");
    }

    @Test
    void refusesDataThatDoesNotFitTheModelNamingTheField() {
        assertInvalid(post("/evaluations", "{\"datasetId\": \"d\", \"features\": " + ROWS + "}"), "datasetId",
                "send datasetId, or features with labels, not both");
        assertInvalid(post("/evaluations", "{}"), "datasetId", "send datasetId, or features with labels");
        assertInvalid(post("/evaluations", "{\"features\": [[1, 2, 3, 4], [1, 2, 3]], \"labels\": [0, 1]}"),
                "features[1]", "features[1] has 3 values; the model expects 4");
        assertInvalid(post("/evaluations", "{\"features\": [[1, 2, 3, 4]], \"labels\": [\"rose\"]}"), "labels[0]",
                "labels[0] 'rose' is not one of the model's classes: setosa, versicolor, virginica");
        assertInvalid(post("/evaluations", "{\"features\": [[1, 2, 3, 4]], \"labels\": [3]}"), "labels[0]",
                "labels[0] 3 is outside the class indices 0..2");
        assertInvalid(post("/evaluations", "{\"features\": [[1, 2, 3, 4]], \"labels\": [0, 1]}"), "labels",
                "labels has 2 entries; features has 1 rows");
        assertInvalid(post("/evaluations", "{\"features\": [[1, 2, 3, 4]]}"), "labels",
                "labels is required with features: the class of each row");
        assertInvalid(post("/evaluations", "{\"features\": [[1, 2, 3, 4]], \"targets\": [[1]]}"), "targets",
                "targets is for a regression model; model '" + model + "' is a classifier: send labels");
        assertInvalid(post("/evaluations", "{\"features\": [], \"labels\": []}"), "features",
                "features has no rows; send at least one");
        assertThat(post("/evaluations", "{\"features\": [[1, 2, 3, \"NaN\"]], \"labels\": [0]}")).hasStatus(400);
    }

    @Test
    void anUnknownOrUntrainedModelIsRefused() {
        String untrained = models.create(new io.mlpservice.model.CreateModel("new", null, 4, List.of(), "relu", CLASSES, null, 1L)).id();
        String body = "{\"features\": " + ROWS + ", \"labels\": " + LABELS + "}";
        assertProblem(mvc.post().uri("/api/v1/models/nope/evaluations").contentType(MediaType.APPLICATION_JSON)
                .content(body).exchange(), 404, "model-not-found", "no model with id 'nope'");
        MvcTestResult notTrained = mvc.post().uri("/api/v1/models/" + untrained + "/feature-importance")
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
        assertThat(notTrained).hasStatus(409);
        assertThat(notTrained).bodyJson().extractingPath("$.type").isEqualTo("urn:mlp-service:problem:model-not-trained");
        assertThat(mvc.get().uri("/api/v1/models/" + untrained + "/drift").exchange()).hasStatus(409);
    }

    @Test
    void importanceIsSeededRankedAndScoredFromTheEvaluationsBaseline() throws Exception {
        String request = "{\"features\": " + ROWS + ", \"labels\": " + LABELS + ", \"repeats\": 3, \"seed\": 7, "
                + "\"featureNames\": [\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"]}";
        MvcTestResult first = post("/feature-importance", request);
        JsonNode importance = body(first);
        assertThat(importance.get("metric").asString()).isEqualTo("accuracy");
        assertThat(importance.get("baseline").asDouble()).isEqualTo(5 / 6.0);
        assertThat(importance.get("repeats").asInt()).isEqualTo(3);
        assertThat(importance.get("seed").asLong()).isEqualTo(7);
        JsonNode features = importance.get("features");
        assertThat(features).hasSize(4);
        // the model reads petal length alone: the other three lose nothing when shuffled
        assertThat(features.get(0).get("feature").asString()).isEqualTo("petal_length");
        assertThat(features.get(0).get("index").asInt()).isEqualTo(2);
        for (int i = 1; i < 4; i++) {
            assertThat(features.get(i).get("meanDecrease").asDouble()).isZero();
            assertThat(features.get(i).get("std").asDouble()).isZero();
        }
        assertThat(post("/feature-importance", request).getMvcResult().getResponse().getContentAsString())
                .isEqualTo(first.getMvcResult().getResponse().getContentAsString());

        JsonNode logLoss = body(post("/feature-importance", "{\"features\": " + ROWS + ", \"labels\": " + LABELS
                + ", \"metric\": \"logLoss\", \"repeats\": 2}"));
        JsonNode evaluation = body(post("/evaluations", "{\"features\": " + ROWS + ", \"labels\": " + LABELS + "}"));
        assertThat(logLoss.get("baseline").asDouble()).isEqualTo(evaluation.get("logLoss").asDouble());
        assertThat(logLoss.get("seed").asLong()).as("the model's seed by default").isEqualTo(1);
        assertThat(logLoss.get("features").get(3).get("feature").asString()).isEqualTo("x3");
    }

    @Test
    void importanceRefusesAnUnknownMetricTooManyRepeatsAndTooMuchWork() {
        String data = "{\"features\": " + ROWS + ", \"labels\": " + LABELS;
        assertInvalid(post("/feature-importance", data + ", \"metric\": \"r2\"}"), "metric",
                "metric 'r2' is not one of accuracy, logLoss for this model");
        assertInvalid(post("/feature-importance", data + ", \"repeats\": 0}"), "repeats",
                "repeats must be greater than or equal to 1");
        assertInvalid(post("/feature-importance", data + ", \"repeats\": 50}"), "repeats",
                "rows × features × repeats = 6 × 4 × 50 = 1,200 rows to predict; the limit is 1,000 "
                        + "(mlp.limits.max-training-values): send fewer rows or repeats");
        assertInvalid(post("/feature-importance", data + ", \"featureNames\": [\"a\"]}"), "featureNames",
                "featureNames has 1 names; the model takes 4 features");
    }

    @Test
    void driftComparesThePredictedRowsWithTheTrainingStandardisation() {
        JsonNode before = body(mvc.get().uri("/api/v1/models/" + model + "/drift").exchange());
        assertThat(before.get("version").asInt()).isEqualTo(1);
        assertThat(before.get("rows").asInt()).isZero();
        assertThat(before.get("features").get(2).get("trainingMean").asDouble()).isEqualTo(3.76);
        assertThat(before.get("features").get(2).get("trainingStd").asDouble()).isCloseTo(1.76, within(1e-6));
        assertThat(before.get("features").get(2).get("recentMean").isNull()).isTrue();

        // evaluations and importance are not predictions: they leave the statistics alone
        post("/evaluations", "{\"features\": " + ROWS + ", \"labels\": " + LABELS + "}");
        post("/feature-importance", "{\"features\": " + ROWS + ", \"labels\": " + LABELS + "}");
        assertThat(body(mvc.get().uri("/api/v1/models/" + model + "/drift").exchange()).get("rows").asInt()).isZero();

        // six rows whose petals are 3 cm longer than the ones above, in two requests
        models.predict(model, null, NumberMatrix.of(new float[] {5.1f, 3.5f, 4.4f, 0.2f}, new float[] {4.9f, 3.0f, 4.4f, 0.2f}));
        models.predict(model, null, NumberMatrix.of(new float[] {7.0f, 3.2f, 7.7f, 1.4f}, new float[] {6.4f, 3.2f, 7.5f, 1.5f},
                new float[] {6.3f, 3.3f, 9.0f, 2.5f}, new float[] {5.8f, 2.7f, 8.1f, 1.9f}));
        JsonNode after = body(mvc.get().uri("/api/v1/models/" + model + "/drift").exchange());
        assertThat(after.get("rows").asInt()).isEqualTo(6);
        assertThat(after.get("drifted").asBoolean()).isTrue();
        JsonNode petal = after.get("features").get(2);
        double mean = (4.4 + 4.4 + 7.7 + 7.5 + 9.0 + 8.1) / 6;
        assertThat(petal.get("recentMean").asDouble()).isCloseTo(mean, within(1e-6));
        assertThat(petal.get("shift").asDouble()).isCloseTo((mean - 3.76) / 1.76, within(1e-5));
        assertThat(petal.get("drifted").asBoolean()).isTrue();
        JsonNode sepal = after.get("features").get(1);
        assertThat(sepal.get("recentMean").asDouble()).isCloseTo((3.5 + 3.0 + 3.2 + 3.2 + 3.3 + 2.7) / 6, within(1e-6));
        assertThat(sepal.get("drifted").asBoolean()).isFalse();

        // a new version serves: its statistics start from none; the old one keeps its own
        publish(2);
        assertThat(body(mvc.get().uri("/api/v1/models/" + model + "/drift").exchange()).get("rows").asInt()).isZero();
        assertThat(body(mvc.get().uri("/api/v1/models/" + model + "/drift?version=1").exchange()).get("rows").asInt())
                .isEqualTo(6);
    }
}
