package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-feature (x - mean) / deviation, learned from training rows. */
class StandardizerTests {

    // (4 rows, 3 columns): a varied column, a constant one, and one of large values
    private static final float[] X = {
        1f, 1000.1f, 5000f,
        2f, 1000.1f, 7000f,
        3f, 1000.1f, 3000f,
        6f, 1000.1f, 5000f,
    };

    @Test
    void learnsMeansAndPopulationDeviations() {
        Standardizer s = Standardizer.fit(X, 4, 3);

        assertThat(s.isIdentity()).isFalse();
        assertThat(s.columns()).isEqualTo(3);
        assertThat(s.means()[0]).isCloseTo(3f, within(1e-6f));
        assertThat(s.means()[1]).isEqualTo(1000.1f);
        assertThat(s.means()[2]).isCloseTo(5000f, within(1e-3f));
        // population deviations: sqrt((4 + 1 + 0 + 9) / 4) and sqrt((0 + 4e6 + 4e6 + 0) / 4)
        assertThat((double) s.deviations()[0]).isCloseTo(Math.sqrt(3.5), within(1e-6));
        assertThat((double) s.deviations()[2]).isCloseTo(Math.sqrt(2e6), within(1e-3));
    }

    @Test
    void aConstantColumnKeepsDeviationOneAndMapsToZero() {
        Standardizer s = Standardizer.fit(X, 4, 3);
        float[] out = new float[X.length];

        s.apply(X, 0, 4, out, 0);

        assertThat(s.deviations()[1]).isEqualTo(1f);
        for (int r = 0; r < 4; r++) {
            assertThat(out[r * 3 + 1]).as("constant feature of row %d", r).isZero();
        }
    }

    @Test
    void standardisedColumnsHaveMeanZeroAndDeviationOne() {
        Standardizer s = Standardizer.fit(X, 4, 3);
        float[] out = new float[X.length];

        s.apply(X, 0, 4, out, 0);

        for (int j : new int[] {0, 2}) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < 4; r++) {
                sum += out[r * 3 + j];
                squares += out[r * 3 + j] * out[r * 3 + j];
            }
            assertThat(sum / 4).as("mean of column %d", j).isCloseTo(0, within(1e-6));
            assertThat(squares / 4).as("variance of column %d", j).isCloseTo(1, within(1e-6));
        }
        assertThat(out[0]).isCloseTo((float) ((1 - 3) / Math.sqrt(3.5)), within(1e-6f));
    }

    @Test
    void appliesInPlaceAndBetweenOffsets() {
        Standardizer s = Standardizer.fit(X, 4, 3);
        float[] expected = new float[X.length];
        s.apply(X, 0, 4, expected, 0);

        float[] inPlace = X.clone();
        s.apply(inPlace, 0, 4, inPlace, 0);
        float[] shifted = new float[X.length + 5];
        s.apply(X, 3, 2, shifted, 5);   // rows 1 and 2 of X, written from index 5

        assertThat(inPlace).containsExactly(expected);
        assertThat(java.util.Arrays.copyOfRange(shifted, 5, 11)).containsExactly(java.util.Arrays.copyOfRange(expected, 3, 9));
        assertThat(java.util.Arrays.copyOfRange(shifted, 0, 5)).containsOnly(0f);
    }

    @Test
    void theIdentityLeavesRowsUnchanged() {
        Standardizer identity = Standardizer.identity(3);
        float[] out = new float[X.length];

        identity.apply(X, 0, 4, out, 0);

        assertThat(identity.isIdentity()).isTrue();
        assertThat(identity.means()).containsOnly(0f);
        assertThat(identity.deviations()).containsOnly(1f);
        assertThat(out).containsExactly(X);
    }

    @Test
    void aStandardizerRebuiltFromItsMeansAndScalesTransformsToTheSameBits() {
        SplittableRandom random = new SplittableRandom(12);
        int rows = 500;
        int columns = 7;
        float[] x = new float[rows * columns];
        for (int i = 0; i < x.length; i++) {
            // columns of very different centres and spreads, one constant
            int j = i % columns;
            x[i] = j == 3 ? 42.5f : (float) (Math.pow(10, j - 2) * (random.nextDouble() * 3 - 1) + 1000 * j);
        }
        Standardizer learned = Standardizer.fit(x, rows, columns);

        Standardizer rebuilt = Standardizer.of(learned.means(), learned.scales());

        float[] expected = new float[x.length];
        float[] actual = new float[x.length];
        learned.apply(x, 0, rows, expected, 0);
        rebuilt.apply(x, 0, rows, actual, 0);
        assertThat(Arrays.equals(actual, expected)).as("every standardised value's bits").isTrue();
        assertThat(rebuilt.isIdentity()).isFalse();
        assertThat(rebuilt.scales()[3]).as("the constant column's scale").isEqualTo(1f);
    }

    @Test
    void theIdentitysMeansAndScalesRebuildTheIdentity() {
        Standardizer identity = Standardizer.identity(3);

        Standardizer rebuilt = Standardizer.of(identity.means(), identity.scales());

        assertThat(rebuilt.isIdentity()).isTrue();
        assertThat(rebuilt.scales()).containsOnly(1f);
    }

    @Test
    void refusesMeansAndScalesThatNoStandardizerHas() {
        assertThatIllegalArgumentException().isThrownBy(() -> Standardizer.of(new float[2], new float[3]))
                .withMessage("a standardizer needs as many means as scales, at least 1; got 2 means and 3 scales");
        assertThatIllegalArgumentException().isThrownBy(() -> Standardizer.of(new float[0], new float[0]))
                .withMessage("a standardizer needs as many means as scales, at least 1; got 0 means and 0 scales");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Standardizer.of(new float[] {0, Float.NaN}, new float[] {1, 1}))
                .withMessage("mean 1 must be finite, was NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> Standardizer.of(new float[] {0, 0}, new float[] {1, 0}))
                .withMessage("scale 1 must be positive and finite, was 0.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Standardizer.of(new float[] {0}, new float[] {Float.POSITIVE_INFINITY}))
                .withMessage("scale 0 must be positive and finite, was Infinity");
    }
}
