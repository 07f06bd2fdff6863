package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mini-batches split by rows among threads: the sum of the slices' gradients is the batch's
 * gradient, so two threads train the same network as one, up to float rounding, and a given
 * thread count always gives the same bits.
 */
class ParallelTrainingTests {

    private static final NetworkSpec SPEC = new NetworkSpec(6, List.of(24, 12), Activation.TANH, 4);

    private static RecordedRun train(int threads, int batchSize) {
        Dataset data = TestData.blobs(1000, 6, 4, 2.0, 11);
        TrainingConfig config = new TrainingConfig(5, batchSize, OptimizerSpec.sgd(0.05f), 0.001f, 0.2,
                null, true, true, 3);
        return RecordedRun.train(new Trainer(MatMuls.defaultKernel(), threads), Network.initialize(SPEC, 5), data,
                config);
    }

    @Test
    void twoThreadsFollowTheSameTrajectoryAsOne() {
        RecordedRun one = train(1, 128);
        RecordedRun two = train(2, 128);
        for (int e = 0; e < one.epochs().size(); e++) {
            // Only the order of the float sums differs: the losses agree to ~1e-6 relative per
            // step, and five epochs keep that far below this bound. (Plain SGD, not Adam, whose
            // normalised steps would hide a wrongly scaled gradient.)
            assertThat(two.epochs().get(e).trainingLoss())
                    .isCloseTo(one.epochs().get(e).trainingLoss(), within(1e-4));
            assertThat(two.epochs().get(e).validationLoss())
                    .isCloseTo(one.epochs().get(e).validationLoss(), within(1e-4));
        }
        float[] a = one.network().parameters();
        float[] b = two.network().parameters();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).as("parameter %d", i).isCloseTo(a[i], within(1e-3f));
        }
    }

    @Test
    void aGivenThreadCountGivesTheSameBitsEveryTime() {
        RecordedRun first = train(2, 128);
        RecordedRun second = train(2, 128);
        assertThat(Arrays.equals(first.network().parameters(), second.network().parameters())).isTrue();
        assertThat(second.epochs()).extracting(EpochStats::trainingLoss)
                .isEqualTo(first.epochs().stream().map(EpochStats::trainingLoss).toList());
    }

    @Test
    void batchesTooSmallToShareStayOnOneThreadAndMatchIt() {
        // 40 rows a batch is under two slices of MIN_ROWS_PER_WORKER: both runs use one thread.
        assertThat(Arrays.equals(train(1, 40).network().parameters(), train(2, 40).network().parameters())).isTrue();
    }
}
