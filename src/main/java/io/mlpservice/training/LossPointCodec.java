package io.mlpservice.training;

import io.mlpservice.model.LossPoint;
import io.mlpservice.store.RecordCodec;
import java.nio.ByteBuffer;

/**
 * One loss-history entry, 52 bytes little-endian: int32 epoch, then float64 training loss,
 * training metric, validation loss, validation metric (NaN when the job has no validation
 * split), duration in milliseconds and learning rate (NaN when not recorded). The metric is the
 * accuracy of a classifier and the R² of a regression: an entry reads as a classifier's, and the
 * reader names the metric for the model's task ({@link LossPoint#forTask}).
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
                .putDouble(p.trainingMetric())
                .putDouble(p.validationLoss() == null ? Double.NaN : p.validationLoss())
                .putDouble(p.validationMetric() == null ? Double.NaN : p.validationMetric())
                .putDouble(p.durationMillis())
                .putDouble(p.learningRate() == null ? Double.NaN : p.learningRate());
    }

    @Override
    public LossPoint read(String jobId, ByteBuffer buffer) {
        int epoch = buffer.getInt();
        double trainingLoss = buffer.getDouble();
        double trainingAccuracy = buffer.getDouble();
        double validationLoss = buffer.getDouble();
        double validationAccuracy = buffer.getDouble();
        double duration = buffer.getDouble();
        double learningRate = buffer.getDouble();
        return new LossPoint(jobId, epoch, trainingLoss, trainingAccuracy,
                Double.isNaN(validationLoss) ? null : validationLoss,
                Double.isNaN(validationAccuracy) ? null : validationAccuracy, null, null, duration,
                Double.isNaN(learningRate) ? null : learningRate);
    }
}
