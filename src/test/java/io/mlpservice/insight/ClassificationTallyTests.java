package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The classification figures against values worked out by hand from scikit-learn's definitions,
 * on seven rows of four classes: one class never occurs (it must not count in the macro F1, as in
 * scikit-learn without {@code labels}), one row gives the true class probability 0 (clipped to
 * 2^-52 in the log loss) and one gives it 1 (clipped to 1 - 2^-52).
 */
class ClassificationTallyTests {

    private static final int[] TRUTH = {0, 0, 0, 1, 1, 2, 0};
    // predicted (argmax):               0  0  1  1  2  2  1
    private static final float[] PROBABILITIES = {
        0.7f, 0.2f, 0.1f, 0f,
        0.6f, 0.3f, 0.1f, 0f,
        0.3f, 0.5f, 0.2f, 0f,
        0.1f, 0.8f, 0.1f, 0f,
        0.1f, 0.4f, 0.5f, 0f,
        0f, 0f, 1f, 0f,
        0f, 1f, 0f, 0f};

    private static ClassificationTally tally() {
        ClassificationTally tally = new ClassificationTally(4);
        // in two blocks, as an evaluation feeds it
        tally.add(TRUTH, 0, PROBABILITIES, 3);
        float[] rest = new float[16];
        System.arraycopy(PROBABILITIES, 12, rest, 0, 16);
        tally.add(TRUTH, 3, rest, 4);
        return tally;
    }

    @Test
    void countsTheConfusionMatrixWithTrueClassesAsRows() {
        assertThat(tally().confusion()).isDeepEqualTo(new long[][] {
            {2, 2, 0, 0},
            {0, 1, 1, 0},
            {0, 0, 1, 0},
            {0, 0, 0, 0}});
        assertThat(tally().rows()).isEqualTo(7);
    }

    @Test
    void accuracyIsTheFractionOfRowsWhoseMostProbableClassIsTrue() {
        assertThat(tally().accuracy()).isCloseTo(4.0 / 7, within(1e-15));
    }

    @Test
    void precisionRecallAndF1PerClassWithZeroWhereUndefined() {
        ClassificationTally tally = tally();
        // class 0: tp 2, predicted 2, support 4
        assertFigures(tally.figures(0), 1.0, 0.5, 2.0 / 3, 4);
        // class 1: tp 1, predicted 3, support 2
        assertFigures(tally.figures(1), 1.0 / 3, 0.5, 0.4, 2);
        // class 2: tp 1, predicted 2, support 1
        assertFigures(tally.figures(2), 0.5, 1.0, 2.0 / 3, 1);
        // class 3: never true, never predicted: zero_division=0
        assertFigures(tally.figures(3), 0, 0, 0, 0);
    }

    private static void assertFigures(ClassificationTally.ClassFigures f, double precision, double recall, double f1,
                                      long support) {
        assertThat(f.precision()).isCloseTo(precision, within(1e-15));
        assertThat(f.recall()).isCloseTo(recall, within(1e-15));
        assertThat(f.f1()).isCloseTo(f1, within(1e-15));
        assertThat(f.support()).isEqualTo(support);
    }

    @Test
    void macroF1AveragesTheClassesThatOccurAndWeightedF1WeighsBySupport() {
        assertThat(tally().macroF1()).isCloseTo((2.0 / 3 + 0.4 + 2.0 / 3) / 3, within(1e-15));
        assertThat(tally().weightedF1()).isCloseTo((4 * 2.0 / 3 + 2 * 0.4 + 1 * 2.0 / 3) / 7, within(1e-15));
    }

    @Test
    void logLossClipsProbabilitiesToMachineEpsilonAsScikitLearn() {
        double eps = 0x1p-52;
        double expected = -(Math.log(0.7f) + Math.log(0.6f) + Math.log(0.3f) + Math.log(0.8f) + Math.log(0.4f)
                + Math.log(1 - eps) + Math.log(eps)) / 7;
        assertThat(tally().logLoss()).isCloseTo(expected, within(1e-12));
        // the row that gave its true class 0 costs -ln(2^-52) = 36.04, not infinity
        assertThat(tally().logLoss()).isGreaterThan(36.04 / 7).isFinite();
    }

    @Test
    void aTieGoesToTheFirstClassAsNumpyArgmax() {
        ClassificationTally tally = new ClassificationTally(3);
        tally.add(new int[] {1}, 0, new float[] {0.4f, 0.4f, 0.2f}, 1);
        assertThat(tally.confusion()[1]).containsExactly(1, 0, 0);
        assertThat(tally.accuracy()).isZero();
    }
}
