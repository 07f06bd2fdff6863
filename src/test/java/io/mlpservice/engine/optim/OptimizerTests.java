package io.mlpservice.engine.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each update rule against its hand-computed first steps on a tiny buffer. */
class OptimizerTests {

    private static final float[] START = {1f, -2f, 0.5f, 3f};
    private static final float[] GRAD = {0.5f, -0.25f, 0f, 4f};

    private static float[] step(Optimizer optimizer, float[] params, float[] grads, long t) {
        optimizer.step(params, grads.clone(), t);
        return params;
    }

    @Test
    void sgdSubtractsTheScaledGradient() {
        Optimizer sgd = new Sgd(0.1f);
        sgd.init(4);

        float[] p = step(sgd, START.clone(), GRAD, 1);

        assertThat(p).containsExactly(new float[] {0.95f, -1.975f, 0.5f, 2.6f}, within(1e-6f));
    }

    @Test
    void momentumAccumulatesAVelocity() {
        Optimizer momentum = new Momentum(0.1f, 0.9f, false);
        momentum.init(4);

        float[] p = step(momentum, START.clone(), GRAD, 1);
        // step 1: v = g; p -= 0.1 g
        assertThat(p).containsExactly(new float[] {0.95f, -1.975f, 0.5f, 2.6f}, within(1e-6f));
        // step 2 with the same gradient: v = 0.9 g + g = 1.9 g; p -= 0.19 g
        step(momentum, p, GRAD, 2);
        assertThat(p).containsExactly(new float[] {0.855f, -1.9275f, 0.5f, 1.84f}, within(1e-6f));
    }

    @Test
    void nesterovLooksAhead() {
        Optimizer nesterov = new Momentum(0.1f, 0.9f, true);
        nesterov.init(4);

        float[] p = step(nesterov, START.clone(), GRAD, 1);
        // step 1: v = g; p -= 0.1 (g + 0.9 v) = 0.19 g
        assertThat(p).containsExactly(new float[] {0.905f, -1.9525f, 0.5f, 2.24f}, within(1e-6f));
        // step 2: v = 1.9 g; p -= 0.1 (g + 0.9 · 1.9 g) = 0.271 g
        step(nesterov, p, GRAD, 2);
        assertThat(p).containsExactly(new float[] {0.7695f, -1.88475f, 0.5f, 1.156f}, within(1e-6f));
    }

    @Test
    void adamsFirstStepMovesEachParameterByTheLearningRateAgainstTheGradientsSign() {
        Optimizer adam = new Adam(0.01f, 0.9f, 0.999f, 1e-8f);
        adam.init(4);

        float[] p = step(adam, START.clone(), GRAD, 1);

        // m̂ = g and v̂ = g², so the step is lr · g / (|g| + eps): lr · sign(g), and 0 for g = 0
        assertThat(p).containsExactly(new float[] {0.99f, -1.99f, 0.5f, 2.99f}, within(1e-6f));
    }

    @Test
    void adamMatchesTheTextbookBiasCorrectedFormOverSeveralSteps() {
        float lr = 0.01f;
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        float eps = 1e-8f;
        Optimizer adam = new Adam(lr, beta1, beta2, eps);
        adam.init(4);
        float[] p = START.clone();
        double[] expected = {1, -2, 0.5, 3};
        double[] m = new double[4];
        double[] v = new double[4];
        float[][] grads = {GRAD, {-1f, -0.25f, 1e-3f, 4f}, {0.3f, 2f, 0f, -4f}};

        for (int t = 1; t <= grads.length; t++) {
            step(adam, p, grads[t - 1], t);
            for (int i = 0; i < 4; i++) {
                double g = grads[t - 1][i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                expected[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            for (int i = 0; i < 4; i++) {
                assertThat((double) p[i]).as("parameter %d after step %d", i, t).isCloseTo(expected[i], within(1e-6));
            }
        }
    }

    @Test
    void freshGivesTheSameHyperparametersWithoutTheState() {
        for (Optimizer used : new Optimizer[] {new Momentum(0.1f, 0.9f, true), new Adam(0.01f, 0.9f, 0.999f, 1e-8f)}) {
            used.init(4);
            float[] firstStep = step(used, START.clone(), GRAD, 1);
            step(used, START.clone(), GRAD, 2);   // state now non-zero

            Optimizer fresh = used.fresh();
            fresh.init(4);

            assertThat(fresh).isNotSameAs(used).isInstanceOf(used.getClass());
            assertThat(step(fresh, START.clone(), GRAD, 1)).as(used.getClass().getSimpleName()).containsExactly(firstStep);
        }
    }

    @Test
    void initZeroesTheState() {
        Optimizer momentum = new Momentum(0.1f, 0.9f, false);
        momentum.init(4);
        step(momentum, START.clone(), GRAD, 1);

        momentum.init(4);

        assertThat(step(momentum, START.clone(), GRAD, 1)).containsExactly(new float[] {0.95f, -1.975f, 0.5f, 2.6f}, within(1e-6f));
    }
}
