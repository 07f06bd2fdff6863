package io.mlpservice.engine.train;

import static io.mlpservice.engine.train.Checkpoints.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A warm start: a run that goes on from the weights, standardisation and end state of an
 * earlier one. Two runs of 50 epochs, the second warm-started from the first, end with the bits
 * of one run of 100 (weights, every epoch's figures, predictions, optimizer state), whatever the
 * optimizer; schedules and early stopping count from the warm run's own first epoch.
 */
class WarmStartTests {

    private static final NetworkSpec SPEC = new NetworkSpec(6, List.of(16, 8), Activation.TANH, 3);
    /** Overlapping classes, so that the loss keeps moving for every epoch. */
    private static final Dataset DATA = TestData.blobs(300, 6, 3, 1.0, 17);
    /** Five mini-batches an epoch; two workers on two threads. */
    private static final int BATCH = 64;

    record Case(OptimizerSpec optimizer, int threads, double validationSplit) {

        TrainingConfig config(int epochs) {
            return new TrainingConfig(epochs, BATCH, optimizer, 1e-3f, validationSplit, null, true, true, 23);
        }

        @Override
        public String toString() {
            return optimizer.kind() + (optimizer.nesterov() ? " nesterov" : "") + ", " + threads + " threads, split "
                    + validationSplit;
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        OptimizerSpec[] optimizers = {OptimizerSpec.sgd(0.05f),
                new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.02f, 0.9f, false, 0.9f, 0.999f, 1e-8f),
                new OptimizerSpec(OptimizerSpec.Kind.MOMENTUM, 0.02f, 0.9f, true, 0.9f, 0.999f, 1e-8f),
                OptimizerSpec.adam(0.01f)};
        for (OptimizerSpec optimizer : optimizers) {
            for (int threads : new int[] {1, 2}) {
                for (double split : new double[] {0, 0.25}) {
                    cases.add(new Case(optimizer, threads, split));
                }
            }
        }
        return cases.stream();
    }

    private static Trainer trainer(int threads) {
        return new Trainer(MatMuls.defaultKernel(), threads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void twoRunsOfFiftyEpochsWarmStartedEndWithTheBitsOfOneRunOfAHundred(Case c) {
        ServiceLike whole = ServiceLike.recording();
        TrainingResult hundred = trainer(c.threads()).prepare(Network.initialize(SPEC, 5), DATA, c.config(100))
                .run(whole);
        TrainingResult first = trainer(c.threads()).prepare(Network.initialize(SPEC, 5), DATA, c.config(50))
                .run(ServiceLike.recording());
        TrainingState state = first.endState();
        ServiceLike continued = ServiceLike.recording();

        TrainingResult second = trainer(c.threads())
                .prepareWarmStart(first.network(), state, DATA, null, c.config(50)).run(continued);

        assertThat(state.epochsCompleted()).isEqualTo(50);
        assertThat(StatsBits.of(continued.epochs)).as("epochs 51 to 100")
                .isEqualTo(StatsBits.of(whole.epochs.subList(50, 100))).hasSize(50);
        assertThat(second.last().epoch()).isEqualTo(100);
        assertThat(bits(second.network().parameters())).as("the final weights")
                .containsExactly(bits(hundred.network().parameters()));
        assertThat(bits(second.network().predictProbabilities(DATA.features(), DATA.rows()))).as("predictions")
                .containsExactly(bits(hundred.network().predictProbabilities(DATA.features(), DATA.rows())));
        assertThat(bits(second.network().standardizer().means()))
                .containsExactly(bits(hundred.network().standardizer().means()));
        ResumeTests.assertSameState(second.checkpoint(), hundred.checkpoint());
    }

    @Test
    void aRegressionKeepsItsTargetsStandardisationAndContinuesBitForBit() {
        NetworkSpec spec = new NetworkSpec(io.mlpservice.engine.Task.REGRESSION, 2,
                List.of(new io.mlpservice.engine.HiddenLayer(12, Activation.TANH)), Activation.TANH, 2);
        Dataset wave = RegressionTests.wave(200, 2, 3);
        TrainingConfig twenty = new TrainingConfig(20, 32, OptimizerSpec.adam(0.01f), 0f, 0.2, null, true, true, 9);
        TrainingConfig ten = new TrainingConfig(10, 32, OptimizerSpec.adam(0.01f), 0f, 0.2, null, true, true, 9);
        TrainingResult whole = trainer(1).prepare(Network.initialize(spec, 4), wave, twenty).run(ServiceLike.recording());
        TrainingResult first = trainer(1).prepare(Network.initialize(spec, 4), wave, ten).run(ServiceLike.recording());

        TrainingResult second = trainer(1).prepareWarmStart(first.network(), first.endState(), wave, null, ten)
                .run(ServiceLike.recording());

        assertThat(bits(second.network().targetStandardizer().scales()))
                .containsExactly(bits(first.network().targetStandardizer().scales()));
        assertThat(bits(second.network().predict(wave.features(), wave.rows())))
                .containsExactly(bits(whole.network().predict(wave.features(), wave.rows())));
    }

    @Test
    void aWarmRunInterruptedAndResumedFromItsCheckpointEndsWithTheSameBits() {
        Case c = new Case(OptimizerSpec.adam(0.01f), 2, 0.25);
        TrainingResult first = trainer(2).prepare(Network.initialize(SPEC, 5), DATA, c.config(5))
                .run(ServiceLike.recording());
        TrainingResult uninterrupted = trainer(2)
                .prepareWarmStart(first.network(), first.endState(), DATA, null, c.config(6))
                .run(ServiceLike.recording());
        ServiceLike crashing = ServiceLike.crashingAfterCheckpoint(8);
        Trainer.Prepared warm = trainer(2).prepareWarmStart(first.network(), first.endState(), DATA, null, c.config(6));
        assertThatThrownBy(() -> warm.run(crashing)).isInstanceOf(CancellationException.class);
        ServiceLike continued = ServiceLike.recording();

        TrainingResult resumed = trainer(2)
                .prepareWarmStart(first.network(), first.endState(), DATA, null, c.config(6))
                .run(continued, Checkpoints.storedAndReadBack(crashing.taken));

        assertThat(crashing.taken.epochsCompleted()).isEqualTo(8);
        assertThat(continued.epochs).extracting(EpochStats::epoch).containsExactly(9, 10, 11);
        assertThat(bits(resumed.network().parameters())).containsExactly(bits(uninterrupted.network().parameters()));
    }

    @Test
    void theStandardisationIsKeptNotFittedOnTheNewRows() {
        TrainingConfig config = new TrainingConfig(3, BATCH, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 23);
        TrainingResult first = trainer(1).prepare(Network.initialize(SPEC, 5), DATA, config).run(ServiceLike.recording());
        Dataset shifted = TestData.scaled(DATA, 3f, 10f);

        TrainingResult second = trainer(1).prepareWarmStart(first.network(), first.endState(), shifted, null, config)
                .run(ServiceLike.recording());
        TrainingResult refitted = trainer(1).prepare(Network.initialize(SPEC, 5), shifted, config)
                .run(ServiceLike.recording());

        assertThat(bits(second.network().standardizer().means()))
                .containsExactly(bits(first.network().standardizer().means()));
        assertThat(refitted.network().standardizer().means()[0])
                .isNotEqualTo(first.network().standardizer().means()[0]);
    }

    @Test
    void aScheduleAndEarlyStoppingCountFromTheWarmRunsFirstEpoch() {
        LearningRateSchedule step = new LearningRateSchedule(LearningRateSchedule.Type.STEP, 2, 0.5, 0, 0, 0.1, 10);
        TrainingConfig config = new TrainingConfig(4, BATCH, OptimizerSpec.sgd(0.05f), 0f, 0.25,
                new EarlyStopping(1, 10.0), true, true, 23, true, step);
        TrainingResult first = trainer(1).prepare(Network.initialize(SPEC, 5), DATA, config).run(ServiceLike.recording());
        ServiceLike warm = ServiceLike.recording();

        TrainingResult second = trainer(1).prepareWarmStart(first.network(), first.endState(), DATA, null, config)
                .run(warm);

        // a min delta of 10 nats: no epoch after the first of a run improves, so each run stops after its second
        assertThat(first.last().epoch()).isEqualTo(2);
        assertThat(warm.epochs).extracting(EpochStats::epoch).containsExactly(3, 4);
        assertThat(warm.epochs).extracting(EpochStats::learningRate).containsExactly(0.05f * 1.0, 0.05f * 1.0);
        assertThat(second.bestEpoch()).isEqualTo(3);
        assertThat(second.stopReason()).isEqualTo(StopReason.EARLY_STOPPED);
    }

    @Test
    void withoutAStateTheWeightsAreKeptAndTheOptimizerStartsAfresh() {
        TrainingConfig raw = new TrainingConfig(6, BATCH, OptimizerSpec.adam(0.01f), 0f, 0, null, false, true, 23);
        Network initial = Network.initialize(SPEC, 5);
        ServiceLike cold = ServiceLike.recording();
        TrainingResult fromScratch = trainer(1).prepare(initial, DATA, raw).run(cold);
        ServiceLike warm = ServiceLike.recording();

        TrainingResult warmStarted = trainer(1).prepareWarmStart(initial, null, DATA, null, raw).run(warm);

        assertThat(StatsBits.of(warm.epochs)).isEqualTo(StatsBits.of(cold.epochs));
        assertThat(bits(warmStarted.network().parameters())).containsExactly(bits(fromScratch.network().parameters()));
    }

    @Test
    void refusesTheStateOfAnotherOptimizerNamingBoth() {
        TrainingConfig adam = new TrainingConfig(2, BATCH, OptimizerSpec.adam(0.01f), 0f, 0, null, true, true, 23);
        TrainingConfig sgd = new TrainingConfig(2, BATCH, OptimizerSpec.sgd(0.01f), 0f, 0, null, true, true, 23);
        TrainingResult first = trainer(1).prepare(Network.initialize(SPEC, 5), DATA, adam).run(ServiceLike.recording());

        assertThatThrownBy(() -> trainer(1).prepareWarmStart(first.network(), first.endState(), DATA, null, sgd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the saved state is of the adam optimizer; this run's is sgd");
    }
}
