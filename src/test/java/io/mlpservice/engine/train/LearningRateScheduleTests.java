package io.mlpservice.engine.train;

import static io.mlpservice.engine.train.Checkpoints.StatsBits;
import static io.mlpservice.engine.train.Checkpoints.bits;
import static io.mlpservice.engine.train.Checkpoints.storedAndReadBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.LearningRateSchedule.Type;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * Each schedule's rate per epoch against values computed by hand, the rates a run reports and
 * trains with, and a plateau run continued from a checkpoint with the bits of the run never stopped.
 */
class LearningRateScheduleTests {

    private static final NetworkSpec SPEC = new NetworkSpec(6, List.of(16, 8), Activation.TANH, 3);
    private static final Dataset DATA = TestData.blobs(400, 6, 3, 1.0, 17);

    private static float[] rates(LearningRateSchedule schedule, float lr, int epochs) {
        float[] rates = new float[epochs];
        for (int e = 1; e <= epochs; e++) {
            rates[e - 1] = schedule.rate(lr, e, epochs);
        }
        return rates;
    }

    @Test
    void stepAndExponentialFollowTheirFormulas() {
        LearningRateSchedule step = new LearningRateSchedule(Type.STEP, 3, 0.5, 0, 0, 0.1, 0);
        // 0.1 · 0.5^⌊(e − 1) / 3⌋: three epochs at 0.1, three at 0.05, then 0.025
        assertThat(rates(step, 0.1f, 7)).containsExactly(0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f, 0.025f);
        LearningRateSchedule exponential = new LearningRateSchedule(Type.EXPONENTIAL, 1, 0.5, 0, 0, 0.1, 0);
        assertThat(rates(exponential, 0.08f, 4)).containsExactly(0.08f, 0.04f, 0.02f, 0.01f);
        assertThat(rates(LearningRateSchedule.CONSTANT, 0.003f, 3)).containsExactly(0.003f, 0.003f, 0.003f);
    }

    @Test
    void cosineWarmsUpLinearlyThenFallsFromTheRateToTheMinimumOnTheLastEpoch() {
        LearningRateSchedule cosine = new LearningRateSchedule(Type.COSINE, 1, 1, 0.01, 2, 0.1, 0);
        float[] r = rates(cosine, 0.1f, 7);
        // warm-up: 0.1 · 1/2, 0.1 · 2/2; then t = 0, 1/4, 1/2, 3/4, 1 over epochs 3..7:
        // 0.01 + 0.09 · (1 + cos(π t)) / 2 = 0.1, 0.08682, 0.055, 0.02318, 0.01
        assertThat(r).containsExactly(0.05f, 0.1f, 0.1f,
                (float) (0.01 + 0.09 * (1 + Math.sqrt(0.5)) / 2), 0.055f,
                (float) (0.01 + 0.09 * (1 - Math.sqrt(0.5)) / 2), 0.01f);
    }

    @Test
    void plateauCutsTheRateAfterMoreThanPatienceEpochsWithoutARelativeImprovement() {
        LearningRateSchedule plateau = new LearningRateSchedule(Type.PLATEAU, 1, 1, 0.002, 0, 0.5, 1);
        LearningRateSchedule.Plateau state = LearningRateSchedule.Plateau.start(0.01f);
        double[] losses = {1.0, 0.9, 0.89995, 0.95, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
        float[] next = new float[losses.length];
        for (int i = 0; i < losses.length; i++) {
            state = state.after(losses[i], plateau);
            next[i] = state.rate();
        }
        // 0.89995 is no improvement on 0.9 (not below 0.9 · (1 − 1e-4)); two such epochs in a row
        // exceed a patience of 1 and halve the rate; then the floor 0.002 holds it
        assertThat(next).containsExactly(0.01f, 0.01f, 0.01f, 0.005f, 0.005f, 0.005f, 0.0025f, 0.0025f, 0.002f, 0.002f);
    }

    @Test
    void refusesParametersOutsideTheirRanges() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LearningRateSchedule(Type.STEP, 0, 0.5, 0, 0, 0.1, 0))
                .withMessage("stepSize must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new LearningRateSchedule(Type.STEP, 1, 1.5, 0, 0, 0.1, 0))
                .withMessage("gamma must be in (0, 1], was 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> new LearningRateSchedule(Type.PLATEAU, 1, 1, 0, 0, 1, 0))
                .withMessage("factor must be in (0, 1), was 1.0");
    }

    private static TrainingConfig config(LearningRateSchedule schedule, int epochs) {
        return new TrainingConfig(epochs, 64, OptimizerSpec.adam(0.05f), 1e-3f, 0.25, null, true, true, 23, true,
                schedule);
    }

    @Test
    void aRunReportsAndTrainsWithEachEpochsRate() {
        LearningRateSchedule step = new LearningRateSchedule(Type.STEP, 2, 0.5, 0, 0, 0.1, 0);
        ServiceLike recording = ServiceLike.recording();
        TrainingResult scheduled = new Trainer(MatMuls.defaultKernel(), 1)
                .train(Network.initialize(SPEC, 5), DATA, config(step, 5), recording);
        assertThat(recording.epochs.stream().map(s -> (float) s.learningRate()).toList())
                .containsExactly(0.05f, 0.05f, 0.025f, 0.025f, 0.0125f);
        TrainingResult constant = new Trainer(MatMuls.defaultKernel(), 1)
                .train(Network.initialize(SPEC, 5), DATA, config(null, 5), TrainingListener.NONE);
        assertThat(bits(scheduled.network().parameters())).as("a schedule changes the updates")
                .isNotEqualTo(bits(constant.network().parameters()));
    }

    @Test
    void aPlateauRunContinuedFromItsCheckpointEndsWithTheBitsOfTheRunNeverStopped() {
        LearningRateSchedule plateau = new LearningRateSchedule(Type.PLATEAU, 1, 1, 0.0001, 0, 0.5, 0);
        int epochs = 12;
        ServiceLike uninterrupted = ServiceLike.recording();
        TrainingResult expected = new Trainer(MatMuls.defaultKernel(), 2)
                .prepare(Network.initialize(SPEC, 5), DATA, config(plateau, epochs)).run(uninterrupted);
        assertThat(uninterrupted.epochs.stream().map(EpochStats::learningRate).distinct().count())
                .as("the rate was cut at least once").isGreaterThan(1);

        ServiceLike crashing = ServiceLike.crashingAfterCheckpoint(6);
        Trainer.Prepared first = new Trainer(MatMuls.defaultKernel(), 2)
                .prepare(Network.initialize(SPEC, 5), DATA, config(plateau, epochs));
        assertThat(catchThrowableOfType(CancellationException.class, () -> first.run(crashing))).isNotNull();
        TrainingCheckpoint checkpoint = storedAndReadBack(crashing.taken);
        assertThat(checkpoint.plateau()).isNotNull();
        ServiceLike continued = ServiceLike.recording();
        TrainingResult actual = new Trainer(MatMuls.defaultKernel(), 2)
                .prepare(Network.initialize(SPEC, 5), DATA, config(plateau, epochs)).run(continued, checkpoint);

        assertThat(StatsBits.of(continued.epochs)).isEqualTo(StatsBits.of(uninterrupted.epochs.subList(6, epochs)));
        assertThat(bits(actual.network().parameters())).containsExactly(bits(expected.network().parameters()));
        assertThat(actual.checkpoint().plateau()).isEqualTo(expected.checkpoint().plateau());
    }
}
