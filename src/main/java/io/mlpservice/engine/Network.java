package io.mlpservice.engine;

import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.engine.linalg.MatMuls;
import java.util.Objects;

/**
 * A trained or freshly initialised perceptron: its architecture, one flat parameter buffer in
 * the {@link ParameterLayout} and the input standardisation learned with it. Immutable: training
 * works on its own copy and yields a new {@code Network}, so a {@code Network} can be shared by
 * any number of threads predicting at once.
 */
public final class Network {

    private final NetworkSpec spec;
    private final ParameterLayout layout;
    private final float[] params;
    private final Standardizer standardizer;
    private final MatMul matMul;

    /**
     * @param parameters   weights and biases in the {@link ParameterLayout} of {@code spec}; copied
     * @param standardizer applied to every input row before the first layer
     */
    public Network(NetworkSpec spec, float[] parameters, Standardizer standardizer, MatMul matMul) {
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
        this.params = parameters.clone();
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
     */
    public float[] predictProbabilities(float[] x, int rows) {
        float[] out = new float[rows * spec.outputSize()];
        predictProbabilities(x, 0, rows, out, 0);
        return out;
    }

    /**
     * Class probabilities of each row, into a buffer the caller owns. Safe to call from many
     * threads at once: the scratch space belongs to the call. Large batches are split by rows
     * among the cores.
     *
     * @param x   (rows, inputSize) read from {@code xOffset}; not modified
     * @param out (rows, outputSize) written from {@code outOffset}
     */
    public void predictProbabilities(float[] x, int xOffset, int rows, float[] out, int outOffset) {
        int in = spec.inputSize();
        int classes = spec.outputSize();
        RowSplitter.run(rows, (from, to) ->
                forward(x, xOffset + from * in, to - from, out, outOffset + from * classes));
    }

    // out (rows, classes) = softmax of the network applied to x (rows, in)
    private void forward(float[] x, int xOffset, int rows, float[] out, int outOffset) {
        if (rows == 0) {
            return;
        }
        if (rows <= UnitSplitter.MAX_ROWS && UnitSplitter.CHUNKS != null) {
            forwardSharingUnits(x, xOffset, rows, out, outOffset);
            return;
        }
        int layers = layout.layers();
        int width = layout.maxWidth();
        float[] input = x;
        int inputOffset = xOffset;
        if (!standardizer.isIdentity()) {
            input = new float[rows * spec.inputSize()];
            inputOffset = 0;
            standardizer.apply(x, xOffset, rows, input, 0);
        }
        float[] ping = layers > 1 ? new float[rows * width] : null;
        float[] pong = layers > 2 ? new float[rows * width] : null;
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            float[] target = last ? out : (l % 2 == 0 ? ping : pong);
            int targetOffset = last ? outOffset : 0;
            Dense.forward(matMul, layout, params, l, last ? null : spec.activation(),
                    input, inputOffset, rows, target, targetOffset);
            input = target;
            inputOffset = targetOffset;
        }
        SoftmaxCrossEntropy.softmax(out, outOffset, rows, spec.outputSize());
    }

    /**
     * A few rows (one request to predict): too few to share by rows, so each wide layer's units
     * are shared with a helper thread instead. Predicting one row is a pass over every weight,
     * and each core then reads, and keeps in its own cache, part of them.
     */
    private void forwardSharingUnits(float[] x, int xOffset, int rows, float[] out, int outOffset) {
        int layers = layout.layers();
        float[] input = x;
        int inputOffset = xOffset;
        if (!standardizer.isIdentity()) {
            input = new float[rows * spec.inputSize()];
            inputOffset = 0;
            standardizer.apply(x, xOffset, rows, input, 0);
        }
        float[] ping = layers > 1 ? new float[rows * layout.maxWidth()] : null;
        float[] pong = layers > 2 ? new float[rows * layout.maxWidth()] : null;
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            float[] source = input;
            int sourceOffset = inputOffset;
            float[] target = last ? out : (l % 2 == 0 ? ping : pong);
            int targetOffset = last ? outOffset : 0;
            Activation activation = last ? null : spec.activation();
            int units = layout.out(l);
            int layer = l;
            int parts = Math.min(UnitSplitter.PARTS, units / UnitSplitter.MIN_UNITS);
            boolean shared = parts > 1 && UnitSplitter.CHUNKS.tryRun(parts, part ->
                    Dense.forwardUnits(matMul, layout, params, layer, activation, source, sourceOffset, rows,
                            target, targetOffset, units * part / parts, units * (part + 1) / parts));
            if (!shared) {
                Dense.forward(matMul, layout, params, l, activation, source, sourceOffset, rows, target, targetOffset);
            }
            input = target;
            inputOffset = targetOffset;
        }
        SoftmaxCrossEntropy.softmax(out, outOffset, rows, spec.outputSize());
    }

    /** Shares a small prediction's layers by units: one helper thread, a layer in up to four parts. */
    private static final class UnitSplitter {
        static final int MAX_ROWS = 4;
        /** A part narrower than this is quicker done than handed over. */
        static final int MIN_UNITS = 32;
        static final int PARTS = 4;
        static final SharedChunks CHUNKS = Runtime.getRuntime().availableProcessors() > 1
                ? new SharedChunks(1, "mlp-predict") : null;
    }
}
