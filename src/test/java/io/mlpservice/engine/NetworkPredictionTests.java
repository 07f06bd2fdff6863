package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Predictions take different paths by batch size (one row shared by units between threads, a
 * few rows on the caller, many rows shared by rows): every path must give the same probabilities
 * as a plain float64 forward pass.
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
