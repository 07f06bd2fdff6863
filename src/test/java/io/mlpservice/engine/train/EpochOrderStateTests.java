package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.SplitMix64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Orders drawn from a {@link SplitMix64} are the benchmark contract's, and a saved state draws them again. */
class EpochOrderStateTests {

    @Test
    void drawsTheOrdersOfTheSplittableRandomStreamWithTheSameSeed() {
        EpochOrder ours = new EpochOrder(3_000, new SplitMix64(44));
        EpochOrder contract = new EpochOrder(3_000, new SplittableRandom(44));

        for (int epoch = 1; epoch <= 4; epoch++) {
            assertThat(ours.next()).as("epoch %d", epoch).containsExactly(contract.next());
        }
    }

    @Test
    void theStateBeforeAnEpochsDrawRedrawsThatEpochsOrderAndTheFollowingOnes() {
        SplitMix64 random = new SplitMix64(5);
        EpochOrder order = new EpochOrder(1_000, random);
        order.next();
        long beforeEpoch2 = random.state();
        int[] epoch2 = order.next().clone();
        int[] epoch3 = order.next().clone();

        EpochOrder resumed = new EpochOrder(1_000, new SplitMix64(beforeEpoch2));

        assertThat(resumed.next()).containsExactly(epoch2);
        assertThat(resumed.next()).containsExactly(epoch3);
    }
}
