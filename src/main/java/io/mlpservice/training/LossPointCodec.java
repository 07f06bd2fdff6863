package io.mlpservice.training;

import io.mlpservice.model.LossPoint;
import io.mlpservice.store.RecordCodec;
import java.nio.ByteBuffer;

/**
 * One loss-history entry, 52 bytes little-endian: int32 epoch, then float64 training loss,
 * training accuracy, validation loss, validation accuracy (NaN when the job has no validation
 * split), duration in milliseconds and learning rate (NaN when not recorded).
 */
final class LossPointCodec implements RecordCodec<LossPoint> {

    @Override
    public String kind() {
        return "history";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public int size() {
        return Integer.BYTES + 6 * Double.BYTES;
    }

    @Override
    public void write(LossPoint p, ByteBuffer buffer) {
        buffer.putInt(p.epoch())
                .putDouble(p.trainingLoss())
                .putDouble(p.trainingAccuracy())
                .putDouble(p.validationLoss() == null ? Double.NaN : p.validationLoss())
                .putDouble(p.validationAccuracy() == null ? Double.NaN : p.validationAccuracy())
                .putDouble(p.durationMillis())
                .putDouble(Double.NaN);
    }

    @Override
    public LossPoint read(String jobId, ByteBuffer buffer) {
        int epoch = buffer.getInt();
        double trainingLoss = buffer.getDouble();
        double trainingAccuracy = buffer.getDouble();
        double validationLoss = buffer.getDouble();
        double validationAccuracy = buffer.getDouble();
        double duration = buffer.getDouble();
        buffer.getDouble();
        return new LossPoint(jobId, epoch, trainingLoss, trainingAccuracy,
                Double.isNaN(validationLoss) ? null : validationLoss,
                Double.isNaN(validationAccuracy) ? null : validationAccuracy, duration);
    }
}
