package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a caller of the trainer sees: listener calls, cancellation, divergence, input checks, standardisation. */
class TrainerTests {

    private static final NetworkSpec SPEC = new NetworkSpec(2, List.of(8), Activation.TANH, 3);

    private final Trainer trainer = new Trainer(MatMuls.defaultKernel());

    private static TrainingConfig config(int epochs, int batchSize, double validationSplit) {
        return new TrainingConfig(epochs, batchSize, OptimizerSpec.adam(0.01f), 0f, validationSplit, null,
                true, true, 1);
    }

    /** Counts the polls and cancels at the given one. */
    private static final class CancelAt implements TrainingListener {
        private final int cancelAtPoll;
        private final List<EpochStats> epochs = new ArrayList<>();
        private int polls;

        CancelAt(int cancelAtPoll) {
            this.cancelAtPoll = cancelAtPoll;
        }

        @Override
        public void onEpoch(EpochStats stats) {
            epochs.add(stats);
        }

        @Override
        public boolean isCancelled() {
            return ++polls >= cancelAtPoll;
        }
    }

    @Test
    void theListenerReceivesOneEpochStatsPerEpochInOrder() {
        CancelAt listener = new CancelAt(Integer.MAX_VALUE);

        TrainingResult result = trainer.train(Network.initialize(SPEC, 1), TestData.rings(100, 1), config(7, 16, 0.2),
                listener);

        assertThat(listener.epochs).extracting(EpochStats::epoch).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(result.epochs()).isEqualTo(7);
        assertThat(result.last()).isEqualTo(listener.epochs.getLast());
        assertThat(result.best()).as("without early stopping the last epoch's weights are kept")
                .isEqualTo(listener.epochs.getLast());
        assertThat(listener.epochs).allSatisfy(s -> {
            assertThat(s.hasValidation()).isTrue();
            assertThat(s.trainingLoss()).isPositive();
            assertThat(s.trainingAccuracy()).isBetween(0.0, 1.0);
            assertThat(s.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(s.durationNanos()).isPositive();
        });
    }

    @Test
    void pollsForCancellationBeforeEveryMiniBatch() {
        // 100 rows in batches of 25: four polls an epoch
        CancelAt listener = new CancelAt(Integer.MAX_VALUE);

        trainer.train(Network.initialize(SPEC, 1), TestData.rings(100, 1), config(3, 25, 0), listener);

        assertThat(listener.polls).isEqualTo(12);
    }

    @Test
    void theDefaultBatchSizeIsTwoHundredRows() {
        // 450 rows: batches of 200, 200 and 50
        CancelAt listener = new CancelAt(Integer.MAX_VALUE);

        trainer.train(Network.initialize(SPEC, 1), TestData.rings(450, 1), config(2, 0, 0), listener);

        assertThat(listener.polls).isEqualTo(6);
    }

    @Test
    void cancellationStopsTheRunWithinOneMiniBatch() {
        // The seventh poll is the one before mini-batch 3 of epoch 2.
        CancelAt listener = new CancelAt(7);
        Network initial = Network.initialize(SPEC, 1);
        float[] before = initial.parameters();

        assertThatExceptionOfType(CancellationException.class)
                .isThrownBy(() -> trainer.train(initial, TestData.rings(100, 1), config(50, 25, 0), listener))
                .withMessage("cancelled in epoch 2 before mini-batch 3");
        assertThat(listener.polls).as("no poll after the cancelling one").isEqualTo(7);
        assertThat(listener.epochs).hasSize(1);
        assertThat(initial.parameters()).containsExactly(before);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aHugeLearningRateEndsWithAnErrorNamingTheEpoch(Activation activation) {
        // Saturating units (sigmoid, tanh) keep every number finite while the weights reach 1e30;
        // the loss taken from the logits still shows the divergence.
        NetworkSpec spec = new NetworkSpec(2, List.of(8), activation, 3);
        TrainingConfig reckless = new TrainingConfig(20, 25, OptimizerSpec.sgd(1e30f), 0f, 0, null, true, true, 1);
        List<EpochStats> seen = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                seen.add(stats);
            }
        };

        assertThatIllegalStateException()
                .isThrownBy(() -> trainer.train(Network.initialize(spec, 1), TestData.rings(100, 1), reckless, recorder))
                .withMessageMatching("training diverged in epoch \\d+: the mean training loss is \\S+ "
                        + "\\(a run that learns stays below 87\\.3\\); try a smaller learning rate")
                .satisfies(e -> assertThat(e.getMessage()).as("the epoch after the last one reported")
                        .startsWith("training diverged in epoch " + (seen.size() + 1) + ":"));
    }

    @Test
    void standardisesWithTheTrainingRowsAndAgainAtPredictionTime() {
        // Features around 5000 with a spread of thousands: hopeless for tanh units without standardisation.
        Dataset training = TestData.scaled(TestData.rings(600, 3), 1000f, 5000f);
        Dataset heldOut = TestData.scaled(TestData.rings(300, 4), 1000f, 5000f);
        NetworkSpec spec = new NetworkSpec(2, List.of(16, 16), Activation.TANH, 3);
        TrainingConfig config = new TrainingConfig(60, 32, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 3);

        Network trained = trainer.train(Network.initialize(spec, 3), training, config, TrainingListener.NONE).network();

        assertThat(trained.standardizer().isIdentity()).isFalse();
        for (int j = 0; j < 2; j++) {
            // the rings are centred on 0 with a deviation of about 1.7 per axis before scaling
            assertThat(trained.standardizer().means()[j]).as("mean of feature %d", j).isCloseTo(5000f, within(200f));
            assertThat(trained.standardizer().deviations()[j]).as("deviation of feature %d", j).isBetween(1400f, 2000f);
        }
        assertThat(TestData.accuracy(trained, heldOut)).as("held-out accuracy on raw, unscaled-back rows")
                .isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void leavesTheCallersDataAndInitialNetworkUnchanged() {
        Dataset data = TestData.rings(100, 1);
        float[] features = data.features().clone();
        int[] labels = data.labels().clone();
        Network initial = Network.initialize(SPEC, 1);
        float[] before = initial.parameters();

        for (double split : new double[] {0, 0.2}) {
            for (int batch : new int[] {100, 16}) {
                for (boolean shuffle : new boolean[] {false, true}) {
                    TrainingConfig config = new TrainingConfig(2, batch, OptimizerSpec.sgd(0.1f), 0f, split, null,
                            true, shuffle, 1);
                    trainer.train(initial, data, config, TrainingListener.NONE);
                }
            }
        }

        assertThat(data.features()).containsExactly(features);
        assertThat(data.labels()).containsExactly(labels);
        assertThat(initial.parameters()).containsExactly(before);
    }

    @Test
    void rejectsRowsWithAnotherNumberOfFeatures() {
        Dataset threeFeatures = new Dataset(new float[] {1, 2, 3, 4, 5, 6}, new int[] {0, 1}, 3);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.train(Network.initialize(SPEC, 1), threeFeatures, config(1, 0, 0),
                        TrainingListener.NONE))
                .withMessage("the rows have 3 features; the network expects 2");
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
        Dataset tooHigh = new Dataset(new float[] {1, 2, 3, 4}, new int[] {0, 3}, 2);
        Dataset negative = new Dataset(new float[] {1, 2, 3, 4}, new int[] {-1, 0}, 2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.train(Network.initialize(SPEC, 1), tooHigh, config(1, 0, 0), TrainingListener.NONE))
                .withMessage("label 3 of row 1 is outside the 3 classes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.train(Network.initialize(SPEC, 1), negative, config(1, 0, 0), TrainingListener.NONE))
                .withMessage("label -1 of row 0 is outside the 3 classes");
    }
}
