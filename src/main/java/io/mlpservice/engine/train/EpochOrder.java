package io.mlpservice.engine.train;

import io.mlpservice.engine.SplitMix64;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Seeded random orders of the rows, by random keys: each row draws {@code nextLong() >>> 11} (a
 * uniform 53-bit key) and the rows are visited by ascending key, ties by row index. A stable
 * radix sort makes that O(n) with no allocation after construction.
 * <p>
 * A training run draws from a {@link SplitMix64}, whose state it saves in a checkpoint so that a
 * resumed run draws the same orders; the validation split and the benchmark's check draw from a
 * {@link SplittableRandom}, the same sequence for the same seed.
 */
final class EpochOrder {

    private static final int KEY_BITS = 53;
    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    /** The next 64-bit draw of the stream. */
    private final LongSupplier random;
    private final long[] keys;
    private final long[] keyScratch;
    private final int[] order;
    private final int[] orderScratch;
    private final int[] counts = new int[BUCKETS];

    EpochOrder(int rows, SplittableRandom random) {
        this(rows, (LongSupplier) random::nextLong);
    }

    EpochOrder(int rows, SplitMix64 random) {
        this(rows, (LongSupplier) random::nextLong);
    }

    private EpochOrder(int rows, LongSupplier random) {
        this.random = random;
        this.keys = new long[rows];
        this.keyScratch = new long[rows];
        this.order = new int[rows];
        this.orderScratch = new int[rows];
    }

    /** The next permutation of {@code 0 .. rows-1}; the array is reused by the following call. */
    int[] next() {
        int n = order.length;
        for (int i = 0; i < n; i++) {
            keys[i] = random.getAsLong() >>> 11;
            order[i] = i;
        }
        long[] srcKeys = keys;
        long[] dstKeys = keyScratch;
        int[] src = order;
        int[] dst = orderScratch;
        for (int shift = 0; shift < KEY_BITS; shift += DIGIT_BITS) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) (srcKeys[i] >>> shift) & (BUCKETS - 1)]++;
            }
            int start = 0;
            for (int d = 0; d < BUCKETS; d++) {
                int c = counts[d];
                counts[d] = start;
                start += c;
            }
            for (int i = 0; i < n; i++) {
                int slot = counts[(int) (srcKeys[i] >>> shift) & (BUCKETS - 1)]++;
                dstKeys[slot] = srcKeys[i];
                dst[slot] = src[i];
            }
            long[] tk = srcKeys;
            srcKeys = dstKeys;
            dstKeys = tk;
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != order) {      // an odd number of passes leaves the result in the scratch array
            System.arraycopy(src, 0, order, 0, n);
        }
        return order;
    }
}
