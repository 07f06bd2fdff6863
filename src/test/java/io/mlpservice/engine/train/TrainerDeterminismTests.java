package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed, same data, same hyperparameters: the same bits; another seed: other weights. */
class TrainerDeterminismTests {

    private static final NetworkSpec SPEC = new NetworkSpec(4, List.of(12, 6), Activation.RELU, 3);
    private static final Dataset DATA = TestData.blobs(250, 4, 3, 1.5, 21);

    /** Shuffled mini-batches with a partial last one, a validation split, standardisation and L2: every seeded path. */
    private static TrainingConfig config(long seed) {
        return new TrainingConfig(6, 32, OptimizerSpec.adam(0.01f), 1e-3f, 0.2,
                new EarlyStopping(50, 0), true, true, seed);
    }

    private static RecordedRun train(long initSeed, long trainingSeed) {
        // A new trainer each time, so that nothing carries over between runs.
        return RecordedRun.train(new Trainer(MatMuls.defaultKernel()), Network.initialize(SPEC, initSeed), DATA,
                config(trainingSeed));
    }

    private static List<double[]> losses(RecordedRun result) {
        return result.epochs().stream()
                .map(s -> new double[] {s.trainingLoss(), s.trainingAccuracy(), s.validationLoss(), s.validationAccuracy()})
                .toList();
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndLossHistory() {
        RecordedRun first = train(17, 17);
        RecordedRun second = train(17, 17);

        assertThat(Arrays.equals(first.network().parameters(), second.network().parameters()))
                .as("parameters of two runs with seed 17 are bit-identical").isTrue();
        assertThat(losses(second)).usingRecursiveComparison().isEqualTo(losses(first));
        assertThat(first.epochs()).hasSize(6);
        assertThat(second.network().standardizer().means()).containsExactly(first.network().standardizer().means());
    }

    @Test
    void anotherTrainingSeedGivesOtherWeights() {
        float[] first = train(17, 17).network().parameters();
        float[] other = train(17, 18).network().parameters();

        assertThat(Arrays.equals(first, other)).as("training seeds 17 and 18 (epoch order, split)").isFalse();
    }

    @Test
    void anotherInitialisationSeedGivesOtherWeights() {
        float[] first = train(17, 17).network().parameters();
        float[] other = train(18, 17).network().parameters();

        assertThat(Arrays.equals(first, other)).as("initialisation seeds 17 and 18").isFalse();
    }
}
