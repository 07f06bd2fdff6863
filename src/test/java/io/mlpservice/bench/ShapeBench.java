package io.mlpservice.bench;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.linalg.VectorMatMul;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Dataset;
import io.mlpservice.engine.train.EpochStats;
import io.mlpservice.engine.train.Trainer;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a W2 or W3 training epoch, or a batch-1024 prediction, spends its time, matrix product
 * by matrix product: the rate each product shape reaches inside the run (timed around every
 * call, both cores working), beside the rate OpenBLAS and our Vector API kernel reach on that
 * shape alone (each on both cores at once, one product per core, as in the run), and the time
 * the run spends outside the products. Prints a Markdown table; not part of compare.sh.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *        -cp target/classes:target/test-classes io.mlpservice.bench.ShapeBench W2|W3|infer
 * </pre>
 */
final class ShapeBench {

    private ShapeBench() {
    }

    /** One product shape as the engine calls it. */
    record Shape(boolean transA, boolean transB, int m, int n, int k) {
        double flops() {
            return 2.0 * m * n * k;
        }

        String describe() {
            String what = !transA && transB ? "x·Wᵀ (forward)" : transA && !transB ? "dzᵀ·x (weight gradient)"
                    : !transA ? "dz·W (input gradient)" : "Aᵀ·Bᵀ";
            return m + "×" + n + "×" + k + " " + what;
        }
    }

    /** Times every call of the kernel it wraps, per shape and per thread. */
    static final class TimingMatMul implements MatMul {
        final MatMul inner;
        final Map<Shape, long[]> byShape = new ConcurrentHashMap<>();     // {calls, nanos}
        final Map<Thread, AtomicLong> byThread = new ConcurrentHashMap<>();
        volatile boolean on;

        TimingMatMul(MatMul inner) {
            this.inner = inner;
        }

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, int lda,
                         float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc) {
            long t0 = System.nanoTime();
            inner.gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            long nanos = System.nanoTime() - t0;
            if (on) {
                long[] s = byShape.computeIfAbsent(new Shape(transA, transB, m, n, k), key -> new long[2]);
                synchronized (s) {
                    s[0]++;
                    s[1] += nanos;
                }
                byThread.computeIfAbsent(Thread.currentThread(), t -> new AtomicLong()).addAndGet(nanos);
            }
        }

        @Override
        public String name() {
            return inner.name();
        }

        void reset() {
            byShape.clear();
            byThread.clear();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String which = args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : "W2";
        TimingMatMul timing = new TimingMatMul(MatMuls.defaultKernel());
        double wallSeconds;
        double units;           // epochs or prediction calls measured
        String unit;
        if (which.equals("INFER")) {
            Workload w = Workload.W2;
            SyntheticData data = SyntheticData.generate(w);
            Network net = new Network(w.spec(), GlorotWeights.draw(w), io.mlpservice.engine.Standardizer
                    .identity(w.features), timing);
            float[] out = new float[1024 * w.classes];
            for (int r = 0; r < 40; r++) {
                net.predictProbabilities(data.x(), 1024 * (r % 58) * w.features, 1024, out, 0);
            }
            timing.on = true;
            int calls = 200;
            long t0 = System.nanoTime();
            for (int r = 0; r < calls; r++) {
                net.predictProbabilities(data.x(), 1024 * (r % 58) * w.features, 1024, out, 0);
            }
            wallSeconds = (System.nanoTime() - t0) / 1e9;
            units = calls;
            unit = "batch-1024 call";
        } else {
            Workload w = Workload.valueOf(which);
            SyntheticData data = SyntheticData.generate(w);
            int epochs = 3;
            TrainingConfig config = new TrainingConfig(epochs, w.batchSize, OptimizerSpec.adam(1e-3f), 0f, 0.0,
                    null, false, true, Workload.ORDER_SEED);
            double[] timed = new double[1];
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onEpoch(EpochStats stats) {
                    if (stats.epoch() == 1) {       // the first epoch warms up: measure the others
                        timing.reset();
                        timing.on = true;
                    } else {
                        timed[0] += stats.durationNanos() / 1e9;
                    }
                }
            };
            new Trainer(timing, MlpBench.THREADS).train(MlpBench.network(w, GlorotWeights.draw(w)),
                    new Dataset(data.x(), data.labels(), w.features), config, listener);
            wallSeconds = timed[0];
            units = epochs - 1;
            unit = "epoch";
        }
        report(which, timing, wallSeconds, units, unit);
    }

    private static void report(String which, TimingMatMul timing, double wallSeconds, double units, String unit)
            throws InterruptedException {
        MatMul blas = MatMuls.nativeKernelAlone().orElse(null);
        MatMul vector = new VectorMatMul();
        List<Map.Entry<Shape, long[]>> shapes = new ArrayList<>(timing.byShape.entrySet());
        shapes.sort(Comparator.comparingLong((Map.Entry<Shape, long[]> e) -> e.getValue()[1]).reversed());
        double gemmNanos = shapes.stream().mapToLong(e -> e.getValue()[1]).sum();
        System.out.printf(Locale.ROOT, "### %s: matrix products of one %s (kernel %s, %d threads)%n%n", which, unit,
                timing.name(), timing.byThread.size());
        System.out.println("| product (m×n×k) | calls | share of product time | in the run, GFLOP/s "
                + "| OpenBLAS alone | Vector kernel alone |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<Shape, long[]> e : shapes) {
            Shape s = e.getKey();
            long[] st = e.getValue();
            double inRun = s.flops() * st[0] / st[1];
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f%% | %.1f | %s | %.1f |%n", s.describe(), st[0] / units,
                    100 * st[1] / gemmNanos, inRun, blas == null ? "n/a" : String.format(Locale.ROOT, "%.1f",
                            alone(blas, s)), alone(vector, s));
        }
        double perThreadGemm = timing.byThread.values().stream().mapToLong(AtomicLong::get).average().orElse(0) / 1e9;
        System.out.printf(Locale.ROOT, "%nPer %s: %.2f ms wall; each of the %d threads %.2f ms in products, "
                        + "%.2f ms (%.0f%%) outside them.%n%n", unit, 1e3 * wallSeconds / units,
                timing.byThread.size(), 1e3 * perThreadGemm / units, 1e3 * (wallSeconds - perThreadGemm) / units,
                100 * (wallSeconds - perThreadGemm) / wallSeconds);
    }

    /** GFLOP/s of one product of this shape per core, with both cores running one each. */
    private static double alone(MatMul kernel, Shape s) throws InterruptedException {
        int threads = MlpBench.THREADS;
        double[] rates = new double[threads];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().start(() -> {
                rates[id] = rateOnOneThread(kernel, s, id);
                done.countDown();
            });
        }
        done.await();
        double sum = 0;
        for (double r : rates) {
            sum += r;
        }
        return sum / threads;
    }

    private static double rateOnOneThread(MatMul kernel, Shape s, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[s.m() * s.k()];
        float[] b = new float[s.k() * s.n()];
        float[] c = new float[s.m() * s.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-1, 1);
        }
        int lda = s.transA() ? s.m() : s.k();
        int ldb = s.transB() ? s.k() : s.n();
        int reps = (int) Math.max(20, Math.min(20_000, 3e9 / s.flops()));
        long[] nanos = new long[reps];
        for (int round = 0; round < 2; round++) {        // the first round warms up
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                kernel.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
                nanos[r] = System.nanoTime() - t0;
            }
        }
        return s.flops() / MlpBench.median(nanos);
    }
}
