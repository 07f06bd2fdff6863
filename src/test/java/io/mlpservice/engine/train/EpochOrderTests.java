package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The epoch order is the benchmark contract's (WORKLOADS.md section 6), so that runs compare across implementations. */
class EpochOrderTests {

    @Test
    void matchesTheBenchmarkContractForSixtyThousandRows() {
        EpochOrder order = new EpochOrder(60_000, new SplittableRandom(44));

        assertThat(Arrays.copyOf(order.next(), 5)).as("epoch 1").containsExactly(32694, 12237, 1483, 35764, 34704);
        assertThat(Arrays.copyOf(order.next(), 5)).as("epoch 2").containsExactly(40117, 29936, 8173, 8961, 8642);
    }

    @Test
    void matchesTheBenchmarkContractForTwentyThousandRows() {
        EpochOrder order = new EpochOrder(20_000, new SplittableRandom(44));

        assertThat(Arrays.copyOf(order.next(), 5)).as("epoch 1").containsExactly(12237, 1483, 1481, 17973, 704);
        assertThat(Arrays.copyOf(order.next(), 5)).as("epoch 2").containsExactly(12694, 15764, 14704, 15750, 6787);
    }

    @Test
    void visitsRowsByAscendingKeyThenIndexInEveryEpoch() {
        int rows = 5_000;
        long seed = 7;
        EpochOrder order = new EpochOrder(rows, new SplittableRandom(seed));
        SplittableRandom keys = new SplittableRandom(seed);   // the same stream, drawn by hand
        for (int epoch = 1; epoch <= 3; epoch++) {
            long[] key = new long[rows];
            for (int i = 0; i < rows; i++) {
                key[i] = keys.nextLong() >>> 11;
            }
            int[] expected = IntStream.range(0, rows).boxed()
                    .sorted(Comparator.<Integer>comparingLong(i -> key[i]).thenComparingInt(i -> i))
                    .mapToInt(Integer::intValue).toArray();

            assertThat(order.next()).as("epoch %d, seed %d", epoch, seed).containsExactly(expected);
        }
    }

    @Test
    void isAPermutationAndDiffersFromEpochToEpoch() {
        EpochOrder order = new EpochOrder(1_000, new SplittableRandom(3));

        int[] first = order.next().clone();
        int[] second = order.next().clone();

        assertThat(first).containsExactlyInAnyOrder(IntStream.range(0, 1_000).toArray());
        assertThat(second).containsExactlyInAnyOrder(IntStream.range(0, 1_000).toArray());
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void handlesOneRowAndNoRows() {
        assertThat(new EpochOrder(1, new SplittableRandom(1)).next()).containsExactly(0);
        assertThat(new EpochOrder(0, new SplittableRandom(1)).next()).isEmpty();
    }
}
