package io.mlpservice.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mlpservice.model.export.Documents.Params;
import io.mlpservice.model.export.PortableModel.InputScaling;
import io.mlpservice.model.export.PortableModel.TargetScaling;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX models written from hand-built documents, every activation the format names and both
 * tasks, run in ONNX Runtime and compared with a float64 forward pass written here from the
 * format's definition: they agree to 1e-5 (for a regression, relative to its largest term when
 * that is beyond 1), float32 rounding through a few small layers being about 1e-6.
 */
class OnnxWriterTests {

    private static final int INPUTS = 5;
    private static final int ROWS = 16;
    private static final int[] HIDDEN = {7, 6};

    private record Case(PortableModel document, List<Params> params, InputScaling inputs, TargetScaling targets,
                        int outputs) {
    }

    private static Case build(String activation, boolean classification, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int outputs = classification ? 3 : 2;
        List<Params> params = Documents.randomParameters(Documents.widths(INPUTS, HIDDEN, outputs), seed);
        InputScaling inputs = new InputScaling(Documents.uniform(random, INPUTS, -2, 2),
                Documents.uniform(random, INPUTS, 0.3, 3));
        TargetScaling targets = classification ? null
                : new TargetScaling(Documents.uniform(random, outputs, -50, 50), Documents.uniform(random, outputs, 0.5, 20));
        PortableModel document = Documents.document(INPUTS, HIDDEN, new String[] {activation, activation},
                classification ? List.of("a", "b", "c") : null, outputs, inputs, targets, params);
        return new Case(document, params, inputs, targets, outputs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu"})
    void aClassifierRunsInOnnxRuntimeAsTheFormatDefinesIt(String activation) throws Exception {
        assertMatchesReference(build(activation, true, activation.hashCode()), activation, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "relu", "sigmoid", "tanh", "leaky_relu", "elu", "gelu"})
    void aRegressionRunsInOnnxRuntimeWithItsTargetsScaleUndone(String activation) throws Exception {
        assertMatchesReference(build(activation, false, 31L * activation.hashCode()), activation, false);
    }

    private static void assertMatchesReference(Case c, String activation, boolean classification) throws Exception {
        byte[] onnx = OnnxWriter.write(c.document().decode(Documents.LIMITS), "test");
        // inputs that reach every part of the activations: negative, around 0 and beyond the saturation
        float[] x = Documents.uniform(new SplittableRandom(7), ROWS * INPUTS, -4, 4);
        String output = classification ? "probabilities" : "values";
        OnnxRuntimeRunner.Run run = OnnxRuntimeRunner.run(onnx, output, x, ROWS, INPUTS);
        assertThat(run.inputNames()).containsExactly("input");
        assertThat(run.outputNames()).containsExactly(output);
        if (classification) {
            assertThat(run.metadata()).containsEntry("classes", "[\"a\",\"b\",\"c\"]");
        } else {
            assertThat(run.metadata()).doesNotContainKey("classes");
        }

        for (int r = 0; r < ROWS; r++) {
            double[] z = reference(c, activation, x, r);
            double[] expected = classification ? softmax(z) : unstandardize(c.targets(), z);
            assertThat(run.output()[r]).hasSize(c.outputs());
            for (int k = 0; k < c.outputs(); k++) {
                // float32 keeps about 7 digits of the largest term: a regression's mean and z / scale
                double magnitude = classification ? 1
                        : Math.abs(c.targets().means()[k]) + Math.abs(z[k] / c.targets().scales()[k]);
                double tolerance = 1e-5 * Math.max(1, magnitude);
                assertThat((double) run.output()[r][k]).as("%s row %d output %d", activation, r, k)
                        .isCloseTo(expected[k], offset(tolerance));
            }
        }
    }

    // The format's definition in float64: (x - mean) * scale, then per layer act(W h + b); the
    // output layer's pre-activations
    private static double[] reference(Case c, String activation, float[] x, int row) {
        double[] h = new double[INPUTS];
        for (int j = 0; j < INPUTS; j++) {
            h[j] = ((double) x[row * INPUTS + j] - c.inputs().means()[j]) * c.inputs().scales()[j];
        }
        for (int l = 0; l < c.params().size(); l++) {
            Params p = c.params().get(l);
            int out = p.biases().length;
            double[] next = new double[out];
            boolean last = l == c.params().size() - 1;
            for (int o = 0; o < out; o++) {
                double z = p.biases()[o];
                for (int i = 0; i < h.length; i++) {
                    z += (double) p.weights()[o * h.length + i] * h[i];
                }
                next[o] = last ? z : activate(activation, z);
            }
            h = next;
        }
        return h;
    }

    private static double[] softmax(double[] z) {
        double max = Arrays.stream(z).max().orElseThrow();
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    // z / scale + mean
    private static double[] unstandardize(TargetScaling targets, double[] z) {
        double[] y = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            y[k] = z[k] / targets.scales()[k] + targets.means()[k];
        }
        return y;
    }

    private static double activate(String activation, double z) {
        return switch (activation) {
            case "identity" -> z;
            case "relu" -> Math.max(0, z);
            case "sigmoid" -> 1 / (1 + Math.exp(-z));
            case "tanh" -> Math.tanh(z);
            case "leaky_relu" -> z >= 0 ? z : 0.01 * z;
            case "elu" -> z >= 0 ? z : Math.expm1(z);
            case "gelu" -> 0.5 * z * (1 + erf(z / Math.sqrt(2)));
            default -> throw new IllegalArgumentException(activation);
        };
    }

    /** erf by Simpson's rule on 2/√π e^(-t²) over [0, x], 4000 intervals: error far below 1e-12 here. */
    static double erf(double x) {
        if (Math.abs(x) > 6) {
            return Math.signum(x);
        }
        int n = 4000;
        double h = x / n;
        double sum = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            double t = i * h;
            sum += (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t);
        }
        return sum * h / 3 * 2 / Math.sqrt(Math.PI);
    }
}
