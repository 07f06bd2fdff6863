package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.SplitMix64;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMuls;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Permutation importance on a network whose answer depends on its first feature alone (class 0
 * when x0 > 0): the second feature's importance is exactly zero, the first's is what the shuffles
 * drawn from the seed make of the accuracy, and the same seed gives the same answer.
 */
class PermutationImportanceTests {

    private static final int ROWS = 200;

    /** No hidden layer; logits (5·x0, -5·x0). */
    private static final Network SIGN_OF_X0 = new Network(new NetworkSpec(2, List.of(), Activation.RELU, 2),
            new float[] {5, 0, -5, 0, 0, 0}, Standardizer.identity(2), MatMuls.defaultKernel());

    private static Examples examples() {
        float[] x = new float[ROWS * 2];
        int[] classes = new int[ROWS];
        SplitMix64 random = new SplitMix64(3);
        for (int r = 0; r < ROWS; r++) {
            x[2 * r] = (float) (random.nextDouble() * 2 - 1);
            x[2 * r + 1] = (float) (random.nextDouble() * 10);
            classes[r] = x[2 * r] > 0 ? 0 : 1;
        }
        return new Examples(x, ROWS, 2, List.of("signal", "noise"), classes, null);
    }

    private static PermutationImportance.Result run(Examples examples, int repeats, long seed) {
        ModelScoring scoring = new ModelScoring(Task.CLASSIFICATION, SIGN_OF_X0::predictProbabilities, 2, ROWS);
        return PermutationImportance.run(scoring, examples, Metric.ACCURACY, repeats, seed);
    }

    @Test
    void theFeatureTheModelIgnoresHasNoImportanceAndTheOtherComesFirst() {
        PermutationImportance.Result result = run(examples(), 5, 42);
        assertThat(result.baseline()).isEqualTo(1.0);
        assertThat(result.features()).extracting(PermutationImportance.FeatureImportance::feature)
                .containsExactly("signal", "noise");
        PermutationImportance.FeatureImportance noise = result.features().get(1);
        assertThat(noise.index()).isEqualTo(1);
        assertThat(noise.meanDecrease()).isZero();
        assertThat(noise.std()).isZero();
        assertThat(result.features().get(0).meanDecrease()).isBetween(0.3, 0.7);
    }

    @Test
    void theDecreasesAreTheAccuracyLostUnderTheSeedsShuffles() {
        Examples examples = examples();
        int repeats = 4;
        // the same stream, drawn as documented: feature 0's repeats first
        SplitMix64 random = new SplitMix64(9);
        int[] order = new int[ROWS];
        double[] decreases = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            PermutationImportance.permutation(order, random);
            int correct = 0;
            for (int r = 0; r < ROWS; r++) {
                int predicted = examples.x()[2 * order[r]] > 0 ? 0 : 1;
                correct += predicted == examples.classes()[r] ? 1 : 0;
            }
            decreases[k] = 1.0 - (double) correct / ROWS;
        }
        double mean = Arrays.stream(decreases).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(decreases).map(d -> (d - mean) * (d - mean)).sum() / repeats);
        PermutationImportance.FeatureImportance signal = run(examples, repeats, 9).features().get(0);
        assertThat(signal.meanDecrease()).isCloseTo(mean, within(1e-12));
        assertThat(signal.std()).isCloseTo(std, within(1e-12));
        assertThat(signal.std()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameAnswerAndAnotherSeedAnother() {
        assertThat(run(examples(), 3, 5)).isEqualTo(run(examples(), 3, 5));
        assertThat(run(examples(), 3, 5).features().get(0).meanDecrease())
                .isNotEqualTo(run(examples(), 3, 6).features().get(0).meanDecrease());
    }

    @Test
    void theRowsAreLeftAsTheyWere() {
        Examples examples = examples();
        float[] before = examples.x().clone();
        run(examples, 2, 1);
        assertThat(examples.x()).containsExactly(before);
    }

    @Test
    void aShuffleIsAPermutation() {
        int[] order = new int[1000];
        PermutationImportance.permutation(order, new SplitMix64(1));
        assertThat(Arrays.stream(order).sorted().toArray()).containsExactly(IntStream.range(0, 1000).toArray());
        assertThat(order).isNotEqualTo(IntStream.range(0, 1000).toArray());
    }
}
