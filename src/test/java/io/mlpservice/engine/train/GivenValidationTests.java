package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Validation rows given apart instead of a hold-out: the rows a split would have held out, given
 * explicitly, train to the same bits; the validation figures are measured on exactly the given
 * rows, standardised with the training rows' statistics; mismatches are refused with the numbers.
 */
class GivenValidationTests {

    private static final NetworkSpec SPEC = new NetworkSpec(4, List.of(10, 6), Activation.TANH, 3);
    private static final Dataset DATA = TestData.blobs(240, 4, 3, 1.5, 5);
    private static final long SEED = 29;

    private static TrainingConfig config(double split) {
        return new TrainingConfig(5, 24, OptimizerSpec.adam(0.01f), 1e-4f, split, new EarlyStopping(3, 0), true,
                true, SEED);
    }

    private static RecordedRun run(Dataset training, Dataset validation, TrainingConfig config) {
        List<EpochStats> epochs = new ArrayList<>();
        TrainingResult result = new Trainer(MatMuls.defaultKernel(), 2)
                .prepare(Network.initialize(SPEC, 3), training, validation, config)
                .run(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochStats stats) {
                        epochs.add(stats);
                    }
                });
        return new RecordedRun(result, epochs);
    }

    private static List<double[]> figures(RecordedRun run) {
        return run.epochs().stream().map(s -> new double[] {s.trainingLoss(), s.trainingAccuracy(),
                s.validationLoss(), s.validationAccuracy()}).toList();
    }

    @Test
    void theRowsASplitHoldsOutGivenApartTrainToTheSameBits() {
        // the split Trainer.prepare makes for this seed, drawn here the same way
        Split held = Split.of(DATA, 0.25, true, new SplittableRandom(SEED).split());
        Dataset training = new Dataset(held.trainX(), held.trainY(), 4);
        Dataset validation = new Dataset(held.validX(), held.validY(), 4);

        RecordedRun split = run(DATA, null, config(0.25));
        RecordedRun given = run(training, validation, config(0));

        assertThat(given.epochs()).hasSize(5);
        assertThat(Arrays.equals(given.network().parameters(), split.network().parameters()))
                .as("parameters of the split run and of the run given its rows").isTrue();
        assertThat(figures(given)).usingRecursiveComparison().isEqualTo(figures(split));
        assertThat(given.network().standardizer().means()).containsExactly(split.network().standardizer().means());
    }

    @Test
    void theValidationFiguresAreThoseOfTheGivenRowsAndTheTrainingRowsAreAllKept() {
        // validation rows whose labels are all wrong: after training the validation accuracy is low
        // one draw of well-separated blobs (the centres depend on the seed), cut into 180 and 60 rows
        Dataset all = TestData.blobs(240, 4, 3, 4.0, 8);
        Dataset training = new Dataset(Arrays.copyOf(all.features(), 180 * 4), Arrays.copyOf(all.labels(), 180), 4);
        Dataset clean = new Dataset(Arrays.copyOfRange(all.features(), 180 * 4, 240 * 4),
                Arrays.copyOfRange(all.labels(), 180, 240), 4);
        int[] wrong = clean.labels().clone();
        for (int r = 0; r < wrong.length; r++) {
            wrong[r] = (wrong[r] + 1) % 3;
        }
        TrainingConfig config = new TrainingConfig(40, 30, OptimizerSpec.adam(0.02f), 0f, 0, null, true, true, 1);

        Trainer.Prepared right = new Trainer(MatMuls.defaultKernel(), 1)
                .prepare(Network.initialize(SPEC, 3), training, clean, config);
        RecordedRun good = run(training, clean, config);
        RecordedRun bad = run(training, new Dataset(clean.features(), wrong, 4), config);

        assertThat(right.trainingRows()).isEqualTo(180);
        assertThat(right.validationRows()).isEqualTo(60);
        assertThat(good.epochs().getLast().validationAccuracy()).isGreaterThan(0.9);
        assertThat(bad.epochs().getLast().validationAccuracy()).isLessThan(0.1);
        // the labels of the validation rows change nothing of the training itself
        assertThat(Arrays.equals(good.network().parameters(), bad.network().parameters())).isTrue();
    }

    @Test
    void refusesASplitBesideGivenRowsAndRowsOfAnotherWidth() {
        Trainer trainer = new Trainer(MatMuls.defaultKernel(), 1);
        Network initial = Network.initialize(SPEC, 3);
        Dataset validation = TestData.blobs(30, 4, 3, 1.0, 2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.prepare(initial, DATA, validation, config(0.2)))
                .withMessage("validationSplit is 0.2 while validation rows are given; use one or the other");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.prepare(initial, DATA, TestData.blobs(30, 5, 3, 1.0, 2), config(0)))
                .withMessage("the rows have 5 features; the network expects 4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> trainer.prepare(initial, DATA,
                        new Dataset(new float[] {0, 0, 0, 0}, new int[] {3}, 4), config(0)))
                .withMessage("label 3 of row 0 is outside the 3 classes");
    }
}
