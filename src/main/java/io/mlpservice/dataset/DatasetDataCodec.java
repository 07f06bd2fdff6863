package io.mlpservice.dataset;

import io.mlpservice.store.Codec;
import io.mlpservice.store.TensorPack;

/**
 * A dataset's numbers on disk: a {@link TensorPack} with {@code columns} (int64), {@code features}
 * (float32, rows × columns, row-major) and either {@code labels} (int32, each an index into the
 * dataset's classes) or {@code targets} (float32, rows × target columns, row-major) with
 * {@code target-columns} (int64).
 */
final class DatasetDataCodec implements Codec<DatasetDataCodec.Data> {

    /** The stored form: labels as class indices, so that the names are stored once, in the record. */
    record Data(int columns, float[] features, int[] labels, int targetColumns, float[] targets) {

        long bytes() {
            return (long) features.length * Float.BYTES
                    + (labels != null ? (long) labels.length * Integer.BYTES : (long) targets.length * Float.BYTES);
        }
    }

    @Override
    public String kind() {
        return "dataset-data";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public byte[] encode(Data data) {
        TensorPack.Builder pack = TensorPack.builder().longs("columns", data.columns()).floats("features", data.features());
        if (data.labels() != null) {
            pack.ints("labels", data.labels());
        } else {
            pack.longs("target-columns", data.targetColumns()).floats("targets", data.targets());
        }
        return pack.toBytes();
    }

    @Override
    public Data decode(byte[] payload) {
        TensorPack pack = TensorPack.read(payload);
        int columns = Math.toIntExact(pack.scalar("columns"));
        if (pack.has("labels")) {
            return new Data(columns, pack.floats("features"), pack.ints("labels"), 0, null);
        }
        return new Data(columns, pack.floats("features"), null, Math.toIntExact(pack.scalar("target-columns")),
                pack.floats("targets"));
    }
}
