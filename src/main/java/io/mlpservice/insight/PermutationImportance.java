package io.mlpservice.insight;

import io.mlpservice.engine.SplitMix64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Permutation feature importance (Breiman 2001; scikit-learn's {@code permutation_importance}):
 * the model's score on the rows as they are, then, for each feature in turn and {@code repeats}
 * times, on the rows with that one column shuffled; a feature's importance is how much worse the
 * score gets, as the mean over the repeats and its population deviation. The shuffles are
 * Fisher-Yates over one {@link SplitMix64} stream drawn feature by feature, repeat by repeat, so
 * the same seed gives the same answer.
 */
final class PermutationImportance {

    /** One feature's figures. */
    record FeatureImportance(String feature, int index, double meanDecrease, double std) {
    }

    /** The baseline score and every feature, most important first (ties in column order). */
    record Result(double baseline, List<FeatureImportance> features) {
    }

    private PermutationImportance() {
    }

    static Result run(ModelScoring scoring, Examples examples, Metric metric, int repeats, long seed) {
        int rows = examples.rows();
        int width = examples.width();
        float[] original = examples.x();
        double baseline = scoring.score(metric, examples, original);
        float[] shuffled = original.clone();
        int[] order = new int[rows];
        SplitMix64 random = new SplitMix64(seed);
        List<FeatureImportance> features = new ArrayList<>(width);
        double[] decreases = new double[repeats];
        for (int j = 0; j < width; j++) {
            for (int k = 0; k < repeats; k++) {
                permutation(order, random);
                for (int r = 0; r < rows; r++) {
                    shuffled[r * width + j] = original[order[r] * width + j];
                }
                decreases[k] = metric.decrease(baseline, scoring.score(metric, examples, shuffled));
            }
            for (int r = 0; r < rows; r++) {
                shuffled[r * width + j] = original[r * width + j];
            }
            double mean = 0;
            for (double d : decreases) {
                mean += d;
            }
            mean /= repeats;
            double variance = 0;
            for (double d : decreases) {
                variance += (d - mean) * (d - mean);
            }
            features.add(new FeatureImportance(examples.featureNames().get(j), j, mean,
                    Math.sqrt(variance / repeats)));
        }
        features.sort(Comparator.comparingDouble(FeatureImportance::meanDecrease).reversed()
                .thenComparingInt(FeatureImportance::index));
        return new Result(baseline, features);
    }

    /** A uniform random order of 0..n-1 into {@code order}: Fisher-Yates, from the top down. */
    static void permutation(int[] order, SplitMix64 random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            // a double in [0, 1) times i + 1: the bias is below 2^-53 · n, far below what matters here
            int swap = (int) (random.nextDouble() * (i + 1));
            int t = order[i];
            order[i] = order[swap];
            order[swap] = t;
        }
    }
}
