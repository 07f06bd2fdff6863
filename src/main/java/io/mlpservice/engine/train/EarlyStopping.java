package io.mlpservice.engine.train;

/**
 * Stop when the monitored loss (validation loss when there is a validation split, else the
 * training loss) has not improved by more than {@code minDelta} for {@code patience} epochs in a
 * row; the weights of the best epoch are then restored.
 */
public record EarlyStopping(int patience, double minDelta) {

    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1, was " + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be finite and at least 0, was " + minDelta);
        }
    }
}
