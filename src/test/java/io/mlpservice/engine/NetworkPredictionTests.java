package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Predictions take different paths by batch size (a row or two on weights laid out for single
 * rows, a few rows through the matrix kernel on the caller, many rows shared by rows between
 * threads): every path must give the same probabilities as a plain float64 forward pass.
 */
class NetworkPredictionTests {

    private static final NetworkSpec SPEC = new NetworkSpec(100, List.of(256, 96), Activation.RELU, 7);

    @Test
    void everyBatchSizeMatchesAFloat64ForwardPass() {
        Network network = Network.initialize(SPEC, 3);
        SplittableRandom random = new SplittableRandom(5);
        int rows = 700;
        float[] x = new float[rows * SPEC.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        double[] expected = ReferenceMlp.of(SPEC).probabilities(ReferenceMlp.widen(network.parameters()),
                ReferenceMlp.widen(x), rows);
        List<String> wrong = new ArrayList<>();
        for (int batch : new int[] {1, 2, 4, 5, 127, 300, 700}) {
            for (int first = 0; first + batch <= rows; first += Math.max(batch, 97)) {
                float[] out = new float[batch * SPEC.outputSize()];
                network.predictProbabilities(x, first * SPEC.inputSize(), batch, out, 0);
                for (int r = 0; r < batch; r++) {
                    for (int c = 0; c < SPEC.outputSize(); c++) {
                        double want = expected[(first + r) * SPEC.outputSize() + c];
                        // float32 sums of at most 256 terms against float64: 1e-5 is ample
                        if (Math.abs(out[r * SPEC.outputSize() + c] - want) > 1e-5 && wrong.size() < 5) {
                            wrong.add("batch " + batch + " row " + (first + r) + " class " + c + ": "
                                    + out[r * SPEC.outputSize() + c] + " vs " + want);
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void oneRowAtATimeMatchesAFloat64ForwardPassForEveryActivationWithStandardisation(Activation activation) {
        // 400 hidden units are 25 vectors of 16 lanes (one block of 16, one of 8, one single) or 50
        // of 8; 37 inputs, 3 classes: nothing is a whole vector
        NetworkSpec spec = new NetworkSpec(37, List.of(400, 19), activation, 3);
        SplittableRandom random = new SplittableRandom(11);
        int rows = 40;
        float[] raw = new float[rows * spec.inputSize()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) random.nextDouble(-3, 5);
        }
        Standardizer standardizer = Standardizer.fit(raw, rows, spec.inputSize());
        Network network = new Network(spec, Network.initialize(spec, 9).parameters(), standardizer,
                io.mlpservice.engine.linalg.MatMuls.defaultKernel());
        float[] standardized = new float[raw.length];
        standardizer.apply(raw, 0, rows, standardized, 0);
        double[] expected = ReferenceMlp.of(spec).probabilities(ReferenceMlp.widen(network.parameters()),
                ReferenceMlp.widen(standardized), rows);
        float[] first = new float[spec.outputSize()];
        List<String> wrong = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            float[] out = new float[spec.outputSize()];
            network.predictProbabilities(raw, r * spec.inputSize(), 1, out, 0);
            for (int c = 0; c < spec.outputSize(); c++) {
                if (Math.abs(out[c] - expected[r * spec.outputSize() + c]) > 1e-5 && wrong.size() < 5) {
                    wrong.add("row " + r + " class " + c + ": " + out[c] + " vs " + expected[r * spec.outputSize() + c]);
                }
            }
            if (r == 0) {
                first = out;
            }
        }
        assertThat(wrong).isEmpty();
        float[] again = new float[spec.outputSize()];
        network.predictProbabilities(raw, 0, 1, again, 0);
        assertThat(again).as("the same row gives the same bits").isEqualTo(first);
    }

    @Test
    void aLayoutMadeAheadIsSizedByTheKernelsLanesAndAnswersWithTheSameBits() {
        Network ahead = Network.initialize(SPEC, 3);
        Network lazy = Network.initialize(SPEC, 3);
        assertThat(ahead.singleRowLayoutBytes()).isZero();

        ahead.layOutForSingleRows();

        // every layer's outputs and biases padded to whole vectors of the kernel: 100 x 256,
        // 256 x 96 and 96 x 7 weights
        int lanes = Kernels.ELEMENTS.lanes();
        long padded7 = (7 + lanes - 1) / lanes * lanes;
        long padded96 = (96 + lanes - 1) / lanes * lanes;
        long floats = 100L * 256 + 256 * padded96 + 96 * padded7 + 256 + padded96 + padded7;
        assertThat(ahead.singleRowLayoutBytes()).isEqualTo(floats * Float.BYTES);
        float[] row = new float[SPEC.inputSize()];
        for (int i = 0; i < row.length; i++) {
            row[i] = i % 9 - 4.5f;
        }
        assertThat(ahead.predictProbabilities(row, 1)).isEqualTo(lazy.predictProbabilities(row, 1));
        assertThat(lazy.singleRowLayoutBytes()).isEqualTo(ahead.singleRowLayoutBytes());
    }

    @Test
    void refusesRowsThatDoNotFitItsArrays() {
        Network network = Network.initialize(SPEC, 3);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> network.predictProbabilities(new float[250], 0, 3, new float[21], 0))
                .withMessage("3 rows of 100 features from offset 0 (input of 250) and of 7 classes from offset 0 "
                        + "(output of 21) do not fit");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> network.predictProbabilities(new float[300], 0, 3, new float[21], 1));
    }
}
