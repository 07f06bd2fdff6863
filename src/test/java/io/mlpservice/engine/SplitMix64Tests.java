package io.mlpservice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator draws {@link SplittableRandom}'s sequence, and its saved state continues it exactly. */
class SplitMix64Tests {

    private static final int DRAWS = 5_000;

    @Test
    void drawsTheBenchmarkContractsCheckValues() {
        // WORKLOADS.md section 2: seed 42, first next() and first u() of a fresh stream each
        assertThat(new SplitMix64(42).nextLong()).isEqualTo(-4767286540954276203L);
        assertThat(new SplitMix64(42).nextDouble()).isEqualTo(0.7415648787718233);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 42, 44, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L})
    void drawsTheSequenceOfSplittableRandomForTheSameSeed(long seed) {
        SplitMix64 ours = new SplitMix64(seed);
        SplittableRandom jdk = new SplittableRandom(seed);

        for (int i = 0; i < DRAWS; i++) {
            // longs and doubles interleaved unevenly, so that a double that took a long's place would show
            if (i % 3 == 2) {
                assertThat(Double.doubleToRawLongBits(ours.nextDouble())).as("double draw %d of seed %d", i, seed)
                        .isEqualTo(Double.doubleToRawLongBits(jdk.nextDouble()));
            } else {
                assertThat(ours.nextLong()).as("long draw %d of seed %d", i, seed).isEqualTo(jdk.nextLong());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 44, -7})
    void aGeneratorBuiltFromASavedStateContinuesTheStream(long seed) {
        SplitMix64 original = new SplitMix64(seed);
        SplittableRandom jdk = new SplittableRandom(seed);
        for (int i = 0; i < 1_234; i++) {
            original.nextLong();
            jdk.nextLong();
        }

        long saved = original.state();
        SplitMix64 resumed = new SplitMix64(saved);

        for (int i = 0; i < DRAWS; i++) {
            long expected = jdk.nextLong();
            assertThat(original.nextLong()).as("draw %d after the save, original", i).isEqualTo(expected);
            assertThat(resumed.nextLong()).as("draw %d after the save, resumed", i).isEqualTo(expected);
        }
        assertThat(resumed.state()).isEqualTo(original.state()).isNotEqualTo(saved);
    }

    @Test
    void readingTheStateDrawsNothing() {
        SplitMix64 random = new SplitMix64(9);
        random.nextLong();
        long state = random.state();

        assertThat(random.state()).isEqualTo(state);
        assertThat(random.nextLong()).isEqualTo(new SplitMix64(state).nextLong());
    }
}
