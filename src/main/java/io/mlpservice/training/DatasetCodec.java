package io.mlpservice.training;

import io.mlpservice.engine.train.Dataset;
import io.mlpservice.store.Codec;
import io.mlpservice.store.TensorPack;

/**
 * A job's data file: a {@link io.mlpservice.store.TensorPack} holding {@code features} (float32,
 * rows × columns, row-major), {@code labels} (int32 class indices) and {@code columns} (int64).
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
        return TensorPack.builder().longs("columns", data.columns()).floats("features", data.features())
                .ints("labels", data.labels()).toBytes();
    }

    @Override
    public Dataset decode(byte[] payload) {
        TensorPack pack = TensorPack.read(payload);
        return new Dataset(pack.floats("features"), pack.ints("labels"), Math.toIntExact(pack.scalar("columns")));
    }

    /** Bytes the data takes, in memory and on disk alike. */
    static long bytes(Dataset data) {
        return (long) data.features().length * Float.BYTES + (long) data.labels().length * Integer.BYTES;
    }
}
