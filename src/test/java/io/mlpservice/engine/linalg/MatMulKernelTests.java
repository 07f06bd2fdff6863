package io.mlpservice.engine.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fast kernel against a float64 reference, on shapes chosen to hit every edge: 1x1, sizes
 * that are not multiples of any vector or tile (7x13, 129x257), k of 0, long and short k, all four
 * transpose combinations, offsets, row strides wider than the rows, and each kind of beta.
 * <p>
 * Tolerance: a float32 sum of k products, accumulated in another order (or with fused
 * multiply-adds), differs from the exact sum by at most about k·2^-24·Σ|a·b|; we allow
 * 4·k·2^-24·Σ|a·b| per element, plus a few ulps of |beta·c|, which catches any wrong index or
 * missed term (each is of the order of a whole product) with room to spare.
 */
class MatMulKernelTests {

    static List<MatMul> kernels() {
        List<MatMul> kernels = new ArrayList<>(List.of(new BlockedMatMul()));
        if (Kernels.vectorApi()) {     // a JVM without the module cannot load the Vector API kernel
            kernels.add(new VectorMatMul());
        }
        MatMuls.nativeKernel().ifPresent(kernel -> {
            kernels.add(kernel);
            kernels.add(((OpenBlasMatMul) kernel).everythingNative());
        });
        return kernels;
    }

    static Stream<Arguments> cases() {
        int[][] shapes = {
            {1, 1, 1}, {7, 13, 5}, {13, 7, 1}, {7, 13, 0}, {129, 257, 65}, {129, 257, 300},
            {4, 64, 20}, {64, 20, 500}, {5000, 4, 64}, {1, 256, 784}, {3, 10, 128}, {64, 17, 33},
            {130, 70, 600}, {2, 1030, 9},
        };
        List<Arguments> cases = new ArrayList<>();
        for (MatMul kernel : kernels()) {
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    cases.add(Arguments.of(kernel, s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} transA={4} transB={5}")
    @MethodSource("cases")
    void matchesTheFloat64ReferenceWithOffsetsStridesAndEveryBeta(MatMul kernel, int m, int n, int k,
                                                                   boolean transA, boolean transB) {
        SplittableRandom random = new SplittableRandom(31L * m + 17L * n + k + (transA ? 1 : 0) + (transB ? 2 : 0));
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + 3;
        int ldb = bCols + 5;
        int ldc = n + 2;
        int aOffset = 7;
        int bOffset = 11;
        int cOffset = 5;
        float[] a = randoms(random, aOffset + aRows * lda);
        float[] b = randoms(random, bOffset + bRows * ldb);
        for (float beta : new float[] {0f, 1f, 0.5f}) {
            float[] c = randoms(random, cOffset + m * ldc + 3);
            if (beta == 0f) {
                Arrays.fill(c, Float.NaN);           // beta 0 must ignore whatever C held
            }
            float[] before = c.clone();
            kernel.gemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0;
                    double magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double x = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                        double y = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                        exact += x * y;
                        magnitude += Math.abs(x * y);
                    }
                    double old = before[cOffset + i * ldc + j];
                    if (beta != 0f) {
                        exact += beta * old;
                        magnitude += Math.abs(beta * old);
                    }
                    double tolerance = 4 * (k + 2) * 0x1p-24 * magnitude + 1e-30;
                    float got = c[cOffset + i * ldc + j];
                    if (!(Math.abs(got - exact) <= tolerance) && wrong.size() < 5) {
                        wrong.add("C[" + i + "][" + j + "] = " + got + ", expected " + exact + " ± " + tolerance);
                    }
                }
            }
            assertThat(wrong).as("%s with beta %s", kernel.name(), beta).isEmpty();
            // Nothing outside C's rows and columns is touched: offsets and strides are respected.
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOffset;
                boolean inside = rel >= 0 && rel < m * ldc && rel % ldc < n;
                if (!inside && Float.floatToRawIntBits(c[idx]) != Float.floatToRawIntBits(before[idx])) {
                    wrong.add("C[" + idx + "] outside the matrix changed");
                }
            }
            assertThat(wrong).as("%s with beta %s", kernel.name(), beta).isEmpty();
        }
    }

    private static float[] randoms(SplittableRandom random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
