package io.mlpservice.insight;

import static io.mlpservice.web.ProblemAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.dataset.DatasetSliceConfiguration;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.ModelWeights;
import io.mlpservice.dataset.DatasetService;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluations and feature importance of a regression over HTTP: a model of two outputs that
 * depend on the third of four features alone, trained by the engine. The evaluation's figures are
 * those computed here from the model's own {@code /predictions} answers; the importance with
 * metric r2 puts the third feature first; a CSV dataset with {@code targetColumns} evaluates as
 * the same rows sent inline, and one of labels or of another number of targets is refused.
 */
@WebMvcTest(controllers = InsightController.class, includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "io\\.mlpservice\\.model\\.ModelController"))
@Import({WebSliceConfiguration.class, DatasetSliceConfiguration.class, InsightService.class, ExamplesReader.class,
        StoredDatasets.class, DriftMonitor.class, ModelWeights.class, ModelService.class, ModelRegistry.class})
class RegressionInsightTests {

    private static final int ROWS = 160;
    private static final int FEATURES = 4;

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private ModelRegistry registry;
    @Autowired
    private ModelService models;
    @Autowired
    private DatasetService datasets;
    @Autowired
    private MatMul matMul;
    @Autowired
    private JsonMapper json;

    private String model;
    /** (ROWS, FEATURES) and (ROWS, 2): multiples of 1/64, so that JSON and CSV give the same floats. */
    private final float[] x = new float[ROWS * FEATURES];
    private final float[] t = new float[ROWS * 2];

    /** {@code y0 = 100 sin(c) + 300}, {@code y1 = 5 - 20 c}: features a, b and d play no part. */
    @BeforeEach
    void trainARegressionOnTheThirdFeature() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(-192, 193) / 64f;
        }
        for (int r = 0; r < ROWS; r++) {
            double c = x[r * FEATURES + 2];
            t[2 * r] = Math.round((100 * Math.sin(c) + 300) * 64) / 64f;
            t[2 * r + 1] = Math.round((5 - 20 * c) * 64) / 64f;
        }
        MvcTestResult created = mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"third\", \"task\": \"regression\", \"outputSize\": 2, \"inputSize\": 4, "
                        + "\"hiddenLayers\": [16, {\"units\": 8, \"activation\": \"gelu\"}], \"activation\": \"tanh\", "
                        + "\"seed\": 4}").exchange();
        assertThat(created).hasStatus(201);
        model = body(created).get("id").asString();
        TrainingConfig config = new TrainingConfig(60, 32, OptimizerSpec.adam(0.01f), 1e-4f, 0, null, true, true, 4);
        Network trained = new Trainer(matMul, 1).train(Network.initialize(registry.get(model).spec(), 4),
                Dataset.regression(x, t, FEATURES), config, new TrainingListener() { }).network();
        registry.claim(model, "job-1");
        registry.publish(model, "job-1", trained, new LossPoint("job-1", 60, 0.01, null, null, null, 0.98, null, 2.0,
                0.01), Instant.parse("2026-11-30T10:00:00Z"));
    }

    @AfterEach
    void cleanUp() {
        models.list().forEach(m -> models.delete(m.id()));
        datasets.list().forEach(d -> datasets.delete(d.id()));
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getMvcResult().getResponse().getContentAsByteArray());
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post().uri("/api/v1/models/" + model + path).contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
    }

    private String matrix(float[] values, int width) {
        var rows = json.createArrayNode();
        for (int r = 0; r < values.length / width; r++) {
            var row = rows.addArray();
            for (int j = 0; j < width; j++) {
                row.add(values[r * width + j]);
            }
        }
        return rows.toString();
    }

    private String inline() {
        return "\"features\": " + matrix(x, FEATURES) + ", \"targets\": " + matrix(t, 2);
    }

    /** The rows as CSV: the targets' columns first, then a, b, c, d. */
    private String uploadCsv() {
        StringBuilder csv = new StringBuilder("y0,a,b,y1,c,d\n");
        for (int r = 0; r < ROWS; r++) {
            int f = r * FEATURES;
            csv.append(t[2 * r]).append(',').append(x[f]).append(',').append(x[f + 1]).append(',')
                    .append(t[2 * r + 1]).append(',').append(x[f + 2]).append(',').append(x[f + 3]).append('\n');
        }
        MvcTestResult created = mvc.post().uri("/api/v1/datasets?name=third&targetColumns=y0,y1")
                .contentType(MediaType.parseMediaType("text/csv")).content(csv.toString()).exchange();
        assertThat(created).hasStatus(201);
        return body(created).get("id").asString();
    }

    @Test
    void anEvaluationGivesTheFiguresOfTheModelsOwnPredictions() {
        MvcTestResult answered = post("/predictions", "{\"inputs\": " + matrix(x, FEATURES) + "}");
        assertThat(answered).hasStatusOk();
        JsonNode predictions = body(answered).get("predictions");
        // scikit-learn's uniform average over the two outputs: the mean of each output's figure
        double mse = 0;
        double rmse = 0;
        double mae = 0;
        double r2 = 0;
        for (int k = 0; k < 2; k++) {
            double mean = 0;
            for (int r = 0; r < ROWS; r++) {
                mean += t[2 * r + k];
            }
            mean /= ROWS;
            double squares = 0;
            double absolute = 0;
            double total = 0;
            for (int r = 0; r < ROWS; r++) {
                double error = t[2 * r + k] - predictions.get(r).get("values").get(k).floatValue();
                squares += error * error;
                absolute += Math.abs(error);
                total += (t[2 * r + k] - mean) * (t[2 * r + k] - mean);
            }
            mse += squares / ROWS / 2;
            rmse += Math.sqrt(squares / ROWS) / 2;
            mae += absolute / ROWS / 2;
            r2 += (1 - squares / total) / 2;
        }

        JsonNode evaluation = body(post("/evaluations", "{" + inline() + "}"));
        assertThat(evaluation.get("version").asInt()).isEqualTo(1);
        assertThat(evaluation.get("rows").asInt()).isEqualTo(ROWS);
        assertThat(evaluation.get("mse").asDouble()).isCloseTo(mse, within(1e-9 * mse));
        assertThat(evaluation.get("rmse").asDouble()).isCloseTo(rmse, within(1e-9 * rmse));
        assertThat(evaluation.get("mae").asDouble()).isCloseTo(mae, within(1e-9 * mae));
        assertThat(evaluation.get("r2").asDouble()).isCloseTo(r2, within(1e-12));
        // a fit of 60 epochs: good, not perfect, so that the figures above are not trivial
        assertThat(r2).isBetween(0.8, 0.99999);
        assertThat(rmse).isLessThan(Math.sqrt(mse) + 1e-9).isNotEqualTo(Math.sqrt(mse));
        assertThat(evaluation.has("accuracy")).isFalse();
    }

    @Test
    void aCsvDatasetWithTargetColumnsEvaluatesAsTheSameRowsSentInline() {
        String dataset = uploadCsv();
        JsonNode stored = body(post("/evaluations", "{\"datasetId\": \"" + dataset + "\"}"));
        JsonNode sent = body(post("/evaluations", "{" + inline() + "}"));
        assertThat(stored).isEqualTo(sent);
        assertThat(stored.get("rows").asInt()).isEqualTo(ROWS);
    }

    @Test
    void aDatasetThatDoesNotHoldTheModelsTargetsIsRefusedNamingDatasetId() {
        String labelled = body(mvc.post().uri("/api/v1/datasets?name=l&labelColumn=k")
                .contentType(MediaType.parseMediaType("text/csv")).content("a,b,c,d,k\n1,2,3,4,x\n5,6,7,8,y\n")
                .exchange()).get("id").asString();
        String oneTarget = body(mvc.post().uri("/api/v1/datasets?name=o&targetColumns=y")
                .contentType(MediaType.parseMediaType("text/csv")).content("a,b,c,d,y\n1,2,3,4,9\n5,6,7,8,10\n")
                .exchange()).get("id").asString();
        for (String path : new String[] {"/evaluations", "/feature-importance"}) {
            assertInvalid(post(path, "{\"datasetId\": \"" + labelled + "\"}"), "datasetId", "dataset '" + labelled
                    + "' holds class labels, not targets; model '" + model + "' is a regression of 2 outputs");
            assertInvalid(post(path, "{\"datasetId\": \"" + oneTarget + "\"}"), "datasetId", "dataset '" + oneTarget
                    + "' has 1 target column; model '" + model + "' gives 2 values a row");
        }
    }

    @Test
    void importanceWithMetricR2RanksTheOneFeatureThatMattersFirst() {
        String dataset = uploadCsv();
        JsonNode evaluation = body(post("/evaluations", "{\"datasetId\": \"" + dataset + "\"}"));
        MvcTestResult answered = post("/feature-importance", "{\"datasetId\": \"" + dataset
                + "\", \"metric\": \"r2\", \"repeats\": 4, \"seed\": 9}");
        assertThat(answered).hasStatusOk();
        JsonNode importance = body(answered);
        assertThat(importance.get("metric").asString()).isEqualTo("r2");
        assertThat(importance.get("baseline").asDouble()).isEqualTo(evaluation.get("r2").asDouble());
        JsonNode features = importance.get("features");
        assertThat(features.size()).isEqualTo(4);
        assertThat(features.get(0).get("feature").asString()).isEqualTo("c");
        assertThat(features.get(0).get("index").asInt()).isEqualTo(2);
        // shuffling c loses most of the fit (R² of a shuffled column falls below 0); the others, little
        assertThat(features.get(0).get("meanDecrease").asDouble()).isGreaterThan(0.8);
        for (int i = 1; i < 4; i++) {
            assertThat(features.get(i).get("meanDecrease").asDouble()).as("%s", features.get(i))
                    .isLessThan(0.1 * features.get(0).get("meanDecrease").asDouble());
        }
        assertThat(post("/feature-importance", "{\"datasetId\": \"" + dataset
                + "\", \"metric\": \"r2\", \"repeats\": 4, \"seed\": 9}")).bodyJson().isEqualTo(importance.toString());

        JsonNode byMse = body(post("/feature-importance", "{" + inline() + ", \"metric\": \"mse\", \"seed\": 9}"));
        assertThat(byMse.get("metric").asString()).isEqualTo("mse");
        assertThat(byMse.get("baseline").asDouble()).isEqualTo(evaluation.get("mse").asDouble());
        assertThat(byMse.at("/features/0/index").asInt()).isEqualTo(2);
        assertInvalid(post("/feature-importance", "{\"datasetId\": \"" + dataset + "\", \"metric\": \"accuracy\"}"),
                "metric", "metric 'accuracy' is not one of r2, mse for this model");
    }
}
