package io.mlpservice.engine.train;

import static io.mlpservice.engine.train.Checkpoints.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.Checkpoints.StatsBits;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the listener is asked for checkpoints, what they and a suspension hold, and a finished run continued. */
class CheckpointTests {

    private static final NetworkSpec SPEC = new NetworkSpec(4, List.of(10), Activation.RELU, 3);
    private static final Dataset DATA = TestData.blobs(200, 4, 3, 1.2, 9);

    private static TrainingConfig config(int epochs, EarlyStopping stopping) {
        return new TrainingConfig(epochs, 50, OptimizerSpec.adam(0.01f), 0f, 0.2, stopping, true, true, 9);
    }

    private static Trainer.Prepared prepare(int epochs, EarlyStopping stopping) {
        return new Trainer(MatMuls.defaultKernel(), 1)
                .prepare(Network.initialize(SPEC, 9), DATA, config(epochs, stopping));
    }

    @Test
    void asksForACheckpointAfterEveryEpochButTheLastAndHandsOverTheStateAtThatEpochsEnd() {
        ServiceLike listener = new ServiceLike(2, -1, false);

        TrainingResult result = prepare(4, null).run(listener);

        assertThat(listener.checkpointPolls).containsExactly(1, 2, 3);
        TrainingCheckpoint c = listener.taken;
        assertThat(c.epochsCompleted()).isEqualTo(2);
        assertThat(c.batchesDone()).isZero();
        assertThat(c.batchTotals()).containsOnly(0.0);
        assertThat(c.epochNanos()).isZero();
        // 160 training rows in batches of 50: four steps an epoch
        assertThat(c.step()).isEqualTo(8);
        assertThat(c.last()).isEqualTo(listener.epochs.get(1));
        assertThat(c.best()).isEqualTo(listener.epochs.get(1));
        assertThat(c.bestParameters()).isNull();
        assertThat(c.workers()).isEqualTo(1);
        assertThat(c.optimizer().kind()).isEqualTo(OptimizerSpec.Kind.ADAM);
        assertThat(bits(c.parameters())).isNotEqualTo(bits(result.network().parameters()));
    }

    @Test
    void aSuspensionEndsTheRunBeforeTheNextMiniBatchWithTheCheckpointToContinueFrom() {
        // four mini-batches an epoch: the 7th poll comes before mini-batch 3 of epoch 2
        ServiceLike listener = ServiceLike.suspendingAt(7);
        Trainer.Prepared prepared = prepare(5, null);

        TrainingSuspendedException suspended = catchThrowableOfType(
                TrainingSuspendedException.class, () -> prepared.run(listener));

        assertThat(suspended).hasMessage("suspended in epoch 2 after 2 mini-batches");
        TrainingCheckpoint c = suspended.checkpoint();
        assertThat(c.epochsCompleted()).isEqualTo(1);
        assertThat(c.batchesDone()).isEqualTo(2);
        assertThat(c.step()).isEqualTo(6);
        assertThat(c.batchTotals()[0]).as("the summed loss of the epoch's first 100 rows").isPositive();
        assertThat(c.batchTotals()[1]).as("their correct rows").isBetween(0.0, 100.0);
        assertThat(c.last()).isEqualTo(listener.epochs.getFirst());
        assertThat(listener.epochs).hasSize(1);
        assertThat(listener.taken).as("a suspension goes to no onCheckpoint").isNull();
    }

    @Test
    void cancellationWinsOverASuspensionAskedAtTheSamePoll() {
        TrainingListener both = new TrainingListener() {
            @Override
            public boolean isCancelled() {
                return true;
            }

            @Override
            public boolean suspendRequested() {
                return true;
            }
        };

        assertThatExceptionOfType(CancellationException.class).isThrownBy(() -> prepare(3, null).run(both))
                .withMessage("cancelled in epoch 1 before mini-batch 1");
    }

    @ParameterizedTest(name = "early stopping {0}")
    @ValueSource(booleans = {false, true})
    void aFinishedRunsCheckpointContinuesItAsIfItHadBeenPlannedLonger(boolean earlyStopping) {
        // patience large enough never to run out: the shorter run completes
        EarlyStopping stopping = earlyStopping ? new EarlyStopping(100, 0) : null;
        ServiceLike longer = ServiceLike.recording();
        TrainingResult expected = prepare(8, stopping).run(longer);
        TrainingResult first = prepare(3, stopping).run(TrainingListener.NONE);
        ServiceLike rest = ServiceLike.recording();

        TrainingResult continued = prepare(8, stopping).run(rest, Checkpoints.storedAndReadBack(first.checkpoint()));

        assertThat(first.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(StatsBits.of(rest.epochs)).isEqualTo(StatsBits.of(longer.epochs.subList(3, 8)));
        assertThat(bits(continued.network().parameters())).containsExactly(bits(expected.network().parameters()));
        assertThat(continued.bestEpoch()).isEqualTo(expected.bestEpoch());
    }

    @Test
    void theCheckpointOfALastEpochGivesBackTheSameResultWithoutTraining() {
        TrainingResult finished = prepare(3, new EarlyStopping(100, 0)).run(TrainingListener.NONE);
        ServiceLike listener = ServiceLike.recording();

        TrainingResult again = prepare(3, new EarlyStopping(100, 0)).run(listener, finished.checkpoint());

        assertThat(listener.epochs).isEmpty();
        assertThat(again.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(again.epochs()).isEqualTo(3);
        assertThat(again.best()).isEqualTo(finished.best());
        assertThat(bits(again.network().parameters())).containsExactly(bits(finished.network().parameters()));
    }
}
