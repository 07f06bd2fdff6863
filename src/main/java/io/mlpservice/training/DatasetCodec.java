package io.mlpservice.training;

import io.mlpservice.engine.train.Dataset;
import io.mlpservice.store.Codec;
import io.mlpservice.store.TensorPack;

/**
 * A job's data file: a {@link io.mlpservice.store.TensorPack} holding {@code features} (float32,
 * rows × columns, row-major), {@code columns} (int64) and either {@code labels} (int32 class
 * indices, a classifier's) or {@code targets} (float32, rows × outputs, a regression's). Files
 * written before regression hold labels and read as before.
 */
final class DatasetCodec implements Codec<Dataset> {

    @Override
    public String kind() {
        return "job-data";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public byte[] encode(Dataset data) {
        TensorPack.Builder pack = TensorPack.builder().longs("columns", data.columns())
                .floats("features", data.features());
        return (data.isRegression() ? pack.floats("targets", data.targets()) : pack.ints("labels", data.labels()))
                .toBytes();
    }

    @Override
    public Dataset decode(byte[] payload) {
        TensorPack pack = TensorPack.read(payload);
        int columns = Math.toIntExact(pack.scalar("columns"));
        return pack.has("targets") ? Dataset.regression(pack.floats("features"), pack.floats("targets"), columns)
                : new Dataset(pack.floats("features"), pack.ints("labels"), columns);
    }

    /** Bytes the data takes, in memory and on disk alike. */
    static long bytes(Dataset data) {
        long answers = data.isRegression() ? (long) data.targets().length * Float.BYTES
                : (long) data.labels().length * Integer.BYTES;
        return (long) data.features().length * Float.BYTES + answers;
    }
}
