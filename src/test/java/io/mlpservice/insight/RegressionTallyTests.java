package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The regression figures against values worked out by hand from scikit-learn's definitions. */
class RegressionTallyTests {

    @Test
    void oneOutput() {
        // errors 0.5, -0.5, 0, -1: squares sum to 1.5; the truth's mean is 2.875, its squares about it sum to 29.1875
        RegressionTally tally = new RegressionTally(new float[] {3, -0.5f, 2, 7}, 4, 1);
        tally.add(0, new float[] {2.5f, 0f}, 2);
        tally.add(2, new float[] {2, 8}, 2);
        assertThat(tally.rows()).isEqualTo(4);
        assertThat(tally.mse()).isCloseTo(0.375, within(1e-15));
        assertThat(tally.rmse()).isCloseTo(Math.sqrt(0.375), within(1e-15));
        assertThat(tally.mae()).isCloseTo(0.5, within(1e-15));
        assertThat(tally.r2()).isCloseTo(1 - 1.5 / 29.1875, within(1e-15));
    }

    @Test
    void twoOutputsAreAveragedAndRmseIsTheMeanOfEachOutputsRoot() {
        float[] truth = {0.5f, 1, -1, 1, 7, -6};
        float[] predicted = {0, 2, -1, 2, 8, -5};
        RegressionTally tally = new RegressionTally(truth, 3, 2);
        tally.add(0, predicted, 3);
        // output 0: squared errors 0.25 + 0 + 1 = 1.25, |errors| 1.5, SS_tot 217/6
        // output 1: squared errors 1 + 1 + 1 = 3, |errors| 3, SS_tot 98/3
        assertThat(tally.mse()).isCloseTo((1.25 / 3 + 3.0 / 3) / 2, within(1e-15));
        assertThat(tally.rmse()).isCloseTo((Math.sqrt(1.25 / 3) + 1) / 2, within(1e-15));
        assertThat(tally.mae()).isCloseTo((1.5 / 3 + 3.0 / 3) / 2, within(1e-15));
        assertThat(tally.r2()).isCloseTo((1 - 1.25 / (217.0 / 6) + 1 - 3 / (98.0 / 3)) / 2, within(1e-12));
    }

    @Test
    void constantTruthScoresOneWhenExactAndZeroOtherwise() {
        RegressionTally exact = new RegressionTally(new float[] {2, 2, 2}, 3, 1);
        exact.add(0, new float[] {2, 2, 2}, 3);
        assertThat(exact.r2()).isEqualTo(1.0);
        RegressionTally off = new RegressionTally(new float[] {2, 2, 2}, 3, 1);
        off.add(0, new float[] {2, 3, 2}, 3);
        assertThat(off.r2()).isEqualTo(0.0);
        assertThat(off.mse()).isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void r2IsAbsentForASingleRow() {
        RegressionTally tally = new RegressionTally(new float[] {1}, 1, 1);
        tally.add(0, new float[] {3}, 1);
        assertThat(tally.r2()).isNull();
        assertThat(tally.mse()).isEqualTo(4.0);
        assertThat(tally.mae()).isEqualTo(2.0);
    }
}
