package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.Standardizer;
import org.junit.jupiter.api.Test;

/**
 * The drift rule: a feature drifted once the version has seen {@code minRows} rows and its mean
 * moved more than {@code maxShift} training deviations, or its deviation grew or shrank by more
 * than {@code maxStdRatio}.
 */
class DriftRuleTests {

    private static final DriftProperties RULE = new DriftProperties(100, 0.5, 2);
    /** Training means 10 and 0, deviations 2 and 1. */
    private static final Standardizer TRAINING = Standardizer.of(new float[] {10, 0}, new float[] {0.5f, 1});

    private static InputStatistics.Snapshot recent(long rows, double mean0, double std0, double mean1, double std1) {
        return new InputStatistics.Snapshot(rows, new double[] {mean0, mean1}, new double[] {std0 * std0, std1 * std1});
    }

    @Test
    void reportsTheShiftInTrainingDeviations() {
        DriftResponse report = DriftService.compare(3, TRAINING, recent(100, 11.5, 2, 0.2, 1), RULE);
        assertThat(report.version()).isEqualTo(3);
        assertThat(report.rows()).isEqualTo(100);
        DriftResponse.FeatureDrift first = report.features().get(0);
        assertThat(first.feature()).isEqualTo("x0");
        assertThat(first.trainingMean()).isEqualTo(10.0);
        assertThat(first.trainingStd()).isEqualTo(2.0);
        assertThat(first.recentMean()).isEqualTo(11.5);
        assertThat(first.recentStd()).isEqualTo(2.0);
        assertThat(first.shift()).isCloseTo(0.75, within(1e-12));
        assertThat(first.drifted()).isTrue();
        assertThat(report.features().get(1).shift()).isCloseTo(0.2, within(1e-12));
        assertThat(report.features().get(1).drifted()).isFalse();
        assertThat(report.drifted()).isTrue();
    }

    @Test
    void aShiftAtTheThresholdIsNotDriftAndJustBeyondIs() {
        assertThat(DriftService.compare(1, TRAINING, recent(100, 11, 2, -0.5, 1), RULE).drifted()).isFalse();
        assertThat(DriftService.compare(1, TRAINING, recent(100, 11, 2, -0.5001, 1), RULE).features().get(1).drifted())
                .isTrue();
    }

    @Test
    void fewerRowsThanMinRowsAreNeverDrift() {
        DriftResponse report = DriftService.compare(1, TRAINING, recent(99, 30, 2, 5, 1), RULE);
        assertThat(report.features().get(0).shift()).isCloseTo(10, within(1e-12));
        assertThat(report.drifted()).isFalse();
    }

    @Test
    void aDeviationGrownOrShrunkBeyondTheRatioIsDrift() {
        assertThat(DriftService.compare(1, TRAINING, recent(500, 10, 4.01, 0, 1), RULE).features().get(0).drifted())
                .isTrue();
        assertThat(DriftService.compare(1, TRAINING, recent(500, 10, 4, 0, 0.49), RULE).features().get(1).drifted())
                .isTrue();
        assertThat(DriftService.compare(1, TRAINING, recent(500, 10, 4, 0, 0.5), RULE).drifted()).isFalse();
    }

    @Test
    void beforeAnyRowTheRecentFiguresAreAbsent() {
        DriftResponse report = DriftService.compare(1, TRAINING, null, RULE);
        assertThat(report.rows()).isZero();
        assertThat(report.features().get(0).recentMean()).isNull();
        assertThat(report.features().get(0).shift()).isNull();
        assertThat(report.features().get(0).trainingMean()).isEqualTo(10.0);
        assertThat(report.drifted()).isFalse();
    }

    @Test
    void aVersionTrainedWithoutStandardisationHasNoTrainingFigures() {
        DriftResponse report = DriftService.compare(1, Standardizer.identity(2), recent(500, 30, 2, 5, 1), RULE);
        assertThat(report.features().get(0).trainingMean()).isNull();
        assertThat(report.features().get(0).shift()).isNull();
        assertThat(report.features().get(0).recentMean()).isEqualTo(30.0);
        assertThat(report.drifted()).isFalse();
    }
}
