package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The fused softmax and cross-entropy stay finite and exact where naive formulas overflow. */
class SoftmaxCrossEntropyTests {

    private static void assertRowsAreDistributions(float[] p, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                assertThat(Float.isFinite(p[r * cols + j])).as("p[%d][%d] = %s is finite", r, j, p[r * cols + j]).isTrue();
                assertThat(p[r * cols + j]).isBetween(0f, 1f);
                sum += p[r * cols + j];
            }
            assertThat(sum).as("row %d sums to 1", r).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void softmaxOfHugeLogitsStaysFiniteAndSumsToOne() {
        float max = Float.MAX_VALUE;
        float[] z = {
            1e30f, -1e30f, 0f,
            max, -max, max,
            -max, -max, -max,
            max, 0f, -1e30f,
        };

        SoftmaxCrossEntropy.softmax(z, 0, 4, 3);

        assertRowsAreDistributions(z, 4, 3);
        assertThat(z).containsExactly(
                1f, 0f, 0f,
                0.5f, 0f, 0.5f,
                1f / 3, 1f / 3, 1f / 3,
                1f, 0f, 0f);
    }

    @Test
    void softmaxMatchesTheTextbookFormulaOnOrdinaryLogits() {
        float[] z = {0.5f, -1.25f, 2f, 0f, 3f, 3f, -7f, 1f};
        double[] expected = new double[z.length];
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += Math.exp(z[r * 4 + j]);
            }
            for (int j = 0; j < 4; j++) {
                expected[r * 4 + j] = Math.exp(z[r * 4 + j]) / sum;
            }
        }

        SoftmaxCrossEntropy.softmax(z, 0, 2, 4);

        for (int i = 0; i < z.length; i++) {
            assertThat((double) z[i]).as("p[%d]", i).isCloseTo(expected[i], within(1e-7));
        }
    }

    @Test
    void softmaxTouchesOnlyTheRowsFromItsOffset() {
        float[] z = {9f, 1f, 1f, 9f};

        SoftmaxCrossEntropy.softmax(z, 1, 1, 2);

        assertThat(z).containsExactly(9f, 0.5f, 0.5f, 9f);
    }

    @Test
    void aConfidentWrongPredictionCostsAFiniteLossAndAFiniteGradient() {
        // Row 0 puts everything on class 0, labelled 1; row 1 uses the largest floats, labelled 1.
        float[] z = {1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE};
        double[] totals = new double[2];

        SoftmaxCrossEntropy.lossAndGradient(z, 0, 2, 2, new int[] {1, 1}, 0, totals);

        assertThat(Double.isFinite(totals[0])).as("summed loss %s is finite", totals[0]).isTrue();
        // The exact loss of each row is its logit gap: 2e30 and 2·MAX_VALUE (still finite in double).
        assertThat(totals[0]).isCloseTo(2e30 + 2.0 * Float.MAX_VALUE, within(1e24));
        assertThat(totals[1]).as("correct rows").isZero();
        assertThat(z).containsExactly(0.5f, -0.5f, 0.5f, -0.5f);   // (p - y) / rows
    }

    @Test
    void theLossFromProbabilitiesIsFlooredAtTheSmallestNormalFloat() {
        float[] p = {1f, 0f};

        double loss = SoftmaxCrossEntropy.rowLoss(p, 0, 1);

        assertThat(loss).isCloseTo(-Math.log(Float.MIN_NORMAL), within(1e-12)).isCloseTo(87.34, within(0.01));
    }

    @Test
    void lossAndGradientMatchTheTextbookFormulas() {
        // Three rows of four classes, from an offset, with their labels from an offset too.
        float[] logits = {0.3f, -1f, 2f, 0.5f, 1f, 1f, 1f, 1f, -3f, 4f, 0f, 2.5f};
        int[] labels = {-1, 2, 3, 1};
        float[] z = new float[2 + logits.length];
        System.arraycopy(logits, 0, z, 2, logits.length);
        double[] totals = {10, 5};   // accumulated onto

        SoftmaxCrossEntropy.lossAndGradient(z, 2, 3, 4, labels, 1, totals);

        double loss = 0;
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += Math.exp(logits[r * 4 + j]);
            }
            int label = labels[1 + r];
            loss -= Math.log(Math.exp(logits[r * 4 + label]) / sum);
            for (int j = 0; j < 4; j++) {
                double p = Math.exp(logits[r * 4 + j]) / sum;
                double expected = (p - (j == label ? 1 : 0)) / 3;
                assertThat((double) z[2 + r * 4 + j]).as("dlogit[%d][%d]", r, j).isCloseTo(expected, within(1e-7));
            }
        }
        assertThat(totals[0]).isCloseTo(10 + loss, within(1e-6));
        // row 0 (argmax 2 = label) and row 2 (argmax 1 = label) are right; row 1 is a four-way tie, whose argmax is the first class, 0, not its label 3
        assertThat(totals[1]).isEqualTo(7);
    }

    @Test
    void argmaxTakesTheFirstOfEqualProbabilities() {
        assertThat(SoftmaxCrossEntropy.argmax(new float[] {0.1f, 0.45f, 0.45f}, 0, 3)).isEqualTo(1);
        assertThat(SoftmaxCrossEntropy.argmax(new float[] {7f, 0.2f, 0.3f, 0.5f}, 1, 3)).isEqualTo(2);
    }
}
