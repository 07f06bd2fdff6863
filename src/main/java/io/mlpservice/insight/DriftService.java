package io.mlpservice.insight;

import io.mlpservice.engine.Standardizer;
import io.mlpservice.model.ModelWeights;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Compares the inputs a model version has been asked to predict ({@link DriftMonitor}) with the
 * training data's standardisation that the version keeps, feature by feature.
 */
@Service
class DriftService {

    private final ModelWeights weights;
    private final DriftMonitor monitor;
    private final DriftProperties rule;

    DriftService(ModelWeights weights, DriftMonitor monitor, DriftProperties rule) {
        this.weights = weights;
        this.monitor = monitor;
        this.rule = rule;
    }

    /** The drift of the serving version, or of the one named. */
    DriftResponse report(String modelId, Integer version) {
        ModelWeights.Resolved resolved = weights.resolve(modelId, version);
        int number = resolved.version().version();
        InputStatistics.Snapshot recent = monitor.snapshot(modelId, number).orElse(null);
        return compare(number, resolved.network().standardizer(), recent, rule);
    }

    /**
     * The report for one version.
     *
     * @param training the version's standardisation; the identity when it was trained without one
     * @param recent   its inputs so far, or null before the first
     */
    static DriftResponse compare(int version, Standardizer training, InputStatistics.Snapshot recent,
                                 DriftProperties rule) {
        boolean known = !training.isIdentity();
        float[] means = training.means();
        float[] deviations = training.deviations();
        long rows = recent == null ? 0 : recent.rows();
        boolean enough = rows >= rule.minRows();
        List<DriftResponse.FeatureDrift> features = new ArrayList<>(means.length);
        boolean any = false;
        for (int j = 0; j < means.length; j++) {
            Double trainingMean = known ? shortest(means[j]) : null;
            Double trainingStd = known ? shortest(deviations[j]) : null;
            Double recentMean = rows > 0 ? finite(recent.means()[j]) : null;
            Double recentStd = rows > 0 ? finite(Math.sqrt(recent.variances()[j])) : null;
            Double shift = known && recentMean != null ? finite((recentMean - trainingMean) / trainingStd) : null;
            boolean drifted = enough && known && recentStd != null && shift != null
                    && (Math.abs(shift) > rule.maxShift() || recentStd > trainingStd * rule.maxStdRatio()
                        || recentStd < trainingStd / rule.maxStdRatio());
            any |= drifted;
            features.add(new DriftResponse.FeatureDrift("x" + j, j, trainingMean, trainingStd, recentMean, recentStd,
                    shift, drifted));
        }
        return new DriftResponse(version, rows, any,
                new DriftResponse.Rule(rule.minRows(), rule.maxShift(), rule.maxStdRatio()), features);
    }

    /** The float as its shortest decimal (5.8433332, not 5.843333148956299). */
    private static double shortest(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    /** Inputs near the float32 limits can overflow a square; such a figure is left out, never sent as NaN. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
