package io.mlpservice.training;

import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.Task;

import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.TrainingConfig;

/**
 * An estimate of the memory a training job holds at its peak, in bytes: the end of its run, when
 * every buffer below is alive at once. It counts the payload of the arrays the job and the engine
 * allocate, 4 bytes a float or int, from the model's size, the rows, the batch size, the threads
 * and the optimizer; object headers, the JSON of the request and the JVM's own overhead are not
 * counted. With {@code P} parameters, {@code F} features, {@code R} rows of which {@code T} train:
 * <ul>
 * <li>the job's rows as stored, and the copy the trainer standardises and splits: {@code 2·R·(F + 1)}
 *     (one copy when it neither standardises nor holds out rows);</li>
 * <li>the epoch order, with shuffling: {@code 2·T};</li>
 * <li>the parameters: the initial ones, the ones trained, the best epoch's (with early stopping),
 *     the optimizer's state (1 buffer for momentum, 2 for Adam, none for SGD), the checkpoint of
 *     the end holding those three again, and the published network: {@code P·(4 + 2·E + 2·S)};</li>
 * <li>per worker (the threads a job may use, fewer when a batch has under 32 rows a thread): its
 *     gradient buffer {@code P}, and the activations and deltas of its slice of a batch, at most
 *     {@code c} rows (a block of rows sized to stay within 512 KiB of cache, at least 256):
 *     {@code c·(F + 1 + Σ hidden + classes + widest hidden × min(hidden layers, 2))}.</li>
 * </ul>
 */
final class MemoryEstimate {

    /** The engine splits a batch among threads only when each gets at least this many rows. */
    private static final int MIN_ROWS_PER_WORKER = 32;
    /** A worker processes its slice in blocks sized to stay within this many bytes of cache. */
    private static final int BLOCK_BYTES = 512 * 1024;
    private static final int MIN_BLOCK_ROWS = 256;

    private MemoryEstimate() {
    }

    /**
     * @param threads the threads the job's batches are split over
     * @return the estimate, in bytes
     */
    static long bytes(NetworkSpec spec, TrainingConfig config, int trainingRows, int validationRows, int batchSize,
                      int threads) {
        long features = spec.inputSize();
        long rows = (long) trainingRows + validationRows;
        boolean copied = config.standardize() || config.validationSplit() > 0;
        // a label a row, or a regression's targets, which are always copied (standardised in place)
        boolean regression = spec.task() == Task.REGRESSION;
        long data = (copied ? 2 : 1) * rows * (features + (regression ? 0 : 1))
                + (regression ? 2 * rows * spec.outputSize() : 0);
        long order = config.shuffle() ? 2L * trainingRows : 0;

        long p = spec.parameterCount();
        int best = config.earlyStopping() != null ? 1 : 0;
        int state = optimizerBuffers(config.optimizer().kind());
        long parameters = p * (4 + 2L * best + 2L * state);

        int workers = Math.max(1, Math.min(threads, batchSize / MIN_ROWS_PER_WORKER));
        int[] sizes = spec.layerSizes();
        long widths = 0;
        for (int size : sizes) {
            widths += size;
        }
        long hiddenSum = 0;
        long widest = 0;
        for (HiddenLayer layer : spec.hiddenLayers()) {
            // a layer whose derivative needs its pre-activations (GELU) keeps them too, and one with
            // dropout its outputs after the mask
            hiddenSum += layer.units() * (1L + (layer.activation().derivativeFromInput() ? 1 : 0)
                    + (layer.dropout() > 0f ? 1 : 0));
            widest = Math.max(widest, layer.units());
        }
        long block = Math.max(MIN_BLOCK_ROWS, BLOCK_BYTES / (2 * Float.BYTES * widths));
        long capacity = Math.min(block, (batchSize + workers - 1) / workers);
        long deltas = widest * Math.min(spec.hiddenSizes().size(), 2);
        long perWorker = p + capacity * (features + 1 + hiddenSum + spec.outputSize() + deltas);

        return Float.BYTES * (data + order + parameters + workers * perWorker);
    }

    private static int optimizerBuffers(OptimizerSpec.Kind kind) {
        return switch (kind) {
            case SGD -> 0;
            case MOMENTUM -> 1;
            case ADAM -> 2;
        };
    }
}
