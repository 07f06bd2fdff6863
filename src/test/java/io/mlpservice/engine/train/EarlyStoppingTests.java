package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Early stopping ends a run that stopped improving and hands back the best epoch's weights. */
class EarlyStoppingTests {

    private static final long SEED = 4;
    private static final double SPLIT = 0.3;
    private static final int PATIENCE = 5;
    private static final int PLANNED = 300;
    /** Few overlapping rows in many dimensions for a wide network: the validation loss falls for a few epochs (to epoch 5), then rises. */
    private static final Dataset DATA = TestData.blobs(90, 10, 3, 0.8, SEED);
    private static final Network INITIAL = Network.initialize(new NetworkSpec(10, List.of(64), Activation.TANH, 3), SEED);

    private final Trainer trainer = new Trainer(MatMuls.defaultKernel());

    private static TrainingConfig config(int epochs, EarlyStopping stopping) {
        return new TrainingConfig(epochs, 16, OptimizerSpec.adam(0.005f), 0f, SPLIT, stopping, true, true, SEED);
    }

    @Test
    void stopsWhenTheValidationLossStopsImprovingAndRestoresTheBestEpoch() {
        RecordedRun run = RecordedRun.train(trainer, INITIAL, DATA, config(PLANNED, new EarlyStopping(PATIENCE, 0)));

        TrainingResult result = run.result();
        List<EpochStats> history = run.epochs();
        int best = result.bestEpoch();
        assertThat(result.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(best).as("some epochs improve before the overfitting starts").isGreaterThan(2);
        assertThat(history).hasSizeLessThan(PLANNED).hasSize(best + PATIENCE);
        double bestLoss = history.get(best - 1).validationLoss();
        assertThat(history).allSatisfy(s -> assertThat(s.validationLoss()).isGreaterThanOrEqualTo(bestLoss));
        double lastLoss = history.getLast().validationLoss();
        assertThat(result.best()).isEqualTo(history.get(best - 1));
        assertThat(result.last()).isEqualTo(history.getLast());
        assertThat(result.epochs()).isEqualTo(history.size());
        assertThat(lastLoss).as("the run overfits after its best epoch").isGreaterThan(bestLoss + 1e-3);

        // Recompute the validation loss of the returned network on the held-out rows: the trainer
        // draws them with Split.of from a split() of the seed's stream.
        Split split = Split.of(DATA, SPLIT, false, new SplittableRandom(SEED).split());
        double recomputed = TestData.meanLoss(result.network(), split.validX(), split.validY());
        assertThat(recomputed).as("validation loss of the returned network (best epoch %d, last %d)", best, history.size())
                .isCloseTo(bestLoss, within(1e-6))
                .isNotCloseTo(lastLoss, within(1e-4));
    }

    @Test
    void theRestoredWeightsAreThoseOfARunEndingAtTheBestEpoch() {
        TrainingResult stopped = trainer.train(INITIAL, DATA, config(PLANNED, new EarlyStopping(PATIENCE, 0)),
                TrainingListener.NONE);
        TrainingResult shorter = trainer.train(INITIAL, DATA, config(stopped.bestEpoch(), null), TrainingListener.NONE);

        assertThat(stopped.network().parameters()).containsExactly(shorter.network().parameters());
        assertThat(shorter.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(shorter.bestEpoch()).isEqualTo(stopped.bestEpoch());
    }

    @Test
    void aRunThatEndsAfterItsBestEpochWithoutRunningOutOfPatienceStillReturnsTheBestWeights() {
        int best = trainer.train(INITIAL, DATA, config(PLANNED, new EarlyStopping(PATIENCE, 0)), TrainingListener.NONE)
                .bestEpoch();
        int epochs = best + PATIENCE - 1;

        TrainingResult completed = trainer.train(INITIAL, DATA, config(epochs, new EarlyStopping(PATIENCE, 0)),
                TrainingListener.NONE);
        TrainingResult shorter = trainer.train(INITIAL, DATA, config(best, null), TrainingListener.NONE);

        assertThat(completed.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(completed.epochs()).isEqualTo(epochs);
        assertThat(completed.bestEpoch()).isEqualTo(best);
        assertThat(completed.network().parameters()).containsExactly(shorter.network().parameters());
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        // No epoch improves on the first by 10 nats, so the first stays the best.
        TrainingResult result = trainer.train(INITIAL, DATA, config(PLANNED, new EarlyStopping(2, 10)),
                TrainingListener.NONE);
        TrainingResult oneEpoch = trainer.train(INITIAL, DATA, config(1, null), TrainingListener.NONE);

        assertThat(result.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
        assertThat(result.epochs()).isEqualTo(3);
        assertThat(result.bestEpoch()).isEqualTo(1);
        assertThat(result.network().parameters()).containsExactly(oneEpoch.network().parameters());
    }

    @Test
    void withoutAValidationSplitMonitorsTheTrainingLoss() {
        // Separable blobs: the training loss keeps falling, so patience never runs out.
        Dataset separable = TestData.blobs(90, 10, 3, 3.0, SEED);
        TrainingConfig config = new TrainingConfig(20, 16, OptimizerSpec.adam(0.01f), 0f, 0,
                new EarlyStopping(3, 0), true, true, SEED);

        RecordedRun run = RecordedRun.train(trainer, INITIAL, separable, config);
        TrainingResult result = run.result();

        assertThat(run.epochs()).hasSize(20).allSatisfy(s -> assertThat(s.hasValidation()).isFalse());
        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.bestEpoch()).isEqualTo(20);
    }

    @Test
    void withoutEarlyStoppingEveryEpochRunsAndTheLastWeightsAreReturned() {
        TrainingResult result = trainer.train(INITIAL, DATA, config(30, null), TrainingListener.NONE);

        assertThat(result.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(result.epochs()).isEqualTo(30);
        assertThat(result.bestEpoch()).isEqualTo(30);
    }

    @Test
    void rejectsAPatienceBelowOneAndANegativeOrNonFiniteMinDelta() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EarlyStopping(0, 0))
                .withMessage("patience must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new EarlyStopping(3, -0.5))
                .withMessage("minDelta must be finite and at least 0, was -0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> new EarlyStopping(3, Double.NaN))
                .withMessageContaining("was NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> new EarlyStopping(3, Double.POSITIVE_INFINITY))
                .withMessageContaining("was Infinity");
    }
}
