package io.mlpservice.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ReferenceMlp;
import io.mlpservice.engine.linalg.MatMuls;
import io.mlpservice.engine.optim.OptimizerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With one batch of all rows in their stored order, training is plain full-batch gradient
 * descent, and equals a hand-rolled float64 reference (WORKLOADS.md section 5, the seed tutorial)
 * up to float32 rounding.
 */
class FullBatchGradientDescentTests {

    private static final int ROWS = 120;
    private static final int IN = 5;
    private static final int HIDDEN = 8;
    private static final int OUT = 3;
    private static final NetworkSpec SPEC = new NetworkSpec(IN, List.of(HIDDEN), Activation.SIGMOID, OUT);
    private static final Dataset DATA = TestData.blobs(ROWS, IN, OUT, 1.0, 8);

    /*
     * float32 against float64: parameters of magnitude < 1 carry rounding of ~6e-8 per update, and
     * the float32 gradient, a sum over 120 rows, a relative error of ~1e-6; 1e-5 is ten times that,
     * and a thousandth of the largest change one epoch makes (checked below).
     */
    private static final double TOLERANCE = 1e-5;

    private final Trainer trainer = new Trainer(MatMuls.defaultKernel());

    private static TrainingConfig fullBatch(int epochs, OptimizerSpec optimizer) {
        return new TrainingConfig(epochs, ROWS, optimizer, 0f, 0, null, false, false, 1);
    }

    @Test
    void oneEpochEqualsTheHandRolledTutorialStep() {
        float lr = 0.5f;
        Network initial = Network.initialize(SPEC, 43);
        double[] p = ReferenceMlp.widen(initial.parameters());

        double initialLoss = tutorialStep(p, lr);   // p now holds the reference after one epoch
        float[] trained = trainer.train(initial, DATA, fullBatch(1, OptimizerSpec.sgd(lr)), TrainingListener.NONE)
                .network().parameters();

        double largestChange = 0;
        for (int i = 0; i < p.length; i++) {
            assertThat((double) trained[i]).as("parameter %d after one epoch", i).isCloseTo(p[i], within(TOLERANCE));
            largestChange = Math.max(largestChange, Math.abs(p[i] - initial.parameters()[i]));
        }
        assertThat(largestChange).as("the epoch moves the parameters well beyond the tolerance")
                .isGreaterThan(1000 * TOLERANCE);

        // The history reports each epoch's loss before its update: the initial loss, then the loss after one step.
        RecordedRun twoEpochs = RecordedRun.train(trainer, initial, DATA, fullBatch(2, OptimizerSpec.sgd(lr)));
        double lossAfterOneStep = ReferenceMlp.of(SPEC).meanCrossEntropy(p, ReferenceMlp.widen(DATA.features()), DATA.labels());
        assertThat(twoEpochs.epochs().get(0).trainingLoss()).isCloseTo(initialLoss, within(1e-6));
        assertThat(twoEpochs.epochs().get(1).trainingLoss()).isCloseTo(lossAfterOneStep, within(1e-6));
    }

    /**
     * One epoch of the tutorial's full-batch rule, in float64, on parameters in the engine's layout
     * (W1 (HIDDEN, IN), b1, W2 (OUT, HIDDEN), b2):
     * h = sigmoid(X·W1ᵀ + b1), out = softmax(h·W2ᵀ + b2), e = (out − Y) / n,
     * he = (e·W2) ⊙ h ⊙ (1 − h), W2 −= lr·eᵀ·h, b2 −= lr·Σe, W1 −= lr·heᵀ·X, b1 −= lr·Σhe.
     *
     * @return the mean cross-entropy before the update
     */
    private static double tutorialStep(double[] p, double lr) {
        int w1 = 0;
        int b1 = HIDDEN * IN;
        int w2 = b1 + HIDDEN;
        int b2 = w2 + OUT * HIDDEN;
        float[] x = DATA.features();
        int[] y = DATA.labels();
        double[][] h = new double[ROWS][HIDDEN];
        double[][] e = new double[ROWS][OUT];
        double loss = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < HIDDEN; j++) {
                double z = p[b1 + j];
                for (int i = 0; i < IN; i++) {
                    z += x[r * IN + i] * p[w1 + j * IN + i];
                }
                h[r][j] = 1 / (1 + Math.exp(-z));
            }
            double[] logits = new double[OUT];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < OUT; k++) {
                logits[k] = p[b2 + k];
                for (int j = 0; j < HIDDEN; j++) {
                    logits[k] += h[r][j] * p[w2 + k * HIDDEN + j];
                }
                max = Math.max(max, logits[k]);
            }
            double sum = 0;
            for (int k = 0; k < OUT; k++) {
                sum += Math.exp(logits[k] - max);
            }
            for (int k = 0; k < OUT; k++) {
                double out = Math.exp(logits[k] - max) / sum;
                e[r][k] = (out - (y[r] == k ? 1 : 0)) / ROWS;
            }
            loss -= logits[y[r]] - max - Math.log(sum);
        }
        double[][] he = new double[ROWS][HIDDEN];
        for (int r = 0; r < ROWS; r++) {
            for (int j = 0; j < HIDDEN; j++) {
                double s = 0;
                for (int k = 0; k < OUT; k++) {
                    s += e[r][k] * p[w2 + k * HIDDEN + j];   // W2 before its update
                }
                he[r][j] = s * h[r][j] * (1 - h[r][j]);
            }
        }
        for (int r = 0; r < ROWS; r++) {
            for (int k = 0; k < OUT; k++) {
                for (int j = 0; j < HIDDEN; j++) {
                    p[w2 + k * HIDDEN + j] -= lr * e[r][k] * h[r][j];
                }
                p[b2 + k] -= lr * e[r][k];
            }
            for (int j = 0; j < HIDDEN; j++) {
                for (int i = 0; i < IN; i++) {
                    p[w1 + j * IN + i] -= lr * he[r][j] * x[r * IN + i];
                }
                p[b1 + j] -= lr * he[r][j];
            }
        }
        return loss / ROWS;
    }

    @Test
    void adamCountsItsStepsOnAcrossEpochs() {
        float lr = 0.01f;
        int epochs = 3;
        Network initial = Network.initialize(SPEC, 43);
        ReferenceMlp reference = ReferenceMlp.of(SPEC);
        double[] x = ReferenceMlp.widen(DATA.features());
        double[] p = ReferenceMlp.widen(initial.parameters());
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double beta1 = 0.9f;
        double beta2 = 0.999f;
        for (int t = 1; t <= epochs; t++) {   // one full batch per epoch: t = epoch
            double[] g = reference.gradient(p, x, DATA.labels(), 0);
            for (int i = 0; i < p.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(beta1, t));
                double vHat = v[i] / (1 - Math.pow(beta2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }

        float[] trained = trainer.train(initial, DATA, fullBatch(epochs, OptimizerSpec.adam(lr)), TrainingListener.NONE)
                .network().parameters();

        // Adam moves each parameter by about lr per step whatever the gradient's size, so the
        // comparison is relative to lr; restarting t at 1 every epoch would be off by ~lr.
        for (int i = 0; i < p.length; i++) {
            assertThat((double) trained[i]).as("parameter %d after %d Adam epochs", i, epochs)
                    .isCloseTo(p[i], within(1e-3 * lr));
        }
    }

    @Test
    void fullBatchWithAValidationSplitTrainsOnTheTrainingRowsOnly() {
        // Unshuffled, the full batch is read straight from the training rows, with no copy;
        // shuffled, it is gathered into a workspace. Both must train on the same rows (the sum
        // order differs, so up to rounding) and never on the validation rows.
        Network initial = Network.initialize(SPEC, 43);
        TrainingConfig stored = new TrainingConfig(4, 1000, OptimizerSpec.sgd(0.5f), 0f, 0.3, null, false, false, 9);
        TrainingConfig shuffled = new TrainingConfig(4, 1000, OptimizerSpec.sgd(0.5f), 0f, 0.3, null, false, true, 9);

        RecordedRun direct = RecordedRun.train(trainer, initial, DATA, stored);
        RecordedRun gathered = RecordedRun.train(trainer, initial, DATA, shuffled);

        float[] a = direct.network().parameters();
        float[] b = gathered.network().parameters();
        for (int i = 0; i < a.length; i++) {
            assertThat((double) a[i]).as("parameter %d", i).isCloseTo(b[i], within(TOLERANCE));
        }
        for (int epoch = 0; epoch < 4; epoch++) {
            EpochStats s = direct.epochs().get(epoch);
            EpochStats t = gathered.epochs().get(epoch);
            assertThat(s.hasValidation()).isTrue();
            assertThat(s.trainingLoss()).as("training loss of epoch %d", epoch + 1).isCloseTo(t.trainingLoss(), within(1e-6));
            assertThat(s.validationLoss()).as("validation loss of epoch %d", epoch + 1).isCloseTo(t.validationLoss(), within(1e-6));
        }
    }
}
