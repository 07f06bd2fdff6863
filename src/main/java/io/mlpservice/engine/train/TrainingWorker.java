package io.mlpservice.engine.train;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Dense;
import io.mlpservice.engine.ParameterLayout;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.mlpservice.engine.SquaredError;
import io.mlpservice.engine.linalg.MatMul;

/**
 * One worker of {@link MiniBatches}: the workspace of its slice of each mini-batch (gathered
 * rows, activations, deltas, gradients), sized once, and its running loss and metric totals.
 */
final class TrainingWorker {

    private final ParameterLayout layout;
    private final Activation[] activations;
    /** Dropout probability of each hidden layer; 0 for none. */
    private final float[] dropouts;
    /** Seeds the dropout masks. */
    private final long seed;
    private final MatMul matMul;
    final int capacity;
    final float[] input;            // (capacity, in(0)): gathered rows
    final int[] labels;             // (capacity) for a classification
    final float[] targets;          // (capacity, outputs) for a regression, else empty
    private final float[][] outputs; // outputs[l]: (capacity, out(l)) of hidden layer l
    /** preActivations[l]: (capacity, out(l)) for a layer whose derivative needs them (GELU), else null. */
    private final float[][] preActivations;
    /** dropped[l]: (capacity, out(l)), hidden layer l's outputs after dropout, the next layer's input; null without dropout. */
    private final float[][] dropped;
    /** Whether the last forward pass dropped units, and the step and first row position it drew its masks for. */
    private boolean dropping;
    private long dropStep;
    private int dropFirst;
    final float[] logits;           // (capacity, outputs): logits or a regression's outputs; becomes the gradient in place
    private final float[] deltaA;   // (capacity, widest hidden layer), ping
    private final float[] deltaB;   // (capacity, widest hidden layer), pong
    final float[] grads;            // the parameter layout
    /** {summed loss, correct rows} of the current epoch's batches, or of the held-out rows (correct rows: 0 for a regression). */
    final double[] totals = new double[2];

    TrainingWorker(ParameterLayout layout, Activation[] activations, float[] dropouts, long seed, boolean regression,
                   MatMul matMul, int capacity, int parameters) {
        this.layout = layout;
        this.activations = activations;
        this.dropouts = dropouts;
        this.seed = seed;
        this.matMul = matMul;
        this.capacity = capacity;
        int layers = layout.layers();
        int outs = layout.out(layers - 1);
        this.input = new float[capacity * layout.in(0)];
        this.labels = new int[regression ? 0 : capacity];
        this.targets = new float[regression ? capacity * outs : 0];
        this.outputs = new float[layers - 1][];
        this.preActivations = new float[layers - 1][];
        this.dropped = new float[layers - 1][];
        int widest = 0;
        for (int l = 0; l < layers - 1; l++) {
            outputs[l] = new float[capacity * layout.out(l)];
            if (activations[l].derivativeFromInput()) {
                preActivations[l] = new float[capacity * layout.out(l)];
            }
            if (dropouts[l] > 0f) {
                dropped[l] = new float[capacity * layout.out(l)];
            }
            widest = Math.max(widest, layout.out(l));
        }
        this.logits = new float[capacity * outs];
        this.deltaA = new float[capacity * widest];
        this.deltaB = layers > 2 ? new float[capacity * widest] : null;
        this.grads = new float[parameters];
    }

    /** Forward pass of {@code n} rows of {@code x} from {@code xOffset} into the logits, dropping nothing. */
    void forward(float[] params, float[] x, int xOffset, int n) {
        dropping = false;
        pass(params, x, xOffset, n);
    }

    /**
     * Forward pass of a training step: each hidden layer with dropout drops units by the masks of
     * optimizer step {@code step}, the rows being at positions {@code firstPosition ..} of their
     * mini-batch; {@link #backward} then applies the same masks.
     */
    void forwardTraining(float[] params, float[] x, int xOffset, int n, long step, int firstPosition) {
        dropping = true;
        dropStep = step;
        dropFirst = firstPosition;
        pass(params, x, xOffset, n);
    }

    /** The input of layer {@code l >= 1}: the previous layer's outputs, after dropout when it drops. */
    private float[] inputOf(int l) {
        return dropping && dropped[l - 1] != null ? dropped[l - 1] : outputs[l - 1];
    }

    private void pass(float[] params, float[] x, int xOffset, int n) {
        int layers = layout.layers();
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            float[] in = l == 0 ? x : inputOf(l);
            int inOffset = l == 0 ? xOffset : 0;
            if (!last && preActivations[l] != null) {
                // keep z + b for the derivative, then the outputs from it
                Dense.forward(matMul, layout, params, l, null, in, inOffset, n, preActivations[l], 0);
                activations[l].apply(preActivations[l], 0, outputs[l], 0, n * layout.out(l));
            } else {
                Dense.forward(matMul, layout, params, l, last ? null : activations[l],
                        in, inOffset, n, last ? logits : outputs[l], 0);
            }
            if (!last && dropping && dropped[l] != null) {
                int size = n * layout.out(l);
                System.arraycopy(outputs[l], 0, dropped[l], 0, size);
                Dropout.apply(dropped[l], n, layout.out(l), seed, dropStep, dropFirst, l, dropouts[l]);
            }
        }
    }

    /** Backward pass from the logits' gradient into {@link #grads}, or added to them. */
    void backward(float[] params, float[] x, int xOffset, int n, boolean accumulate) {
        float[] dz = logits;
        for (int l = layout.layers() - 1; l >= 0; l--) {
            float[] in = l == 0 ? x : inputOf(l);
            int inOffset = l == 0 ? xOffset : 0;
            float[] dx = l == 0 ? null : (dz == deltaA ? deltaB : deltaA);
            Dense.backward(matMul, layout, params, l, dz, n, in, inOffset, grads, dx, accumulate);
            if (dx != null) {
                if (dropping && dropped[l - 1] != null) {
                    // through the mask: dropped units pass no gradient, kept ones scale it by 1 / (1 - p)
                    Dropout.apply(dx, n, layout.in(l), seed, dropStep, dropFirst, l - 1, dropouts[l - 1]);
                }
                float[] from = preActivations[l - 1] != null ? preActivations[l - 1] : outputs[l - 1];
                activations[l - 1].backward(dx, 0, from, 0, n * layout.in(l));
                dz = dx;
            }
        }
    }

    /**
     * Loss and correct count over rows {@code [from, to)} of held-out data, a capacity at a time:
     * a classification's labels {@code y}, or a regression's (rows, outputs) targets {@code t}.
     */
    void evaluate(float[] params, float[] x, int[] y, float[] t, int from, int to) {
        int columns = layout.in(0);
        int outs = layout.out(layout.layers() - 1);
        double loss = 0;
        int correct = 0;
        for (int first = from; first < to; first += capacity) {
            int n = Math.min(capacity, to - first);
            forward(params, x, first * columns, n);
            for (int i = 0; i < n; i++) {
                if (t != null) {
                    loss += SquaredError.rowLoss(logits, i * outs, outs, t, (first + i) * outs);
                    continue;
                }
                int label = y[first + i];
                loss += SoftmaxCrossEntropy.rowLossFromLogits(logits, i * outs, outs, label);
                if (SoftmaxCrossEntropy.argmax(logits, i * outs, outs) == label) {
                    correct++;
                }
            }
        }
        totals[0] = loss;
        totals[1] = correct;
    }
}
