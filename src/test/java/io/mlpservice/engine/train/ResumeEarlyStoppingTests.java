package io.mlpservice.engine.train;

import static io.mlpservice.engine.train.Checkpoints.bits;
import static io.mlpservice.engine.train.Checkpoints.storedAndReadBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Checkpoints.StatsBits;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Early stopping across a checkpoint: the best epoch lies before it and patience runs out after
 * it, so the continued run must carry the best loss, epoch and weights over to stop where the
 * uninterrupted run stopped and hand back the same best weights.
 */
class ResumeEarlyStoppingTests {

    /** Few rows in many dimensions for a wide network: the validation loss falls for a few epochs, then rises. */
    private static final Dataset DATA = TestData.blobs(260, 20, 3, 0.6, 4);
    private static final NetworkSpec SPEC = new NetworkSpec(20, List.of(64), Activation.TANH, 3);
    private static final int PATIENCE = 4;

    private static Trainer.Prepared prepare(int threads) {
        TrainingConfig config = new TrainingConfig(300, 64, OptimizerSpec.adam(0.01f), 0f, 0.3,
                new EarlyStopping(PATIENCE, 0), true, true, 4);
        return new Trainer(MatMuls.defaultKernel(), threads).prepare(Network.initialize(SPEC, 4), DATA, config);
    }

    @ParameterizedTest(name = "{0} threads, between mini-batches {1}")
    @CsvSource({"1, false", "1, true", "2, false", "2, true"})
    void aContinuedRunStopsAtTheSameEpochWithTheSameBestWeights(int threads, boolean midEpoch) {
        ServiceLike uninterrupted = ServiceLike.recording();
        TrainingResult expected = prepare(threads).run(uninterrupted);
        int best = expected.bestEpoch();
        assertThat(expected.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(best).as("the best epoch leaves room for a checkpoint before it").isGreaterThan(1);
        int at = best + 2;      // after the best epoch, before patience runs out
        Trainer.Prepared interrupted = prepare(threads);
        TrainingCheckpoint checkpoint;
        if (midEpoch) {
            int perEpoch = (interrupted.trainingRows() + interrupted.batchSize() - 1) / interrupted.batchSize();
            ServiceLike suspending = ServiceLike.suspendingAt(at * perEpoch + 2);
            checkpoint = catchThrowableOfType(TrainingSuspendedException.class, () -> interrupted.run(suspending))
                    .checkpoint();
            assertThat(checkpoint.batchesDone()).isEqualTo(1);
        } else {
            ServiceLike crashing = ServiceLike.crashingAfterCheckpoint(at);
            assertThat(catchThrowableOfType(CancellationException.class, () -> interrupted.run(crashing))).isNotNull();
            checkpoint = crashing.taken;
        }
        ServiceLike continued = ServiceLike.recording();

        TrainingResult actual = prepare(threads).run(continued, storedAndReadBack(checkpoint));

        assertThat(checkpoint.epochsCompleted()).isEqualTo(at);
        assertThat(checkpoint.best().epoch()).isEqualTo(best);
        assertThat(actual.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(actual.bestEpoch()).isEqualTo(best);
        assertThat(actual.epochs()).isEqualTo(expected.epochs()).isEqualTo(best + PATIENCE);
        assertThat(StatsBits.of(continued.epochs))
                .isEqualTo(StatsBits.of(uninterrupted.epochs.subList(at, uninterrupted.epochs.size())));
        assertThat(StatsBits.of(actual.best())).isEqualTo(StatsBits.of(expected.best()));
        assertThat(bits(actual.network().parameters())).as("the best epoch's weights")
                .containsExactly(bits(expected.network().parameters()));
        ResumeTests.assertSameState(actual.checkpoint(), expected.checkpoint());
        assertThat(bits(actual.checkpoint().bestParameters())).containsExactly(bits(expected.network().parameters()));
    }
}
