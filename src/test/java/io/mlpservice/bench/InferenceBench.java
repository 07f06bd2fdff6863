package io.mlpservice.bench;

import io.mlpservice.engine.Kernels;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.ParameterLayout;

/**
 * Inference on the W2 model (WORKLOADS.md section 8): the engine's
 * {@link Network#predictProbabilities(float[], int, int, float[], int)} on rows already in its own
 * format, into a buffer the caller owns. Correctness first (untimed), then batch-1 latency and
 * batch-1024 throughput, every call timed on its own; last, the time one core takes to stream a
 * buffer of the model's size from its cache, the floor under a one-row prediction (which reads
 * every weight once), to put the batch-1 latency against.
 */
final class InferenceBench {

    private static final int CHECK_ROWS = 64;
    private static final double TOLERANCE = 1e-4;

    private InferenceBench() {
    }

    static JsonLine run(Workload w, String impl) {
        SyntheticData data = SyntheticData.generate(w);
        data.check();
        float[] params = GlorotWeights.draw(w);
        GlorotWeights.check(w, params);
        Network net = MlpBench.network(w, params);
        double worst = worstDifference(net, data, params);
        boolean ok = worst <= TOLERANCE;

        int d = w.features;
        int n = w.rows;
        float[] x = data.x();
        float[] out = new float[1024 * w.classes];
        for (int k = 0; k < 1000; k++) {
            net.predictProbabilities(x, (k % n) * d, 1, out, 0);
        }
        long[] single = new long[10_000];
        for (int k = 0; k < single.length; k++) {
            int offset = (k % n) * d;
            long t0 = System.nanoTime();
            net.predictProbabilities(x, offset, 1, out, 0);
            single[k] = System.nanoTime() - t0;
        }
        int blocks = n / 1024;      // 58 blocks of 1024 rows in 60,000
        for (int r = 0; r < 20; r++) {
            net.predictProbabilities(x, 1024 * (r % blocks) * d, 1024, out, 0);
        }
        long[] batched = new long[300];
        long cpu0 = MlpBench.processCpuNanos();
        long wall0 = System.nanoTime();
        for (int r = 0; r < batched.length; r++) {
            int offset = 1024 * (r % blocks) * d;
            long t0 = System.nanoTime();
            net.predictProbabilities(x, offset, 1024, out, 0);
            batched[r] = System.nanoTime() - t0;
        }
        Double cores = MlpBench.coresUsed(cpu0, MlpBench.processCpuNanos(), (System.nanoTime() - wall0) / 1e9);
        // the streaming-read floor is read with the Vector API: a JVM without its module reports none
        Double streamNanos = Kernels.vectorApi() ? StreamRead.medianNanos(w.parameters()) : null;

        long[] sorted = single.clone();
        java.util.Arrays.sort(sorted);
        double medianNanos = MlpBench.median(single);
        double p99Nanos = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];   // the 9,900th smallest
        double batchNanos = MlpBench.median(batched);
        double samplesPerSecond = 1024 / (batchNanos / 1e9);
        return MlpBench.header(w, impl)
                .put("batch1_median_us", JsonLine.round(medianNanos / 1e3, 2))
                .put("batch1_p99_us", JsonLine.round(p99Nanos / 1e3, 2))
                .put("batch1_calls_per_s", JsonLine.round(1e9 / medianNanos, 1))
                .put("stream_read_us", streamNanos == null ? null : JsonLine.round(streamNanos / 1e3, 2))
                .put("batch1_pct_of_stream_read", streamNanos == null ? null : JsonLine.round(100 * streamNanos / medianNanos, 1))
                .put("batch1024_median_ms", JsonLine.round(batchNanos / 1e6, 3))
                .put("batch1024_samples_per_s", JsonLine.round(samplesPerSecond, 1))
                .put("batch1024_gflops", JsonLine.round(samplesPerSecond * 2 * w.parameters() / 1e9, 2))
                .put("batch1024_cores_used", cores)
                .put("params", w.parameters())
                .put("probabilities_ok", ok)
                .put("probabilities_max_error", worst)
                .put("checks", MlpBench.checks("ok", "ok", null));
    }

    /**
     * The largest of |engine − float64 reference| over the probabilities of rows 0–63 and of
     * |row sum − 1| over the engine's rows.
     */
    private static double worstDifference(Network net, SyntheticData data, float[] params) {
        Workload w = data.workload();
        int c = w.classes;
        float[] p = new float[CHECK_ROWS * c];
        net.predictProbabilities(data.x(), 0, CHECK_ROWS, p, 0);
        ParameterLayout layout = new ParameterLayout(w.spec());
        double worst = 0;
        for (int r = 0; r < CHECK_ROWS; r++) {
            double[] reference = referenceForward(layout, params, data.x(), r * w.features, w.features);
            double sum = 0;
            for (int k = 0; k < c; k++) {
                float pk = p[r * c + k];
                sum += pk;
                worst = Math.max(worst, Math.abs(pk - reference[k]));
                if (!Float.isFinite(pk)) {
                    worst = Double.POSITIVE_INFINITY;
                }
            }
            worst = Math.max(worst, Math.abs(sum - 1));
        }
        return worst;
    }

    /** A plain float64 forward pass of one row: ReLU hidden layers, softmax output. */
    private static double[] referenceForward(ParameterLayout layout, float[] params, float[] x, int offset, int d) {
        double[] a = new double[d];
        for (int f = 0; f < d; f++) {
            a[f] = x[offset + f];
        }
        for (int l = 0; l < layout.layers(); l++) {
            int in = layout.in(l);
            int out = layout.out(l);
            double[] z = new double[out];
            for (int j = 0; j < out; j++) {
                double s = params[layout.biasOffset(l) + j];
                for (int i = 0; i < in; i++) {
                    s += a[i] * params[layout.weightOffset(l) + j * in + i];
                }
                z[j] = l < layout.layers() - 1 ? Math.max(0, s) : s;
            }
            a = z;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.exp(a[k] - max);
            sum += a[k];
        }
        for (int k = 0; k < a.length; k++) {
            a[k] /= sum;
        }
        return a;
    }
}
