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

/** The validation split holds out round(fraction · rows) of each class, and refuses to leave a side empty. */
class SplitTests {

    /** 10 rows of class 0, 7 of class 1, 3 of class 2; feature r of row r is r, so rows can be traced. */
    private static Dataset unevenClasses() {
        int[] labels = new int[20];
        float[] x = new float[20 * 2];
        for (int r = 0; r < 20; r++) {
            labels[r] = r < 10 ? 0 : r < 17 ? 1 : 2;
            x[2 * r] = r;
            x[2 * r + 1] = -r;
        }
        return new Dataset(x, labels, 2);
    }

    private static int[] countPerClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Test
    void holdsOutTheRoundedFractionOfEveryClass() {
        // 0.3 · (10, 7, 3) = (3, 2.1, 0.9), rounded (3, 2, 1)
        Split split = Split.of(unevenClasses(), 0.3, false, new SplittableRandom(1));

        assertThat(countPerClass(split.validY(), 3)).containsExactly(3, 2, 1);
        assertThat(countPerClass(split.trainY(), 3)).containsExactly(7, 5, 2);
        assertThat(split.validRows()).isEqualTo(6);
        assertThat(split.trainRows()).isEqualTo(14);
    }

    @Test
    void putsEveryRowOnExactlyOneSideWithItsOwnLabel() {
        Dataset data = unevenClasses();
        Split split = Split.of(data, 0.3, false, new SplittableRandom(1));

        List<Integer> seen = new ArrayList<>();
        for (Side side : List.of(new Side(split.trainX(), split.trainY()), new Side(split.validX(), split.validY()))) {
            for (int i = 0; i < side.y().length; i++) {
                int row = (int) side.x()[2 * i];
                assertThat(side.x()[2 * i + 1]).isEqualTo(-row);
                assertThat(side.y()[i]).as("label of row %d", row).isEqualTo(data.labels()[row]);
                seen.add(row);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    }

    private record Side(float[] x, int[] y) {
    }

    @Test
    void drawsTheHeldOutRowsFromTheSeed() {
        Dataset data = TestData.blobs(200, 2, 3, 1.0, 2);

        Split first = Split.of(data, 0.25, false, new SplittableRandom(1));
        Split again = Split.of(data, 0.25, false, new SplittableRandom(1));
        Split other = Split.of(data, 0.25, false, new SplittableRandom(2));

        assertThat(again.validX()).containsExactly(first.validX());
        assertThat(Arrays.equals(other.validX(), first.validX())).isFalse();
    }

    @Test
    void withoutAHoldOutUsesTheRowsAsTheyAreOrACopyWhenAsked() {
        Dataset data = unevenClasses();

        Split shared = Split.of(data, 0, false, new SplittableRandom(1));
        Split copied = Split.of(data, 0, true, new SplittableRandom(1));

        assertThat(shared.trainX()).isSameAs(data.features());
        assertThat(shared.validRows()).isZero();
        assertThat(copied.trainX()).isNotSameAs(data.features()).containsExactly(data.features());
        assertThat(copied.trainY()).containsExactly(data.labels());
    }

    @Test
    void rejectsASplitThatHoldsOutNoRows() {
        // 0.04 · (10, 7, 3) rounds to (0, 0, 0)
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Split.of(unevenClasses(), 0.04, false, new SplittableRandom(1)))
                .withMessage("validationSplit 0.04 holds out no rows of 20; use a larger split or more rows");
    }

    @Test
    void neverHoldsOutTheLastRowOfAClass() {
        // two rows of class 0, one of class 1: 0.75 would round both rows of class 0 and the row of 1 away
        Dataset data = new Dataset(new float[] {1, 2, 3}, new int[] {0, 0, 1}, 1);

        Split split = Split.of(data, 0.75, false, new SplittableRandom(1));

        assertThat(split.validY()).containsExactly(0);
        assertThat(split.trainY()).containsExactlyInAnyOrder(0, 1);
        // one row per class: nothing can be held out
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Split.of(new Dataset(new float[] {1, 2, 3}, new int[] {0, 1, 2}, 1), 0.6, false,
                        new SplittableRandom(1)))
                .withMessage("validationSplit 0.6 holds out no rows of 3; use a larger split or more rows");
    }

    @Test
    void theTrainerRejectsAnEmptySideBeforeTraining() {
        Network network = Network.initialize(new NetworkSpec(2, List.of(4), Activation.RELU, 3), 1);
        TrainingConfig config = new TrainingConfig(1, 0, OptimizerSpec.sgd(0.1f), 0f, 0.04, null, false, true, 1);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Trainer(MatMuls.defaultKernel()).train(network, unevenClasses(), config,
                        TrainingListener.NONE))
                .withMessageContaining("validationSplit 0.04 holds out no rows of 20");
    }
}
