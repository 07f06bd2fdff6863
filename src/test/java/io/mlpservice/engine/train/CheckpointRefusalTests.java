package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.optim.OptimizerState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A checkpoint that cannot give the uninterrupted run's bits is refused, with the numbers that differ. */
class CheckpointRefusalTests {

    private static final NetworkSpec SPEC = new NetworkSpec(4, List.of(10), Activation.RELU, 3);
    private static final Dataset DATA = TestData.blobs(200, 4, 3, 1.2, 9);

    private static TrainingConfig config(int epochs, OptimizerSpec optimizer, EarlyStopping stopping) {
        return new TrainingConfig(epochs, 64, optimizer, 0f, 0, stopping, true, true, 9);
    }

    private static Trainer.Prepared prepare(NetworkSpec spec, int threads, TrainingConfig config) {
        return new Trainer(MatMuls.defaultKernel(), threads).prepare(Network.initialize(spec, 9), DATA, config);
    }

    /** The final state of a 2-epoch Adam run on two threads (batches of 64 rows: two workers). */
    private static TrainingCheckpoint twoWorkerCheckpoint() {
        return prepare(SPEC, 2, config(2, OptimizerSpec.adam(0.01f), null)).run(TrainingListener.NONE).checkpoint();
    }

    @Test
    void refusesACheckpointTakenWithAnotherNumberOfWorkers() {
        TrainingCheckpoint fromTwo = twoWorkerCheckpoint();
        Trainer.Prepared oneThread = prepare(SPEC, 1, config(4, OptimizerSpec.adam(0.01f), null));

        assertThatIllegalArgumentException().isThrownBy(() -> oneThread.run(TrainingListener.NONE, fromTwo))
                .withMessage("the checkpoint was taken with 2 workers; this run splits its mini-batches among 1 "
                        + "and the bits depend on it: resume with the thread count and batch size it was taken with");
    }

    @Test
    void refusesACheckpointOfAnotherNumberOfParameters() {
        TrainingCheckpoint small = twoWorkerCheckpoint();
        NetworkSpec wider = new NetworkSpec(4, List.of(12), Activation.RELU, 3);
        Trainer.Prepared widerRun = prepare(wider, 2, config(4, OptimizerSpec.adam(0.01f), null));

        // 4·10 + 10 + 10·3 + 3 = 83 against 4·12 + 12 + 12·3 + 3 = 99
        assertThatIllegalArgumentException().isThrownBy(() -> widerRun.run(TrainingListener.NONE, small))
                .withMessage("the checkpoint holds 83 parameters; the network has 99");
    }

    @Test
    void refusesAnOptimizerStateOfTheWrongSizeOrKind() {
        TrainingCheckpoint c = twoWorkerCheckpoint();
        Trainer.Prepared sgdRun = prepare(SPEC, 2, config(4, OptimizerSpec.sgd(0.1f), null));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TrainingCheckpoint(c.workers(), c.epochsCompleted(), c.batchesDone(),
                        c.batchTotals(), c.epochNanos(), c.orderState(), c.step(), c.parameters(),
                        OptimizerState.of(OptimizerSpec.Kind.ADAM, new float[80], new float[80]), c.last(), c.best(),
                        c.bestParameters()))
                .withMessage("the optimizer state covers 80 parameters; the checkpoint holds 83");
        assertThatIllegalArgumentException().isThrownBy(() -> sgdRun.run(TrainingListener.NONE, c))
                .withMessage("a state of adam cannot be restored into sgd");
    }

    @Test
    void refusesACheckpointWhoseEarlyStoppingSettingDiffers() {
        TrainingCheckpoint without = twoWorkerCheckpoint();
        Trainer.Prepared stopping = prepare(SPEC, 2, config(4, OptimizerSpec.adam(0.01f), new EarlyStopping(3, 0)));

        assertThatIllegalArgumentException().isThrownBy(() -> stopping.run(TrainingListener.NONE, without))
                .withMessage("the checkpoint was taken without early stopping; this run has it");
    }

    @Test
    void refusesACheckpointBeyondTheRunsEpochs() {
        TrainingCheckpoint afterTwo = twoWorkerCheckpoint();
        Trainer.Prepared oneEpoch = prepare(SPEC, 2, config(1, OptimizerSpec.adam(0.01f), null));

        // 200 rows in batches of 64: 4 mini-batches an epoch
        assertThatIllegalArgumentException().isThrownBy(() -> oneEpoch.run(TrainingListener.NONE, afterTwo))
                .withMessage("the checkpoint has 2 epochs and 0 mini-batches done; "
                        + "this run plans epochs = 1, 4 mini-batches each");
    }

    @Test
    void refusesComponentsThatContradictEachOther() {
        TrainingCheckpoint c = twoWorkerCheckpoint();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TrainingCheckpoint(c.workers(), c.epochsCompleted(), 1, new double[3],
                        c.epochNanos(), c.orderState(), c.step(), c.parameters(), c.optimizer(), c.last(), c.best(),
                        null))
                .withMessage("batchTotals holds 3 values; 2 workers need 4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TrainingCheckpoint(c.workers(), 5, 0, c.batchTotals(),
                        c.epochNanos(), c.orderState(), c.step(), c.parameters(), c.optimizer(), c.last(), c.best(),
                        null))
                .withMessage("the last epoch's stats are of epoch 2; 5 epochs completed");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TrainingCheckpoint(c.workers(), c.epochsCompleted(), 0, c.batchTotals(),
                        c.epochNanos(), c.orderState(), c.step(), c.parameters(), c.optimizer(), c.last(), c.best(),
                        new float[7]))
                .withMessage("the best epoch's weights hold 7 parameters; the checkpoint holds 83");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TrainingCheckpoint(0, c.epochsCompleted(), 0, new double[0],
                        c.epochNanos(), c.orderState(), -1, c.parameters(), c.optimizer(), c.last(), c.best(), null))
                .withMessage("workers must be at least 1 and the counts at least 0; got 0 workers, 2 epochs, "
                        + "0 mini-batches, 0 ns, -1 steps");
    }
}
