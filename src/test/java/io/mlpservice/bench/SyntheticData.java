package io.mlpservice.bench;

import java.util.SplittableRandom;

/**
 * The data set of WORKLOADS.md section 3, drawn from SplitMix64 stream D ({@code
 * java.util.SplittableRandom} is SplitMix64: {@code nextDouble()} is the spec's {@code u()}).
 * Labels come from a random teacher network {@code argmax(max(0, X·A)·B)} computed in float64 with
 * naive loops in ascending index order, the order in which WORKLOADS.md's counts were checked.
 *
 * @param x      (rows, features) row-major float32, as the engine takes it
 * @param labels class of each row
 */
record SyntheticData(Workload workload, float[] x, int[] labels) {

    static SyntheticData generate(Workload w) {
        int n = w.rows;
        int d = w.features;
        int h = Workload.TEACHER_HIDDEN;
        int c = w.classes;
        SplittableRandom random = new SplittableRandom(Workload.DATA_SEED);
        // A (d, h) and B (h, c), row-major, drawn in that order.
        double[] a = new double[d * h];
        double scaleA = Math.sqrt(d);
        for (int i = 0; i < a.length; i++) {
            a[i] = (2 * random.nextDouble() - 1) / scaleA;
        }
        double[] b = new double[h * c];
        double scaleB = Math.sqrt(h);
        for (int i = 0; i < b.length; i++) {
            b[i] = (2 * random.nextDouble() - 1) / scaleB;
        }
        for (int k = 0; k < c; k++) {          // centre each column, summing j = 0 .. h-1 in order
            double s = 0;
            for (int j = 0; j < h; j++) {
                s += b[j * c + k];
            }
            for (int j = 0; j < h; j++) {
                b[j * c + k] -= s / h;
            }
        }
        float[] x = new float[Math.multiplyExact(n, d)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return new SyntheticData(w, x, teacherLabels(x, n, d, a, h, b, c));
    }

    private static int[] teacherLabels(float[] x, int n, int d, double[] a, int h, double[] b, int c) {
        int[] labels = new int[n];
        double[] hidden = new double[h];
        double[] logits = new double[c];
        for (int r = 0; r < n; r++) {
            java.util.Arrays.fill(hidden, 0);
            int row = r * d;
            // hidden[j] = Σ_f x[r][f] · A[f][j], f ascending for every j
            for (int f = 0; f < d; f++) {
                double xf = x[row + f];
                int arow = f * h;
                for (int j = 0; j < h; j++) {
                    hidden[j] += xf * a[arow + j];
                }
            }
            java.util.Arrays.fill(logits, 0);
            for (int j = 0; j < h; j++) {
                double hj = Math.max(0, hidden[j]);
                for (int k = 0; k < c; k++) {
                    logits[k] += hj * b[j * c + k];
                }
            }
            int best = 0;
            for (int k = 1; k < c; k++) {
                if (logits[k] > logits[best]) {
                    best = k;
                }
            }
            labels[r] = best;
        }
        return labels;
    }

    int rows() {
        return labels.length;
    }

    /** @throws CheckFailure unless X and the labels match every data check of WORKLOADS.md */
    void check() {
        Workload w = workload;
        CheckFailure.Collector checks = new CheckFailure.Collector(w + " data");
        checks.floatExact("X[0][0]", x[0], w.x00);
        checks.floatExact("X[0][1]", x[1], w.x01);
        checks.floatExact("X[n-1][d-1]", x[x.length - 1], w.xLast);
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        // WORKLOADS.md prints 10 significant digits; any summation order lands well inside 1e-6.
        checks.close("sum of X", sum, w.xSum, 1e-6);
        int[] counts = new int[w.classes];
        for (int label : labels) {
            counts[label]++;
        }
        checks.equal("label counts", counts, w.labelCounts);
        checks.equal("labels of rows 0-9", java.util.Arrays.copyOf(labels, 10), w.firstLabels);
        checks.throwIfAny();
    }
}
