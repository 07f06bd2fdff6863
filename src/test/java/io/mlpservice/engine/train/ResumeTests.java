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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run that stopped (a crash after a checkpoint, or a suspension between mini-batches) and was
 * continued from its checkpoint, in a new trainer, ends with the bits of the run never stopped:
 * every later epoch's figures, the final weights, the final state.
 */
class ResumeTests {

    private static final NetworkSpec SPEC = new NetworkSpec(6, List.of(16, 8), Activation.TANH, 3);
    /** Overlapping classes, so that the loss keeps moving for every epoch. */
    private static final Dataset DATA = TestData.blobs(400, 6, 3, 1.0, 17);
    private static final int EPOCHS = 7;
    /** Two slices of 32 rows: a run on two threads uses two workers. */
    private static final int BATCH = 64;
    /** The checkpoint is taken at the end of this epoch, or before mini-batch 3 of the next. */
    private static final int AT_EPOCH = 3;

    record Case(OptimizerSpec optimizer, int threads, boolean shuffle, double validationSplit,
                boolean earlyStopping, boolean midEpoch) {

        TrainingConfig config(int epochs) {
            return new TrainingConfig(epochs, BATCH, optimizer, 1e-3f, validationSplit,
                    earlyStopping ? new EarlyStopping(50, 0) : null, true, shuffle, 23);
        }

        @Override
        public String toString() {
            return optimizer.kind() + (optimizer.nesterov() ? " nesterov" : "") + ", " + threads + " threads, "
                    + (shuffle ? "shuffled" : "stored order") + ", split " + validationSplit
                    + (earlyStopping ? ", early stopping" : "") + (midEpoch ? ", between mini-batches" : ", at epoch end");
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        OptimizerSpec[] optimizers = {OptimizerSpec.sgd(0.05f),
                new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.02f, 0.9f, true, 0.9f, 0.999f, 1e-8f),
                OptimizerSpec.adam(0.01f)};
        for (OptimizerSpec optimizer : optimizers) {
            for (int threads : new int[] {1, 2}) {
                for (boolean shuffle : new boolean[] {false, true}) {
                    for (double split : new double[] {0, 0.25}) {
                        for (boolean stopping : new boolean[] {false, true}) {
                            for (boolean midEpoch : new boolean[] {false, true}) {
                                cases.add(new Case(optimizer, threads, shuffle, split, stopping, midEpoch));
                            }
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    private static Trainer.Prepared prepare(Case c, int epochs) {
        // A new trainer and preparation each time, as after a restart.
        return new Trainer(MatMuls.defaultKernel(), c.threads())
                .prepare(Network.initialize(SPEC, 5), DATA, c.config(epochs));
    }

    /** Runs until the checkpoint of the case is taken and returns it as a store gives it back. */
    private static TrainingCheckpoint interrupted(Case c) {
        Trainer.Prepared prepared = prepare(c, EPOCHS);
        int perEpoch = (prepared.trainingRows() + prepared.batchSize() - 1) / prepared.batchSize();
        if (c.midEpoch()) {
            ServiceLike suspending = ServiceLike.suspendingAt(AT_EPOCH * perEpoch + 3);
            TrainingSuspendedException suspended = catchThrowableOfType(TrainingSuspendedException.class,
                    () -> prepared.run(suspending));
            assertThat(suspended).as("suspended").isNotNull();
            assertThat(suspended.checkpoint().batchesDone()).isEqualTo(2);
            assertThat(suspending.epochs).hasSize(AT_EPOCH);
            return storedAndReadBack(suspended.checkpoint());
        }
        ServiceLike crashing = ServiceLike.crashingAfterCheckpoint(AT_EPOCH);
        assertThat(catchThrowableOfType(CancellationException.class, () -> prepared.run(crashing))).isNotNull();
        assertThat(crashing.epochs).hasSize(AT_EPOCH);
        return storedAndReadBack(crashing.taken);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRunContinuedFromItsCheckpointEndsWithTheBitsOfTheRunNeverStopped(Case c) {
        ServiceLike uninterrupted = ServiceLike.recording();
        TrainingResult expected = prepare(c, EPOCHS).run(uninterrupted);
        TrainingCheckpoint checkpoint = interrupted(c);
        ServiceLike continued = ServiceLike.recording();

        TrainingResult actual = prepare(c, EPOCHS).run(continued, checkpoint);

        assertThat(checkpoint.epochsCompleted()).isEqualTo(AT_EPOCH);
        assertThat(checkpoint.workers()).isEqualTo(c.threads());
        assertThat(StatsBits.of(continued.epochs)).as("the epochs after the checkpoint")
                .isEqualTo(StatsBits.of(uninterrupted.epochs.subList(AT_EPOCH, uninterrupted.epochs.size())))
                .hasSize(EPOCHS - AT_EPOCH);
        assertThat(bits(actual.network().parameters())).as("the final weights").containsExactly(bits(expected.network().parameters()));
        assertThat(actual.stopReason()).isEqualTo(expected.stopReason());
        assertThat(StatsBits.of(actual.best())).isEqualTo(StatsBits.of(expected.best()));
        assertThat(StatsBits.of(actual.last())).isEqualTo(StatsBits.of(expected.last()));
        assertSameState(actual.checkpoint(), expected.checkpoint());
    }

    static void assertSameState(TrainingCheckpoint actual, TrainingCheckpoint expected) {
        assertThat(actual.step()).isEqualTo(expected.step());
        assertThat(actual.orderState()).isEqualTo(expected.orderState());
        assertThat(actual.epochsCompleted()).isEqualTo(expected.epochsCompleted());
        assertThat(bits(actual.parameters())).containsExactly(bits(expected.parameters()));
        assertThat(actual.optimizer().bufferCount()).isEqualTo(expected.optimizer().bufferCount());
        for (int b = 0; b < actual.optimizer().bufferCount(); b++) {
            assertThat(bits(actual.optimizer().buffer(b))).as("optimizer buffer %d", b)
                    .containsExactly(bits(expected.optimizer().buffer(b)));
        }
    }
}
