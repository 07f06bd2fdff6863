package io.mlpservice.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An optimizer's state read out and put into a fresh optimizer continues the same steps, bit for bit. */
class OptimizerStateTests {

    /** Odd, so that the SIMD loops' scalar tails are covered too. */
    private static final int SIZE = 37;

    static Stream<Optimizer> optimizers() {
        return Stream.of(new Sgd(0.05f), new Momentum(0.05f, 0.9f, false), new Momentum(0.05f, 0.8f, true),
                new Adam(0.01f, 0.9f, 0.999f, 1e-8f));
    }

    private static float[] randoms(SplittableRandom random) {
        float[] values = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            values[i] = (float) (2 * random.nextDouble() - 1);
        }
        return values;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void aRestoredStateContinuesWithTheSameBits(Optimizer original) {
        SplittableRandom random = new SplittableRandom(8);
        original.init(SIZE);
        float[] params = randoms(random);
        for (long t = 1; t <= 5; t++) {
            original.step(params, randoms(random), t);
        }
        OptimizerState saved = original.state();
        float[] savedParams = params.clone();
        Optimizer restored = original.fresh();
        restored.init(SIZE);

        restored.restore(saved);

        float[] continued = savedParams.clone();
        for (long t = 6; t <= 9; t++) {
            float[] grads = randoms(random);
            original.step(params, grads, t);
            restored.step(continued, grads, t);
        }
        assertThat(bits(continued)).as(original.getClass().getSimpleName()).containsExactly(bits(params));
        assertThat(Arrays.equals(continued, savedParams)).as("the steps moved the parameters").isFalse();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void theStateIsACopyInTheParameterLayout(Optimizer optimizer) {
        optimizer.init(SIZE);
        float[] params = new float[SIZE];
        float[] grads = new float[SIZE];
        grads[3] = 1f;
        optimizer.step(params, grads, 1);

        OptimizerState state = optimizer.state();
        float[] before = state.bufferCount() > 0 ? state.buffer(0) : new float[0];
        optimizer.step(params, grads, 2);
        if (state.bufferCount() > 0) {
            state.buffer(0)[3] = 99f;
        }

        assertThat(state.bufferCount()).isEqualTo(switch (optimizer) {
            case Sgd s -> 0;
            case Momentum m -> 1;
            case Adam a -> 2;
        });
        for (int b = 0; b < state.bufferCount(); b++) {
            float[] buffer = state.buffer(b);
            assertThat(buffer).as("buffer %d covers every parameter", b).hasSize(SIZE);
            assertThat(buffer[3]).as("buffer %d holds the one non-zero gradient's trace at its index", b).isPositive();
            assertThat(buffer[2]).isZero();
        }
        if (state.bufferCount() > 0) {
            assertThat(state.buffer(0)).as("later steps and edits of a copy leave the state alone")
                    .containsExactly(before);
        }
    }

    @Test
    void momentumsStateIsTheVelocityAndAdamsTheTwoMoments() {
        float[] params = new float[4];
        float[] grads = {0.5f, -0.25f, 0f, 4f};
        Momentum momentum = new Momentum(0.1f, 0.9f, false);
        momentum.init(4);
        Adam adam = new Adam(0.01f, 0.9f, 0.999f, 1e-8f);
        adam.init(4);

        momentum.step(params.clone(), grads, 1);
        adam.step(params.clone(), grads, 1);

        assertThat(momentum.state().kind()).isEqualTo(OptimizerSpec.Kind.MOMENTUM);
        assertThat(momentum.state().buffer(0)).as("v = g after one step").containsExactly(grads);
        assertThat(adam.state().kind()).isEqualTo(OptimizerSpec.Kind.ADAM);
        float c1 = 1f - 0.9f;
        float c2 = 1f - 0.999f;
        assertThat(adam.state().buffer(0)).as("m = (1 - beta1) g")
                .containsExactly(c1 * 0.5f, c1 * -0.25f, 0f, c1 * 4f);
        assertThat(adam.state().buffer(1)).as("v = (1 - beta2) g²")
                .containsExactly(0.5f * 0.5f * c2, 0.25f * 0.25f * c2, 0f, 16f * c2);
    }

    @Test
    void refusesAStateOfAnotherSizeOrKind() {
        Adam adam = new Adam(0.01f, 0.9f, 0.999f, 1e-8f);
        adam.init(12);
        Momentum momentum = new Momentum(0.1f, 0.9f, false);
        momentum.init(12);
        Sgd sgd = new Sgd(0.1f);
        sgd.init(12);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> adam.restore(
                        OptimizerState.of(OptimizerSpec.Kind.ADAM, new float[10], new float[10])))
                .withMessage("the state of adam covers 10 parameters; the optimizer was initialised for 12");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> momentum.restore(adam.state()))
                .withMessage("a state of adam cannot be restored into momentum");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> sgd.restore(momentum.state()))
                .withMessage("a state of momentum cannot be restored into sgd");
    }

    @Test
    void refusesBuffersThatDoNotMakeAStateOfTheirKind() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OptimizerState.of(OptimizerSpec.Kind.ADAM, new float[5]))
                .withMessage("the state of adam holds 2 buffers, got 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OptimizerState.of(OptimizerSpec.Kind.SGD, new float[5]))
                .withMessage("the state of sgd holds 0 buffers, got 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OptimizerState.of(OptimizerSpec.Kind.ADAM, new float[5], new float[4]))
                .withMessage("buffer 1 of the state of adam holds 4 values, buffer 0 holds 5");
    }
}
