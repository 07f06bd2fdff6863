package io.mlpservice.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Running input statistics against a two-pass reference, from one thread and from many at once. */
class InputStatisticsTests {

    private static final int WIDTH = 3;

    /** Rows around large means with small spreads: where sums of squares lose their digits. */
    private static float[] rows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[count * WIDTH];
        for (int r = 0; r < count; r++) {
            x[r * WIDTH] = (float) (1000 + random.nextGaussian());
            x[r * WIDTH + 1] = (float) (-3 + 0.5 * random.nextGaussian());
            x[r * WIDTH + 2] = (float) random.nextDouble(0, 10);
        }
        return x;
    }

    private static double[] reference(float[] x, int rows, boolean variance) {
        double[] mean = new double[WIDTH];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < WIDTH; j++) {
                mean[j] += x[r * WIDTH + j];
            }
        }
        for (int j = 0; j < WIDTH; j++) {
            mean[j] /= rows;
        }
        if (!variance) {
            return mean;
        }
        double[] v = new double[WIDTH];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < WIDTH; j++) {
                double d = x[r * WIDTH + j] - mean[j];
                v[j] += d * d;
            }
        }
        for (int j = 0; j < WIDTH; j++) {
            v[j] /= rows;
        }
        return v;
    }

    @Test
    void meanAndPopulationVarianceMatchATwoPassComputation() {
        float[] x = rows(1000, 1);
        InputStatistics statistics = new InputStatistics(1, WIDTH);
        statistics.add(x, 600, WIDTH);
        float[] rest = new float[400 * WIDTH];
        System.arraycopy(x, 600 * WIDTH, rest, 0, rest.length);
        statistics.add(rest, 400, WIDTH);
        InputStatistics.Snapshot snapshot = statistics.snapshot();
        assertThat(snapshot.rows()).isEqualTo(1000);
        double[] mean = reference(x, 1000, false);
        double[] variance = reference(x, 1000, true);
        for (int j = 0; j < WIDTH; j++) {
            assertThat(snapshot.means()[j]).as("mean %d", j).isCloseTo(mean[j], within(1e-9 * Math.abs(mean[j]) + 1e-12));
            assertThat(snapshot.variances()[j]).as("variance %d", j).isCloseTo(variance[j], within(1e-9 * variance[j]));
        }
    }

    @Test
    void requestsOfOneRowAndOfManyMixAsOneStream() {
        float[] x = rows(1000, 2);
        InputStatistics statistics = new InputStatistics(1, WIDTH);
        int[] sizes = {1, 64, 2, 3, InputStatistics.BLOCK_ROWS, 1, 7, 100};
        int at = 0;
        for (int i = 0; at < 1000; i++) {
            int n = Math.min(sizes[i % sizes.length], 1000 - at);
            float[] request = new float[n * WIDTH];
            System.arraycopy(x, at * WIDTH, request, 0, request.length);
            statistics.add(request, n, WIDTH);
            at += n;
        }
        InputStatistics.Snapshot snapshot = statistics.snapshot();
        assertThat(snapshot.rows()).isEqualTo(1000);
        double[] mean = reference(x, 1000, false);
        double[] variance = reference(x, 1000, true);
        for (int j = 0; j < WIDTH; j++) {
            assertThat(snapshot.means()[j]).isCloseTo(mean[j], within(1e-9 * Math.abs(mean[j]) + 1e-12));
            assertThat(snapshot.variances()[j]).isCloseTo(variance[j], within(1e-9 * variance[j]));
        }
    }

    @Test
    void concurrentCallersLoseNoRow() throws Exception {
        int threads = 8;
        int requests = 200;
        int rowsPerRequest = 5;
        InputStatistics statistics = new InputStatistics(1, WIDTH);
        List<float[]> batches = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            batches.add(rows(requests * rowsPerRequest, 100 + t));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (float[] batch : batches) {
                done.add(pool.submit(() -> {
                    start.await();
                    float[] request = new float[rowsPerRequest * WIDTH];
                    for (int q = 0; q < requests; q++) {
                        System.arraycopy(batch, q * request.length, request, 0, request.length);
                        statistics.add(request, rowsPerRequest, WIDTH);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        int total = threads * requests * rowsPerRequest;
        float[] all = new float[total * WIDTH];
        for (int t = 0; t < threads; t++) {
            System.arraycopy(batches.get(t), 0, all, t * batches.get(t).length, batches.get(t).length);
        }
        InputStatistics.Snapshot snapshot = statistics.snapshot();
        assertThat(snapshot.rows()).isEqualTo(total);
        double[] mean = reference(all, total, false);
        double[] variance = reference(all, total, true);
        for (int j = 0; j < WIDTH; j++) {
            assertThat(snapshot.means()[j]).isCloseTo(mean[j], within(1e-9 * Math.abs(mean[j]) + 1e-12));
            assertThat(snapshot.variances()[j]).isCloseTo(variance[j], within(1e-9 * variance[j]));
        }
    }

    @Test
    void emptyStatisticsHaveNoRows() {
        assertThat(new InputStatistics(1, WIDTH).snapshot().rows()).isZero();
    }

    @Test
    void theWarmUpSumsItsOwnRowsOneAtATimeAndInBlocks() {
        InputStatistics.Snapshot made = InputStatistics.warmUp();

        assertThat(made.rows()).isEqualTo(100_000);
        assertThat(made.means()).hasSize(64);
        for (int j = 0; j < 64; j++) {
            assertThat(made.means()[j]).isCloseTo(j % 7 + 0.5, within(1e-9));
            assertThat(made.variances()[j]).isCloseTo(0.25, within(1e-9));
        }
    }

    @Test
    void stripesAreAPowerOfTwoAtLeastTwiceTheCores() {
        assertThat(InputStatistics.stripes(1)).isEqualTo(2);
        assertThat(InputStatistics.stripes(2)).isEqualTo(4);
        assertThat(InputStatistics.stripes(3)).isEqualTo(8);
        assertThat(InputStatistics.stripes(8)).isEqualTo(16);
    }
}
