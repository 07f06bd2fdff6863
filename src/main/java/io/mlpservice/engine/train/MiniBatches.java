package io.mlpservice.engine.train;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ParameterLayout;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.mlpservice.engine.SquaredError;
import io.mlpservice.engine.WorkerTeam;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.optim.Optimizer;

/**
 * The arithmetic of a {@link TrainingRun}: one mini-batch's gradient and update, and a pass over
 * held-out rows, shared among a team of {@link TrainingWorker}s.
 * <p>
 * Each mini-batch is split into contiguous row slices, one per worker. A worker runs the forward
 * pass, the loss gradient (fused softmax/cross-entropy, or the squared error of a regression) and
 * the backward pass of its slice into its own
 * gradient buffer; then each worker sums the buffers over its own range of parameters, in worker
 * order, and applies the optimizer to that range. The slices depend only on the batch size and
 * the number of workers, so a given seed and worker count always give the same bits.
 */
final class MiniBatches {

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

    private final ParameterLayout layout;
    private final Split split;
    private final float l2;
    /** Class weights of the training loss, or null. */
    private final float[] classWeights;
    /** Global L2 norm a mini-batch's gradient is clipped to; 0 for none. */
    private final float clipNorm;
    private final float[] params;
    private final Optimizer optimizer;
    /**
     * Whether batches are copied into the workers' buffers; one batch of every row in the stored
     * order needs no copy: the layers read the data itself.
     */
    private final boolean gather;
    final TrainingWorker[] workers;
    /** The current epoch's order of the training rows; null for the stored order. */
    private int[] visit;
    /** The optimizer step and the epoch position of the first row of the mini-batch being trained: dropout's masks. */
    private long step;
    private int batchFirst;

    /** Workers a run uses: up to {@code threads}, as long as each gets {@link #MIN_ROWS_PER_WORKER} rows of a batch. */
    static int workerCount(int threads, int batch) {
        return Math.max(1, Math.min(threads, batch / MIN_ROWS_PER_WORKER));
    }

    /**
     * @param params the parameters, updated in place by {@link #train}
     */
    MiniBatches(NetworkSpec spec, Split split, TrainingConfig config, float[] params, Optimizer optimizer,
                MatMul matMul, int workerCount) {
        this.layout = new ParameterLayout(spec);
        this.split = split;
        this.l2 = config.l2();
        this.classWeights = config.classWeights();
        this.clipNorm = config.gradientClipNorm();
        this.params = params;
        this.optimizer = optimizer;
        int rows = split.trainRows();
        int batch = config.effectiveBatchSize(rows);
        this.gather = config.shuffle() || batch < rows;
        this.workers = new TrainingWorker[workerCount];
        int widths = 0;
        for (int width : spec.layerSizes()) {
            widths += width;
        }
        int block = Math.max(MIN_BLOCK_ROWS, BLOCK_BYTES / (2 * Float.BYTES * widths));
        int capacity = Math.min(block, (batch + workerCount - 1) / workerCount);
        Activation[] activations = new Activation[spec.hiddenLayers().size()];
        float[] dropouts = new float[activations.length];
        for (int l = 0; l < activations.length; l++) {
            activations[l] = spec.activation(l);
            dropouts[l] = spec.hiddenLayers().get(l).dropout();
        }
        for (int w = 0; w < workerCount; w++) {
            workers[w] = new TrainingWorker(layout, activations, dropouts, config.seed(), split.isRegression(), matMul,
                    capacity, params.length);
        }
    }

    /**
     * Sets the order of the epoch's rows: {@code visit[i]} is the training row at position i;
     * null for the stored order.
     */
    void order(int[] visit) {
        this.visit = visit;
    }

    /**
     * The gradient of the {@code n} rows at positions {@code [first, first + n)} of the epoch's
     * order, added to the workers' loss and accuracy totals, then optimizer step {@code step}.
     */
    void train(WorkerTeam team, int first, int n, long step) {
        int size = workers.length;
        this.step = step;
        this.batchFirst = first;
        team.run(w -> gradient(workers[w], first + n * w / size, first + n * (w + 1) / size, n));
        if (clipNorm == 0f) {
            team.run(w -> update(params.length * (long) w / size, params.length * (long) (w + 1) / size, step));
            return;
        }
        team.run(w -> reduce(params.length * (long) w / size, params.length * (long) (w + 1) / size));
        float factor = clipFactor(workers[0].grads);
        team.run(w -> clipAndStep(params.length * (long) w / size, params.length * (long) (w + 1) / size, factor,
                step));
    }

    /**
     * The factor that brings the summed gradient to {@link #clipNorm} when it is longer, else 1.
     * Its norm is summed in double over the whole buffer in index order, after the reduction, by
     * one thread: the same bits whatever the number of workers that reduced it.
     */
    private float clipFactor(float[] sum) {
        double squares = 0;
        for (float g : sum) {
            squares += (double) g * g;
        }
        double norm = Math.sqrt(squares);
        return norm > clipNorm ? (float) (clipNorm / norm) : 1f;
    }

    private void clipAndStep(long fromLong, long toLong, float factor, long step) {
        int from = (int) fromLong;
        int to = (int) toLong;
        float[] sum = workers[0].grads;
        if (factor != 1f) {
            for (int i = from; i < to; i++) {
                sum[i] *= factor;
            }
        }
        optimizer.step(params, sum, from, to, step);
    }

    /**
     * {mean loss, metric}: the workers' summed loss and correct count, in worker order, over
     * {@code rows}. The metric is the accuracy of a classification, and of a regression the R²
     * against {@code totalSumOfSquares}, the rows' targets' sum of squares around their means.
     */
    double[] meanOfTotals(int rows, double totalSumOfSquares) {
        double loss = 0;
        double correct = 0;
        for (TrainingWorker worker : workers) {
            loss += worker.totals[0];
            correct += worker.totals[1];
        }
        double metric = split.isRegression() ? SquaredError.r2(loss, split.outputs(), totalSumOfSquares)
                : correct / rows;
        return new double[] {loss / rows, metric};
    }

    /** Mean loss and metric over the held-out rows, split among the workers. */
    double[] evaluate(WorkerTeam team, double totalSumOfSquares) {
        int rows = split.validRows();
        int size = workers.length;
        team.run(w -> workers[w].evaluate(params, split.validX(), split.validY(), split.validT(),
                rows * w / size, rows * (w + 1) / size));
        return meanOfTotals(rows, totalSumOfSquares);
    }

    /**
     * Forward and backward of the batch positions {@code [from, to)} into the worker's gradient
     * buffer, a block of at most the worker's capacity at a time.
     */
    private void gradient(TrainingWorker worker, int from, int to, int batchRows) {
        for (int start = from; start < to; start += worker.capacity) {
            gradientOfBlock(worker, start, Math.min(to, start + worker.capacity), batchRows, start > from);
        }
    }

    private void gradientOfBlock(TrainingWorker worker, int from, int to, int batchRows, boolean accumulate) {
        int n = to - from;
        int columns = layout.in(0);
        float[] x;
        int xOffset;
        int outputs = split.outputs();
        boolean regression = split.isRegression();
        int[] labels;
        float[] targets;
        int labelOffset;
        if (gather) {
            float[] data = split.trainX();
            int[] y = split.trainY();
            float[] t = split.trainT();
            for (int i = 0; i < n; i++) {
                int row = visit != null ? visit[from + i] : from + i;
                System.arraycopy(data, row * columns, worker.input, i * columns, columns);
                if (regression) {
                    System.arraycopy(t, row * outputs, worker.targets, i * outputs, outputs);
                } else {
                    worker.labels[i] = y[row];
                }
            }
            x = worker.input;
            xOffset = 0;
            labels = worker.labels;
            targets = worker.targets;
            labelOffset = 0;
        } else {
            x = split.trainX();
            xOffset = from * columns;
            labels = split.trainY();
            targets = split.trainT();
            labelOffset = from;
        }
        worker.forwardTraining(params, x, xOffset, n, step, from - batchFirst);
        if (regression) {
            SquaredError.lossAndGradient(worker.logits, 0, n, outputs, targets, labelOffset * outputs, batchRows,
                    worker.totals);
        } else {
            SoftmaxCrossEntropy.lossAndGradient(worker.logits, 0, n, layout.out(layout.layers() - 1),
                    labels, labelOffset, batchRows, classWeights, worker.totals);
        }
        worker.backward(params, x, xOffset, n, accumulate);
    }

    /** Sums the workers' gradients over {@code [from, to)}, adds the L2 term, and steps the optimizer there. */
    private void update(long fromLong, long toLong, long step) {
        reduce(fromLong, toLong);
        optimizer.step(params, workers[0].grads, (int) fromLong, (int) toLong, step);
    }

    /** Sums the workers' gradients over {@code [from, to)} into worker 0's, in worker order, and adds the L2 term. */
    private void reduce(long fromLong, long toLong) {
        int from = (int) fromLong;
        int to = (int) toLong;
        float[] sum = workers[0].grads;
        for (int w = 1; w < workers.length; w++) {
            float[] g = workers[w].grads;
            for (int i = from; i < to; i++) {
                sum[i] += g[i];
            }
        }
        if (l2 != 0f) {
            for (int l = 0; l < layout.layers(); l++) {
                int start = Math.max(from, layout.weightOffset(l));
                int end = Math.min(to, layout.biasOffset(l));
                for (int i = start; i < end; i++) {
                    sum[i] += l2 * params[i];
                }
            }
        }
    }
}
