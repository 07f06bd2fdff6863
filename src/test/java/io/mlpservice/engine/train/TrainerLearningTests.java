package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.optim.OptimizerSpec.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Training reaches what a user expects of it: accuracy thresholds (determinism is asserted separately). */
class TrainerLearningTests {

    private final Trainer trainer = new Trainer(MatMuls.defaultKernel());

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "RELU"})
    void learnsXor(Activation activation) {
        long seed = 5;
        NetworkSpec spec = new NetworkSpec(2, List.of(8), activation, 2);
        TrainingConfig config = new TrainingConfig(300, 4, OptimizerSpec.adam(0.05f), 0f, 0, null,
                false, false, seed);

        Network trained = trainer.train(Network.initialize(spec, seed), TestData.xor(), config,
                TrainingListener.NONE).network();

        float[] p = trained.predictProbabilities(TestData.xor().features(), 4);
        for (int r = 0; r < 4; r++) {
            int label = TestData.xor().labels()[r];
            assertThat(p[2 * r + label]).as("P(class %d) of XOR row %d, seed %d", label, r, seed).isGreaterThan(0.9f);
        }
        assertThat(TestData.accuracy(trained, TestData.xor())).isEqualTo(1.0);
    }

    /** Every non-linear activation; the identity makes the network linear, which rings defeat. */
    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "IDENTITY", mode = EnumSource.Mode.EXCLUDE)
    void reachesNinetyFivePercentOnHeldOutRowsOfThreeConcentricRings(Activation activation) {
        long seed = 11;
        Dataset training = TestData.rings(900, seed);
        Dataset heldOut = TestData.rings(300, seed + 1000);
        NetworkSpec spec = new NetworkSpec(2, List.of(16, 16), activation, 3);
        TrainingConfig config = new TrainingConfig(60, 32, OptimizerSpec.adam(0.01f), 0f, 0, null,
                true, true, seed);

        Network trained = trainer.train(Network.initialize(spec, seed), training, config,
                TrainingListener.NONE).network();

        assertThat(TestData.accuracy(trained, heldOut)).as("held-out accuracy, %s, seed %d", activation, seed)
                .isGreaterThanOrEqualTo(0.95);
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("sgd", OptimizerSpec.sgd(0.1f)),
                Arguments.of("momentum", new OptimizerSpec(Kind.MOMENTUM, 0.02f, 0.9f, false, 0.9f, 0.999f, 1e-8f)),
                Arguments.of("nesterov", new OptimizerSpec(Kind.MOMENTUM, 0.02f, 0.9f, true, 0.9f, 0.999f, 1e-8f)),
                Arguments.of("adam", OptimizerSpec.adam(0.01f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void everyOptimizerDecreasesTheLoss(String name, OptimizerSpec optimizer) {
        long seed = 3;
        Dataset data = TestData.blobs(300, 4, 3, 2.0, seed);
        Network initial = Network.initialize(new NetworkSpec(4, List.of(8), Activation.TANH, 3), seed);
        TrainingConfig config = new TrainingConfig(5, 20, optimizer, 0f, 0, null, false, true, seed);

        Network trained = trainer.train(initial, data, config, TrainingListener.NONE).network();

        double before = TestData.meanLoss(initial, data);
        double after = TestData.meanLoss(trained, data);
        assertThat(after).as("%s: loss before %s, after 5 epochs", name, before).isLessThan(0.5 * before);
    }
}
