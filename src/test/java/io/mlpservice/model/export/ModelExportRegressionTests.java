package io.mlpservice.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import io.mlpservice.model.LossPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Regression models through export and import, for every hidden activation and a mixed stack, one
 * and two outputs, with targets standardised and not: trained a few epochs by the engine on
 * targets far from the unit scale, exported, imported, they predict the same bits, and their ONNX
 * export answers {@code values} in the targets' units that agree with ours in ONNX Runtime.
 */
class ModelExportRegressionTests extends ExportSlice {

    private static final int ROWS = 120;

    /** Each stack with one output and standardised targets, then with two outputs and targets as they are. */
    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String stack : ModelExportControllerTests.STACKS) {
            cases.add(Arguments.of(stack, 1, true));
            cases.add(Arguments.of(stack, 2, false));
        }
        cases.add(Arguments.of("mixed", 2, true));
        cases.add(Arguments.of("mixed", 1, false));
        // no hidden layer, and inputs taken as they are: the ONNX graph is a Gemm, then the targets' scale
        cases.add(Arguments.of("linear", 2, true));
        return cases;
    }

    /**
     * A regression of the stack's hidden layers, trained 3 epochs on {@code y0 = 300 x0 x1 + 2000}
     * (and {@code y1 = -40 sin(x2) + 7 x3 - 150}), its version published as a job would; the
     * inputs are standardised except for the "linear" stack.
     */
    private String trainedRegression(String stack, int outputs, boolean standardizeTargets) {
        MvcTestResult created = mvc.post().uri("/api/v1/models").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\": \"wave " + stack + "\", \"task\": \"regression\", \"outputSize\": " + outputs
                        + ", \"inputSize\": 4, \"hiddenLayers\": " + ModelExportControllerTests.hiddenLayers(stack)
                        + "}").exchange();
        assertThat(created).hasStatus(201);
        String id = body(created).get("id").asString();
        SplittableRandom random = new SplittableRandom(stack.hashCode() + outputs);
        float[] x = Documents.uniform(random, ROWS * FEATURES, -2, 6);
        float[] t = new float[ROWS * outputs];
        for (int r = 0; r < ROWS; r++) {
            int f = r * FEATURES;
            t[r * outputs] = 300 * x[f] * x[f + 1] + 2000;
            if (outputs == 2) {
                t[r * outputs + 1] = (float) (-40 * Math.sin(x[f + 2]) + 7 * x[f + 3] - 150);
            }
        }
        boolean standardizeInputs = !stack.equals("linear");
        TrainingConfig config = new TrainingConfig(3, 32, OptimizerSpec.adam(0.01f), 1e-4f, 0, null, standardizeInputs,
                true, 5, standardizeTargets);
        Network trained = new Trainer(matMul, 1).train(Network.initialize(registry.get(id).spec(), 7),
                Dataset.regression(x, t, FEATURES), config, new TrainingListener() { }).network();
        assertThat(trained.targetStandardizer().isIdentity()).isEqualTo(!standardizeTargets);
        assertThat(trained.standardizer().isIdentity()).isEqualTo(!standardizeInputs);
        registry.claim(id, "job-1");
        registry.publish(id, "job-1", trained, new LossPoint("job-1", 3, 0.4, null, null, null, 0.6, null, 2.5, 0.01),
                Instant.parse("2026-11-30T10:00:00Z"));
        return id;
    }

    private Network serving(String id) {
        return registry.serving(registry.get(id), registry.get(id).serving());
    }

    @ParameterizedTest(name = "{0}, {1} output(s), standardizeTargets {2}")
    @MethodSource("cases")
    void anExportedRegressionImportsAsANewModelThatPredictsTheSameBits(String stack, int outputs,
                                                                      boolean standardizeTargets) {
        String original = trainedRegression(stack, outputs, standardizeTargets);
        JsonNode document = body(mvc.get().uri("/api/v1/models/" + original + "/export").exchange());
        assertThat(document.at("/architecture/task").asString()).isEqualTo("regression");
        assertThat(document.at("/architecture/outputSize").asInt()).isEqualTo(outputs);
        assertThat(document.at("/architecture/classes").isNull()).isTrue();
        assertThat(document.at("/architecture/layers").toString()).isEqualTo(ModelExportControllerTests
                .documentLayers(stack, "{\"units\":" + outputs + ",\"activation\":\"identity\"}"));
        assertThat(document.at("/metrics/trainingR2").asDouble()).isEqualTo(0.6);
        JsonNode targets = document.at("/standardization/targets");
        if (standardizeTargets) {
            Network network = serving(original);
            assertThat(targets.get("means").size()).isEqualTo(outputs);
            for (int k = 0; k < outputs; k++) {
                assertThat(targets.get("means").get(k).floatValue())
                        .isEqualTo(network.targetStandardizer().means()[k]);
                assertThat(targets.get("scales").get(k).floatValue())
                        .isEqualTo(network.targetStandardizer().scales()[k]);
            }
            // the first target's mean is about 2000 + 300 · 2 · 2 and its scale the inverse of hundreds
            assertThat(targets.get("means").get(0).asDouble()).isBetween(2000.0, 5000.0);
            assertThat(targets.get("scales").get(0).asDouble()).isLessThan(0.01);
        } else {
            assertThat(targets.isNull()).isTrue();
        }

        MvcTestResult imported = mvc.post().uri("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON)
                .content(document.toString()).exchange();
        assertThat(imported).hasStatus(201);
        JsonNode model = body(imported);
        String copy = model.get("id").asString();
        assertThat(model.get("task").asString()).isEqualTo("regression");
        assertThat(model.get("outputSize").asInt()).isEqualTo(outputs);
        assertThat(model.at("/metrics/trainingR2").asDouble()).isEqualTo(0.6);

        // one row (the row-by-row path) and a batch (the blocked path): the same bits, printed the same
        for (String rows : new String[] {"[[1.5, 2.5, -0.5, 4.0]]", randomRows(40, 5)}) {
            JsonNode ours = predictions(original, rows);
            assertThat(ours.get(0).get("values").size()).isEqualTo(outputs);
            assertThat(predictions(copy, rows).toString()).isEqualTo(ours.toString());
        }
        float[] x = Documents.uniform(new SplittableRandom(9), 64 * FEATURES, -10, 10);
        assertThat(serving(copy).predict(x, 64)).isEqualTo(serving(original).predict(x, 64));

        JsonNode again = body(mvc.get().uri("/api/v1/models/" + copy + "/export").exchange());
        assertThat(again.get("standardization")).isEqualTo(document.get("standardization"));
        assertThat(document.at("/standardization/inputs").isNull()).isEqualTo(stack.equals("linear"));
        assertThat(again.get("parametersSha256")).isEqualTo(document.get("parametersSha256"));
    }

    @ParameterizedTest(name = "{0}, {1} output(s), standardizeTargets {2}")
    @MethodSource("cases")
    void theOnnxExportOfARegressionAgreesWithOurValuesInOnnxRuntime(String stack, int outputs,
                                                                    boolean standardizeTargets) throws Exception {
        String id = trainedRegression(stack, outputs, standardizeTargets);
        MvcTestResult exported = mvc.get().uri("/api/v1/models/" + id + "/export?format=onnx").exchange();
        assertThat(exported).hasStatusOk().hasContentType(MediaType.APPLICATION_OCTET_STREAM);
        byte[] onnx = exported.getMvcResult().getResponse().getContentAsByteArray();

        int rows = 50;
        float[] x = Documents.uniform(new SplittableRandom(3), rows * FEATURES, -4, 8);
        OnnxRuntimeRunner.Run run = OnnxRuntimeRunner.run(onnx, "values", x, rows, FEATURES);
        assertThat(run.outputNames()).containsExactly("values");
        assertThat(run.metadata()).doesNotContainKey("classes");
        Network network = serving(id);
        float[] ours = network.predict(x, rows);
        float[] means = network.targetStandardizer().means();
        for (int r = 0; r < rows; r++) {
            assertThat(run.output()[r]).hasSize(outputs);
            for (int k = 0; k < outputs; k++) {
                float value = ours[r * outputs + k];
                // float32 keeps about 7 digits of the largest term: the mean and z / scale = value - mean
                double magnitude = Math.abs(means[k]) + Math.abs(value - means[k]);
                assertThat((double) run.output()[r][k]).as("%s row %d output %d", stack, r, k)
                        .isCloseTo(value, offset(1e-5 * Math.max(1, magnitude)));
            }
        }
    }
}
