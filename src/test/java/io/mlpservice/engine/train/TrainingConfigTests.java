package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.mlpservice.engine.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

/** Training hyperparameters and data sets are checked when they are built, with messages naming the value. */
class TrainingConfigTests {

    private static final OptimizerSpec SGD = OptimizerSpec.sgd(0.1f);

    private static TrainingConfig config(int epochs, int batchSize, float l2, double validationSplit) {
        return new TrainingConfig(epochs, batchSize, SGD, l2, validationSplit, null, false, false, 1);
    }

    @Test
    void rejectsBadHyperparametersNamingTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> config(0, 10, 0f, 0))
                .withMessage("epochs must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> config(5, -1, 0f, 0))
                .withMessage("batchSize must be positive (or 0 for the default), was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> config(5, 10, -0.01f, 0))
                .withMessage("l2 must be finite and at least 0, was -0.01");
        assertThatIllegalArgumentException().isThrownBy(() -> config(5, 10, Float.NaN, 0))
                .withMessage("l2 must be finite and at least 0, was NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> config(5, 10, Float.POSITIVE_INFINITY, 0))
                .withMessage("l2 must be finite and at least 0, was Infinity");
        assertThatIllegalArgumentException().isThrownBy(() -> config(5, 10, 0f, 1.0))
                .withMessage("validationSplit must be in [0, 1), was 1.0");
        assertThatIllegalArgumentException().isThrownBy(() -> config(5, 10, 0f, -0.1))
                .withMessage("validationSplit must be in [0, 1), was -0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> config(5, 10, 0f, Double.NaN))
                .withMessage("validationSplit must be in [0, 1), was NaN");
        assertThatNullPointerException()
                .isThrownBy(() -> new TrainingConfig(5, 10, null, 0f, 0, null, false, false, 1))
                .withMessage("optimizer");
    }

    @Test
    void theBatchSizeDefaultsToTwoHundredAndNeverExceedsTheRows() {
        assertThat(config(1, 0, 0f, 0).effectiveBatchSize(1000)).isEqualTo(200);
        assertThat(config(1, 0, 0f, 0).effectiveBatchSize(50)).isEqualTo(50);
        assertThat(config(1, 64, 0f, 0).effectiveBatchSize(1000)).isEqualTo(64);
        assertThat(config(1, 500, 0f, 0).effectiveBatchSize(100)).isEqualTo(100);
    }

    @Test
    void aDatasetRejectsMismatchedOrEmptyArraysNamingTheNumbers() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Dataset(new float[4], new int[2], 0))
                .withMessage("columns must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new Dataset(new float[0], new int[0], 3))
                .withMessage("the dataset has no rows");
        assertThatIllegalArgumentException().isThrownBy(() -> new Dataset(new float[7], new int[2], 3))
                .withMessage("features hold 7 values; 2 rows of 3 need 6");
    }

    @Test
    void aDatasetCountsItsRows() {
        assertThat(new Dataset(new float[6], new int[2], 3).rows()).isEqualTo(2);
    }
}
