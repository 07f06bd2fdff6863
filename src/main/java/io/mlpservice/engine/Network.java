package io.mlpservice.engine;

import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import java.util.Objects;

/**
 * A trained or freshly initialised perceptron: its architecture, one flat parameter buffer in
 * the {@link ParameterLayout}, the input standardisation learned with it and, for a regression,
 * the standardisation of its targets, which predictions undo. Immutable: training
 * works on its own copy and yields a new {@code Network}, so a {@code Network} can be shared by
 * any number of threads predicting at once.
 */
public final class Network {

    private final NetworkSpec spec;
    private final ParameterLayout layout;
    private final float[] params;
    /** The widest hidden layer: sizes the scratch of a forward pass. */
    private final int hiddenWidth;
    /**
     * Rows a batch forward pass takes through all layers at a time: a block of the widest layer
     * (input included) stays within 1 MiB, a core's cache, but no block is thinner than 16 rows
     * or wider than 256.
     */
    private final int blockRows;
    /**
     * Per thread, the scratch of batch forward passes: allocated once and reused rather than per
     * call (megabytes a call for a batch of a thousand rows, and the collections they cause).
     * At most 3 MiB with the service's limits (16 rows of three layers of 16,384 units).
     */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);
    private final Standardizer standardizer;
    /** Of the targets, (outputSize) columns; the identity for a classifier. */
    private final Standardizer targetStandardizer;
    private final MatMul matMul;
    /** Made on the first prediction of at most {@link #ROW_BY_ROW} rows. */
    private volatile RowForward rowForward;

    /**
     * Up to this many rows, a prediction runs row by row on weights laid out for one row
     * ({@link RowForward}); more rows share each weight they read, through the matrix kernel.
     */
    static final int ROW_BY_ROW = 2;

    /**
     * @param parameters   weights and biases in the {@link ParameterLayout} of {@code spec}; copied
     * @param standardizer applied to every input row before the first layer
     */
    public Network(NetworkSpec spec, float[] parameters, Standardizer standardizer, MatMul matMul) {
        this(spec, parameters, standardizer, Standardizer.identity(spec.outputSize()), matMul);
    }

    /**
     * @param parameters         weights and biases in the {@link ParameterLayout} of {@code spec}; copied
     * @param standardizer       applied to every input row before the first layer
     * @param targetStandardizer the targets' standardisation a regression learned on, undone on
     *                           every output row; the identity for a classifier
     */
    public Network(NetworkSpec spec, float[] parameters, Standardizer standardizer, Standardizer targetStandardizer,
                   MatMul matMul) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.layout = new ParameterLayout(spec);
        if (parameters.length != layout.size()) {
            throw new IllegalArgumentException("the spec needs " + layout.size()
                    + " parameters, got " + parameters.length);
        }
        if (standardizer.columns() != spec.inputSize()) {
            throw new IllegalArgumentException("the standardizer has " + standardizer.columns()
                    + " columns, the network takes " + spec.inputSize());
        }
        if (targetStandardizer.columns() != spec.outputSize()) {
            throw new IllegalArgumentException("the target standardizer has " + targetStandardizer.columns()
                    + " columns, the network gives " + spec.outputSize());
        }
        if (spec.task() == Task.CLASSIFICATION && !targetStandardizer.isIdentity()) {
            throw new IllegalArgumentException("a classifier's outputs are probabilities; it has no target standardizer");
        }
        this.targetStandardizer = targetStandardizer;
        this.params = parameters.clone();
        this.hiddenWidth = spec.hiddenSizes().stream().mapToInt(Integer::intValue).max().orElse(0);
        this.blockRows = Math.max(16, Math.min(256, 256 * 1024 / Math.max(hiddenWidth, spec.inputSize())));
        this.standardizer = standardizer;
        this.matMul = Objects.requireNonNull(matMul, "matMul");
    }

    /** A network with seeded initial weights ({@link Initializer}), no standardisation, the default kernel. */
    public static Network initialize(NetworkSpec spec, long seed) {
        return new Network(spec, Initializer.initialParameters(spec, seed),
                Standardizer.identity(spec.inputSize()), MatMuls.defaultKernel());
    }

    public NetworkSpec spec() {
        return spec;
    }

    public ParameterLayout layout() {
        return layout;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** The targets' standardisation a regression's outputs are undone with; the identity for a classifier. */
    public Standardizer targetStandardizer() {
        return targetStandardizer;
    }

    public MatMul matMul() {
        return matMul;
    }

    /** A copy of the parameter buffer. */
    public float[] parameters() {
        return params.clone();
    }

    /**
     * Class probabilities of each row.
     *
     * @param x (rows, inputSize) row-major
     * @return (rows, outputSize) row-major; each row sums to 1
     * @throws IllegalStateException for a regression network
     */
    public float[] predictProbabilities(float[] x, int rows) {
        float[] out = new float[rows * spec.outputSize()];
        predictProbabilities(x, 0, rows, out, 0);
        return out;
    }

    /**
     * Class probabilities of each row, into a buffer the caller owns: {@link #predict} of a classifier.
     *
     * @throws IllegalStateException for a regression network
     */
    public void predictProbabilities(float[] x, int xOffset, int rows, float[] out, int outOffset) {
        if (spec.task() != Task.CLASSIFICATION) {
            throw new IllegalStateException("a " + spec.task().wireName() + " network has no class probabilities");
        }
        predict(x, xOffset, rows, out, outOffset);
    }

    /**
     * What the network answers for each row: class probabilities (each row sums to 1) for a
     * classifier, values in the targets' units for a regression.
     *
     * @param x (rows, inputSize) row-major
     * @return (rows, outputSize) row-major
     */
    public float[] predict(float[] x, int rows) {
        float[] out = new float[rows * spec.outputSize()];
        predict(x, 0, rows, out, 0);
        return out;
    }

    /**
     * What the network answers for each row, into a buffer the caller owns. Safe to call from many
     * threads at once: the scratch space belongs to the call. Large batches are split by rows
     * among the cores.
     *
     * @param x   (rows, inputSize) read from {@code xOffset}; not modified
     * @param out (rows, outputSize) written from {@code outOffset}: probabilities or values
     */
    public void predict(float[] x, int xOffset, int rows, float[] out, int outOffset) {
        int in = spec.inputSize();
        int classes = spec.outputSize();
        if (rows < 0 || xOffset < 0 || outOffset < 0 || (long) xOffset + (long) rows * in > x.length
                || (long) outOffset + (long) rows * classes > out.length) {
            throw new IllegalArgumentException(rows + " rows of " + in + " features from offset " + xOffset
                    + " (input of " + x.length + ") and of " + classes + " classes from offset " + outOffset
                    + " (output of " + out.length + ") do not fit");
        }
        if (rows <= ROW_BY_ROW) {
            RowForward byRow = rowForward();
            float[] row = standardizer.isIdentity() ? null : new float[in];
            for (int r = 0; r < rows; r++) {
                if (row == null) {
                    byRow.forward(x, xOffset + r * in, out, outOffset + r * classes);
                } else {
                    standardizer.apply(x, xOffset + r * in, 1, row, 0);
                    byRow.forward(row, 0, out, outOffset + r * classes);
                }
            }
            targetStandardizer.invert(out, outOffset, rows);
            return;
        }
        RowSplitter.run(rows, (from, to) ->
                forward(x, xOffset + from * in, to - from, out, outOffset + from * classes));
    }

    /**
     * Lays the weights out for predictions of single rows now, rather than on the first one: a
     * copy of them in the order one row reads them, about as large as the weights (a few tenths
     * of a millisecond for a 784-256-128-10 network). Nothing happens if it is made already.
     */
    public void layOutForSingleRows() {
        rowForward();
    }

    /** Bytes of the numbers the single-row layout holds; 0 until it is made ({@link #layOutForSingleRows()}). */
    public long singleRowLayoutBytes() {
        RowForward byRow = rowForward;
        return byRow == null ? 0 : byRow.bytes();
    }

    // The weights laid out for single rows: made on the first prediction of a few rows, then kept
    // (two threads may both make one; either serves).
    private RowForward rowForward() {
        RowForward byRow = rowForward;
        if (byRow == null) {
            byRow = new RowForward(spec, layout, params);
            rowForward = byRow;
        }
        return byRow;
    }

    // out (rows, classes) = the network's answer to x (rows, in), a block of rows at a time
    private void forward(float[] x, int xOffset, int rows, float[] out, int outOffset) {
        int in = spec.inputSize();
        int classes = spec.outputSize();
        int size = blockRows * (2 * hiddenWidth + (standardizer.isIdentity() ? 0 : in));
        float[] scratch = SCRATCH.get();
        if (scratch.length < size) {
            scratch = new float[size];
            SCRATCH.set(scratch);
        }
        for (int first = 0; first < rows; first += blockRows) {
            int n = Math.min(blockRows, rows - first);
            forwardBlock(x, xOffset + first * in, n, out, outOffset + first * classes, scratch);
        }
    }

    // One block: the layers' outputs ping-pong between two halves of the scratch
    private void forwardBlock(float[] x, int xOffset, int rows, float[] out, int outOffset, float[] scratch) {
        int layers = layout.layers();
        int ping = 0;
        int pong = blockRows * hiddenWidth;
        float[] input = x;
        int inputOffset = xOffset;
        if (!standardizer.isIdentity()) {
            input = scratch;
            inputOffset = 2 * blockRows * hiddenWidth;
            standardizer.apply(x, xOffset, rows, scratch, inputOffset);
        }
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            float[] target = last ? out : scratch;
            int targetOffset = last ? outOffset : (l % 2 == 0 ? ping : pong);
            Activation activation = last ? null : spec.activation(l);
            Dense.forward(matMul, layout, params, l, activation, input, inputOffset, rows, target, targetOffset);
            input = target;
            inputOffset = targetOffset;
        }
        if (spec.task() == Task.CLASSIFICATION) {
            SoftmaxCrossEntropy.softmax(out, outOffset, rows, spec.outputSize());
        } else {
            targetStandardizer.invert(out, outOffset, rows);
        }
    }
}
