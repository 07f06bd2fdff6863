package io.mlpservice.engine.train;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Dense;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ParameterLayout;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Mini-batch training with backpropagation. One call to {@link #train} holds its whole workspace
 * (activations, gradients, optimizer state), sized once before the first epoch: the epoch loop
 * allocates nothing. Deterministic: the same network, data and configuration give the same bits.
 */
public final class Trainer {

    /**
     * A mean training loss at or above this, {@code -ln(Float.MIN_NORMAL)} ≈ 87.3 nats, means the
     * average row gives its label a probability below the smallest normal float: no run that
     * learns gets there (guessing uniformly costs ln(classes)), while a run whose weights blow up
     * does, even when saturating units keep every number finite.
     */
    static final double DIVERGED_LOSS = -Math.log(Float.MIN_NORMAL);

    private final MatMul matMul;

    public Trainer(MatMul matMul) {
        this.matMul = matMul;
    }

    /**
     * Trains a copy of {@code initial}'s parameters; {@code initial} itself is not changed.
     *
     * @throws IllegalArgumentException when the data does not fit the network or the split leaves
     *                                  a side empty
     * @throws IllegalStateException    when the loss stops being finite (divergence)
     * @throws CancellationException    when the listener cancels the run
     */
    public TrainingResult train(Network initial, Dataset data, TrainingConfig config, TrainingListener listener) {
        NetworkSpec spec = initial.spec();
        checkFits(spec, data);
        Split split = Split.of(data, config.validationSplit(), config.standardize(),
                new SplittableRandom(config.seed()).split());
        Standardizer standardizer = config.standardize()
                ? Standardizer.fit(split.trainX(), split.trainRows(), spec.inputSize())
                : Standardizer.identity(spec.inputSize());
        if (!standardizer.isIdentity()) {
            standardizer.apply(split.trainX(), 0, split.trainRows(), split.trainX(), 0);
            standardizer.apply(split.validX(), 0, split.validRows(), split.validX(), 0);
        }
        Run run = new Run(spec, initial.parameters(), split, config, listener);
        run.execute();
        Network trained = new Network(spec, run.params, standardizer, initial.matMul());
        return new TrainingResult(trained, run.history, run.stopReason, run.bestEpoch);
    }

    private static void checkFits(NetworkSpec spec, Dataset data) {
        if (data.columns() != spec.inputSize()) {
            throw new IllegalArgumentException("the rows have " + data.columns()
                    + " features; the network expects " + spec.inputSize());
        }
        int[] labels = data.labels();
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= spec.outputSize()) {
                throw new IllegalArgumentException("label " + labels[r] + " of row " + r
                        + " is outside the " + spec.outputSize() + " classes");
            }
        }
    }

    /** The state of one training run: parameters, gradients, optimizer and workspaces. */
    private final class Run {
        private final ParameterLayout layout;
        private final Activation activation;
        private final Split split;
        private final TrainingConfig config;
        private final TrainingListener listener;
        private final float[] params;
        private final float[] grads;
        private final float[] best;
        private final Optimizer optimizer;
        private final int batch;
        private final boolean gather;
        private final EpochOrder order;
        private final float[][] inputs;     // inputs[l]: (batch, in(l)), the input of layer l
        private final float[] validationInput; // (batch, in(0)), validation rows go here, never into the data
        private final float[] logits;       // (batch, classes); becomes the gradient in place
        private final float[] deltaA;       // (batch, widest hidden layer), ping
        private final float[] deltaB;       // (batch, widest hidden layer), pong
        private final int[] batchLabels;
        private final double[] totals = new double[2];
        private final List<EpochStats> history = new ArrayList<>();
        private StopReason stopReason = StopReason.COMPLETED;
        private int bestEpoch;
        private long step;

        Run(NetworkSpec spec, float[] params, Split split, TrainingConfig config, TrainingListener listener) {
            this.layout = new ParameterLayout(spec);
            this.activation = spec.activation();
            this.split = split;
            this.config = config;
            this.listener = listener;
            this.params = params;
            this.grads = new float[params.length];
            this.best = config.earlyStopping() != null ? params.clone() : null;
            this.optimizer = config.optimizer().create();
            optimizer.init(params.length);
            int rows = split.trainRows();
            this.batch = config.effectiveBatchSize(rows);
            // One batch of every row in the stored order needs no copy: the layer reads the data itself.
            this.gather = config.shuffle() || batch < rows;
            this.order = config.shuffle() ? new EpochOrder(rows, new SplittableRandom(config.seed())) : null;
            int layers = layout.layers();
            this.inputs = new float[layers][];
            inputs[0] = gather ? new float[batch * layout.in(0)] : split.trainX();
            int widestHidden = 0;
            for (int l = 1; l < layers; l++) {
                inputs[l] = new float[batch * layout.in(l)];
                widestHidden = Math.max(widestHidden, layout.in(l));
            }
            this.logits = new float[batch * layout.out(layers - 1)];
            this.deltaA = new float[batch * widestHidden];
            this.deltaB = layers > 2 ? new float[batch * widestHidden] : null;
            this.batchLabels = gather ? new int[batch] : split.trainY();
            this.validationInput = split.validRows() == 0 ? null : gather ? inputs[0] : new float[batch * layout.in(0)];
        }

        void execute() {
            EarlyStopping stopping = config.earlyStopping();
            double bestLoss = Double.POSITIVE_INFINITY;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                double[] train = trainEpoch(epoch);
                double validationLoss = Double.NaN;
                double validationAccuracy = Double.NaN;
                if (split.validRows() > 0) {
                    double[] valid = evaluate(split.validX(), split.validY(), split.validRows());
                    validationLoss = valid[0];
                    validationAccuracy = valid[1];
                }
                EpochStats stats = new EpochStats(epoch, train[0], train[1], validationLoss,
                        validationAccuracy, System.nanoTime() - start);
                history.add(stats);
                if (!(train[0] < DIVERGED_LOSS)) {
                    throw new IllegalStateException("training diverged in epoch " + epoch
                            + ": the mean training loss is " + train[0] + " (a run that learns stays below "
                            + Math.round(DIVERGED_LOSS * 10) / 10.0 + "); try a smaller learning rate");
                }
                if (split.validRows() > 0 && !Double.isFinite(validationLoss)) {
                    throw new IllegalStateException("training diverged in epoch " + epoch
                            + ": the validation loss is " + validationLoss + "; try a smaller learning rate");
                }
                listener.onEpoch(stats);
                if (stopping == null) {
                    bestEpoch = epoch;
                    continue;
                }
                double monitored = stats.hasValidation() ? validationLoss : train[0];
                if (monitored < bestLoss - stopping.minDelta()) {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    System.arraycopy(params, 0, best, 0, params.length);
                } else if (epoch - bestEpoch >= stopping.patience()) {
                    stopReason = StopReason.EARLY_STOPPED;
                    break;
                }
            }
            if (stopping != null && bestEpoch != history.size()) {
                // With early stopping the result is always the best epoch's weights.
                System.arraycopy(best, 0, params, 0, params.length);
            }
        }

        /** One pass over the training rows; returns {mean loss, accuracy} before each batch's update. */
        private double[] trainEpoch(int epoch) {
            int rows = split.trainRows();
            int[] visit = order != null ? order.next() : null;
            totals[0] = 0;
            totals[1] = 0;
            for (int first = 0, b = 0; first < rows; first += batch, b++) {
                if (listener.isCancelled()) {
                    throw new CancellationException("cancelled in epoch " + epoch + " before mini-batch " + (b + 1));
                }
                int n = Math.min(batch, rows - first);
                if (gather) {
                    gatherBatch(visit, first, n);
                }
                step(n);
            }
            return new double[] {totals[0] / rows, totals[1] / rows};
        }

        private void gatherBatch(int[] visit, int first, int n) {
            int columns = layout.in(0);
            float[] x = split.trainX();
            int[] y = split.trainY();
            for (int i = 0; i < n; i++) {
                int row = visit != null ? visit[first + i] : first + i;
                System.arraycopy(x, row * columns, inputs[0], i * columns, columns);
                batchLabels[i] = y[row];
            }
        }

        /** Forward, loss, backward and update on the first {@code n} rows of the batch buffers. */
        private void step(int n) {
            int layers = layout.layers();
            forward(inputs[0], n);
            SoftmaxCrossEntropy.lossAndGradient(logits, 0, n, layout.out(layers - 1), batchLabels, 0, totals);
            float[] dz = logits;
            for (int l = layers - 1; l >= 0; l--) {
                float[] dx = l == 0 ? null : (dz == deltaA ? deltaB : deltaA);
                Dense.backward(matMul, layout, params, l, dz, n, inputs[l], 0, grads, dx);
                if (dx != null) {
                    activation.backward(dx, 0, inputs[l], 0, n * layout.in(l));
                    dz = dx;
                }
            }
            addL2();
            optimizer.step(params, grads, ++step);
        }

        /** Forward pass of {@code n} rows of {@code x} through every layer, into the logits. */
        private void forward(float[] x, int n) {
            int layers = layout.layers();
            for (int l = 0; l < layers; l++) {
                boolean last = l == layers - 1;
                Dense.forward(matMul, layout, params, l, last ? null : activation,
                        l == 0 ? x : inputs[l], 0, n, last ? logits : inputs[l + 1], 0);
            }
        }

        private void addL2() {
            float l2 = config.l2();
            if (l2 == 0f) {
                return;
            }
            for (int l = 0; l < layout.layers(); l++) {
                int from = layout.weightOffset(l);
                int to = layout.biasOffset(l);
                for (int i = from; i < to; i++) {
                    grads[i] += l2 * params[i];
                }
            }
        }

        /** Mean loss and accuracy over held-out rows, a batch at a time. */
        private double[] evaluate(float[] x, int[] y, int rows) {
            int columns = layout.in(0);
            int classes = layout.out(layout.layers() - 1);
            double loss = 0;
            int correct = 0;
            for (int first = 0; first < rows; first += batch) {
                int n = Math.min(batch, rows - first);
                System.arraycopy(x, first * columns, validationInput, 0, n * columns);
                forward(validationInput, n);
                for (int i = 0; i < n; i++) {
                    loss += SoftmaxCrossEntropy.rowLossFromLogits(logits, i * classes, classes, y[first + i]);
                }
                SoftmaxCrossEntropy.softmax(logits, 0, n, classes);
                for (int i = 0; i < n; i++) {
                    int label = y[first + i];
                    if (SoftmaxCrossEntropy.argmax(logits, i * classes, classes) == label) {
                        correct++;
                    }
                }
            }
            return new double[] {loss / rows, (double) correct / rows};
        }
    }
}
