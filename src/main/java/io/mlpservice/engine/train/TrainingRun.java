package io.mlpservice.engine.train;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.Dense;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ParameterLayout;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.mlpservice.engine.WorkerTeam;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * One training run: the parameters, the optimizer and a team of workers, each with its own
 * workspace sized once before the first epoch, so that the epoch loop allocates nothing.
 * <p>
 * Each mini-batch is split into contiguous row slices, one per worker. A worker runs the forward
 * pass, the fused softmax/cross-entropy gradient and the backward pass of its slice into its own
 * gradient buffer; then each worker sums the buffers over its own range of parameters, in worker
 * order, and applies the optimizer to that range. The slices depend only on the batch size and
 * the number of workers, so a given seed and worker count always give the same bits.
 */
final class TrainingRun {

    /** Fewer rows than this per worker cost more in hand-offs than the second core gives back. */
    static final int MIN_ROWS_PER_WORKER = 32;
    /**
     * A worker's activations and deltas for one block of rows should stay in its core's L2
     * cache (512 KiB of the 1-2 MiB most cores have); a larger slice is processed a block at a
     * time, its gradients summed.
     */
    private static final int BLOCK_BYTES = 512 * 1024;
    /** But no block smaller than this: the products would get too thin to run at full speed. */
    private static final int MIN_BLOCK_ROWS = 256;
    /**
     * A mean training loss at or above this, {@code -ln(Float.MIN_NORMAL)} ≈ 87.3 nats, means the
     * average row gives its label a probability below the smallest normal float: no run that
     * learns gets there (guessing uniformly costs ln(classes)), while a run whose weights blow up
     * does, even when saturating units keep every number finite.
     */
    static final double DIVERGED_LOSS = -Math.log(Float.MIN_NORMAL);

    private final ParameterLayout layout;
    private final Split split;
    private final TrainingConfig config;
    private final TrainingListener listener;
    final float[] params;
    private final float[] best;
    private final Optimizer optimizer;
    private final int batch;
    private final boolean gather;
    private final EpochOrder order;
    private final Worker[] workers;
    final List<EpochStats> history = new ArrayList<>();
    StopReason stopReason = StopReason.COMPLETED;
    int bestEpoch;
    private long step;
    private int[] visit;

    TrainingRun(NetworkSpec spec, float[] params, Split split, TrainingConfig config, TrainingListener listener,
                MatMul matMul, int threads) {
        this.layout = new ParameterLayout(spec);
        this.split = split;
        this.config = config;
        this.listener = listener;
        this.params = params;
        this.best = config.earlyStopping() != null ? params.clone() : null;
        this.optimizer = config.optimizer().create();
        optimizer.init(params.length);
        int rows = split.trainRows();
        this.batch = config.effectiveBatchSize(rows);
        // One batch of every row in the stored order needs no copy: the layers read the data itself.
        this.gather = config.shuffle() || batch < rows;
        this.order = config.shuffle() ? new EpochOrder(rows, new SplittableRandom(config.seed())) : null;
        int size = Math.max(1, Math.min(threads, batch / MIN_ROWS_PER_WORKER));
        this.workers = new Worker[size];
        int widths = 0;
        for (int width : spec.layerSizes()) {
            widths += width;
        }
        int block = Math.max(MIN_BLOCK_ROWS, BLOCK_BYTES / (2 * Float.BYTES * widths));
        int capacity = Math.min(block, (batch + size - 1) / size);
        for (int w = 0; w < size; w++) {
            workers[w] = new Worker(layout, spec.activation(), matMul, capacity, params.length);
        }
    }

    void execute() {
        try (WorkerTeam team = new WorkerTeam(workers.length, "mlp-train")) {
            epochs(team);
        }
    }

    private void epochs(WorkerTeam team) {
        EarlyStopping stopping = config.earlyStopping();
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            double[] train = trainEpoch(team, epoch);
            double[] valid = split.validRows() > 0
                    ? evaluate(team, split.validX(), split.validY(), split.validRows())
                    : new double[] {Double.NaN, Double.NaN};
            EpochStats stats = new EpochStats(epoch, train[0], train[1], valid[0], valid[1], System.nanoTime() - start);
            history.add(stats);
            if (!(train[0] < DIVERGED_LOSS)) {
                throw new IllegalStateException("training diverged in epoch " + epoch
                        + ": the mean training loss is " + train[0] + " (a run that learns stays below "
                        + Math.round(DIVERGED_LOSS * 10) / 10.0 + "); try a smaller learning rate");
            }
            if (stats.hasValidation() && !Double.isFinite(valid[0])) {
                throw new IllegalStateException("training diverged in epoch " + epoch
                        + ": the validation loss is " + valid[0] + "; try a smaller learning rate");
            }
            listener.onEpoch(stats);
            if (stopping == null) {
                bestEpoch = epoch;
                continue;
            }
            double monitored = stats.hasValidation() ? valid[0] : train[0];
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
    private double[] trainEpoch(WorkerTeam team, int epoch) {
        int rows = split.trainRows();
        visit = order != null ? order.next() : null;
        for (Worker worker : workers) {
            worker.totals[0] = 0;
            worker.totals[1] = 0;
        }
        for (int first = 0, b = 0; first < rows; first += batch, b++) {
            if (listener.isCancelled()) {
                throw new CancellationException("cancelled in epoch " + epoch + " before mini-batch " + (b + 1));
            }
            int batchStart = first;
            int n = Math.min(batch, rows - first);
            int size = workers.length;
            team.run(w -> gradient(workers[w], batchStart + n * w / size, batchStart + n * (w + 1) / size, n));
            step++;
            team.run(w -> update(params.length * (long) w / size, params.length * (long) (w + 1) / size));
        }
        return meanOfTotals(rows);
    }

    /** {mean loss, accuracy}: the workers' summed loss and correct count, in worker order, over {@code rows}. */
    private double[] meanOfTotals(int rows) {
        double loss = 0;
        double correct = 0;
        for (Worker worker : workers) {
            loss += worker.totals[0];
            correct += worker.totals[1];
        }
        return new double[] {loss / rows, correct / rows};
    }

    /**
     * Forward and backward of the batch rows {@code [from, to)} into the worker's gradient buffer,
     * a block of at most the worker's capacity at a time.
     */
    private void gradient(Worker worker, int from, int to, int batchRows) {
        for (int start = from; start < to; start += worker.capacity) {
            gradientOfBlock(worker, start, Math.min(to, start + worker.capacity), batchRows, start > from);
        }
    }

    private void gradientOfBlock(Worker worker, int from, int to, int batchRows, boolean accumulate) {
        int n = to - from;
        int columns = layout.in(0);
        float[] x;
        int xOffset;
        int[] labels;
        int labelOffset;
        if (gather) {
            float[] data = split.trainX();
            int[] y = split.trainY();
            for (int i = 0; i < n; i++) {
                int row = visit != null ? visit[from + i] : from + i;
                System.arraycopy(data, row * columns, worker.input, i * columns, columns);
                worker.labels[i] = y[row];
            }
            x = worker.input;
            xOffset = 0;
            labels = worker.labels;
            labelOffset = 0;
        } else {
            x = split.trainX();
            xOffset = from * columns;
            labels = split.trainY();
            labelOffset = from;
        }
        worker.forward(params, x, xOffset, n);
        SoftmaxCrossEntropy.lossAndGradient(worker.logits, 0, n, layout.out(layout.layers() - 1),
                labels, labelOffset, batchRows, worker.totals);
        worker.backward(params, x, xOffset, n, accumulate);
    }

    /** Sums the workers' gradients over {@code [from, to)}, adds the L2 term, and steps the optimizer there. */
    private void update(long fromLong, long toLong) {
        int from = (int) fromLong;
        int to = (int) toLong;
        float[] sum = workers[0].grads;
        for (int w = 1; w < workers.length; w++) {
            float[] g = workers[w].grads;
            for (int i = from; i < to; i++) {
                sum[i] += g[i];
            }
        }
        float l2 = config.l2();
        if (l2 != 0f) {
            for (int l = 0; l < layout.layers(); l++) {
                int start = Math.max(from, layout.weightOffset(l));
                int end = Math.min(to, layout.biasOffset(l));
                for (int i = start; i < end; i++) {
                    sum[i] += l2 * params[i];
                }
            }
        }
        optimizer.step(params, sum, from, to, step);
    }

    /** Mean loss and accuracy over held-out rows, split among the workers. */
    private double[] evaluate(WorkerTeam team, float[] x, int[] y, int rows) {
        int size = workers.length;
        team.run(w -> workers[w].evaluate(params, x, y, rows * w / size, rows * (w + 1) / size));
        return meanOfTotals(rows);
    }

    /** One worker's workspace: its batch slice's activations, deltas and gradients. */
    private static final class Worker {
        private final ParameterLayout layout;
        private final Activation activation;
        private final MatMul matMul;
        final int capacity;
        final float[] input;            // (capacity, in(0)): gathered rows
        final int[] labels;             // (capacity)
        private final float[][] outputs; // outputs[l]: (capacity, out(l)) of hidden layer l
        final float[] logits;           // (capacity, classes); becomes the gradient in place
        private final float[] deltaA;   // (capacity, widest hidden layer), ping
        private final float[] deltaB;   // (capacity, widest hidden layer), pong
        final float[] grads;            // the parameter layout
        /** {summed loss, correct rows} of the current epoch's batches, or of the held-out rows. */
        final double[] totals = new double[2];

        Worker(ParameterLayout layout, Activation activation, MatMul matMul, int capacity, int parameters) {
            this.layout = layout;
            this.activation = activation;
            this.matMul = matMul;
            this.capacity = capacity;
            int layers = layout.layers();
            this.input = new float[capacity * layout.in(0)];
            this.labels = new int[capacity];
            this.outputs = new float[layers - 1][];
            int widest = 0;
            for (int l = 0; l < layers - 1; l++) {
                outputs[l] = new float[capacity * layout.out(l)];
                widest = Math.max(widest, layout.out(l));
            }
            this.logits = new float[capacity * layout.out(layers - 1)];
            this.deltaA = new float[capacity * widest];
            this.deltaB = layers > 2 ? new float[capacity * widest] : null;
            this.grads = new float[parameters];
        }

        /** Forward pass of {@code n} rows of {@code x} from {@code xOffset} into the logits. */
        void forward(float[] params, float[] x, int xOffset, int n) {
            int layers = layout.layers();
            for (int l = 0; l < layers; l++) {
                boolean last = l == layers - 1;
                Dense.forward(matMul, layout, params, l, last ? null : activation,
                        l == 0 ? x : outputs[l - 1], l == 0 ? xOffset : 0, n, last ? logits : outputs[l], 0);
            }
        }

        /** Backward pass from the logits' gradient into {@link #grads}, or added to them. */
        void backward(float[] params, float[] x, int xOffset, int n, boolean accumulate) {
            float[] dz = logits;
            for (int l = layout.layers() - 1; l >= 0; l--) {
                float[] in = l == 0 ? x : outputs[l - 1];
                int inOffset = l == 0 ? xOffset : 0;
                float[] dx = l == 0 ? null : (dz == deltaA ? deltaB : deltaA);
                Dense.backward(matMul, layout, params, l, dz, n, in, inOffset, grads, dx, accumulate);
                if (dx != null) {
                    activation.backward(dx, 0, in, 0, n * layout.in(l));
                    dz = dx;
                }
            }
        }

        /** Loss and correct count over rows {@code [from, to)} of held-out data, a capacity at a time. */
        void evaluate(float[] params, float[] x, int[] y, int from, int to) {
            int columns = layout.in(0);
            int classes = layout.out(layout.layers() - 1);
            double loss = 0;
            int correct = 0;
            for (int first = from; first < to; first += capacity) {
                int n = Math.min(capacity, to - first);
                forward(params, x, first * columns, n);
                for (int i = 0; i < n; i++) {
                    int label = y[first + i];
                    loss += SoftmaxCrossEntropy.rowLossFromLogits(logits, i * classes, classes, label);
                    if (SoftmaxCrossEntropy.argmax(logits, i * classes, classes) == label) {
                        correct++;
                    }
                }
            }
            totals[0] = loss;
            totals[1] = correct;
        }
    }
}
