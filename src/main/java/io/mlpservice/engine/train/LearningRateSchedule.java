package io.mlpservice.engine.train;

import java.util.Locale;
import java.util.Objects;

/**
 * How the learning rate changes from epoch to epoch, from the optimizer's rate {@code lr} for a
 * run of {@code E} epochs; epochs are counted from 1 and each epoch's updates all use its rate:
 * <ul>
 *   <li>{@link Type#CONSTANT}: {@code lr};</li>
 *   <li>{@link Type#STEP}: {@code lr · gamma^⌊(e − 1) / stepSize⌋};</li>
 *   <li>{@link Type#EXPONENTIAL}: {@code lr · gamma^(e − 1)};</li>
 *   <li>{@link Type#COSINE}: {@code lr · e / warmupEpochs} during the warm-up, then
 *       {@code min + (lr − min) · (1 + cos(π t)) / 2} with {@code t = (e − W − 1) / (E − W − 1)}
 *       going from 0 (the first epoch after the warm-up has {@code lr}) to 1 (the last has
 *       {@code min}); {@code t = 0} when only one epoch follows the warm-up;</li>
 *   <li>{@link Type#PLATEAU}: {@code lr} until the monitored loss (the validation loss, or the
 *       training loss without a split) has not improved for more than {@code patience} epochs,
 *       then the rate times {@code factor}, never below {@code min}; an epoch improves when its
 *       loss is below the best so far times {@code 1 − 1e-4} (PyTorch's {@code ReduceLROnPlateau}
 *       with its default relative threshold). Its state, {@link Plateau}, is part of a checkpoint.</li>
 * </ul>
 * Rates are computed in double and rounded to float once per epoch.
 *
 * @param stepSize        epochs per step of {@link Type#STEP}, at least 1
 * @param gamma           factor of {@link Type#STEP} and {@link Type#EXPONENTIAL}, in (0, 1]
 * @param minLearningRate floor of {@link Type#COSINE} and {@link Type#PLATEAU}, at least 0
 * @param warmupEpochs    epochs of linear warm-up of {@link Type#COSINE}, at least 0
 * @param factor          factor of {@link Type#PLATEAU}, in (0, 1)
 * @param patience        epochs without improvement {@link Type#PLATEAU} tolerates, at least 0
 */
public record LearningRateSchedule(Type type, int stepSize, double gamma, double minLearningRate,
                                   int warmupEpochs, double factor, int patience) {

    /** The relative improvement {@link Type#PLATEAU} asks of a loss. */
    static final double PLATEAU_THRESHOLD = 1e-4;

    /** The shapes of schedule. */
    public enum Type {
        CONSTANT, STEP, EXPONENTIAL, COSINE, PLATEAU;

        /** The name clients write: {@code "cosine"}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the accepted values when the name is unknown */
        public static Type parse(String name) {
            for (Type t : values()) {
                if (t.name().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown schedule '" + name
                    + "'; expected one of constant, step, exponential, cosine, plateau");
        }
    }

    /** The rate stays the optimizer's. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Type.CONSTANT, 1, 1, 0, 0, 0.1, 0);

    public LearningRateSchedule {
        Objects.requireNonNull(type, "type");
        if (stepSize < 1) {
            throw new IllegalArgumentException("stepSize must be at least 1, was " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], was " + gamma);
        }
        if (!(minLearningRate >= 0) || Double.isInfinite(minLearningRate)) {
            throw new IllegalArgumentException("minLearningRate must be finite and at least 0, was " + minLearningRate);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmupEpochs must be at least 0, was " + warmupEpochs);
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1), was " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be at least 0, was " + patience);
        }
    }

    /**
     * The rate of epoch {@code epoch} of {@code epochs} for every type but {@link Type#PLATEAU},
     * whose rate is {@link Plateau#rate}.
     */
    public float rate(float learningRate, int epoch, int epochs) {
        double lr = learningRate;
        double rate = switch (type) {
            case CONSTANT, PLATEAU -> lr;
            case STEP -> lr * Math.pow(gamma, (epoch - 1) / stepSize);
            case EXPONENTIAL -> lr * Math.pow(gamma, epoch - 1);
            case COSINE -> {
                if (epoch <= warmupEpochs) {
                    yield lr * epoch / warmupEpochs;
                }
                int span = epochs - warmupEpochs - 1;
                double t = span <= 0 ? 0 : (double) (epoch - warmupEpochs - 1) / span;
                yield minLearningRate + (lr - minLearningRate) * (1 + Math.cos(Math.PI * t)) / 2;
            }
        };
        return (float) rate;
    }

    /**
     * The state of a {@link Type#PLATEAU} schedule after some epochs: the rate of the next one,
     * the best monitored loss so far and the epochs since it improved.
     *
     * @param rate       the learning rate of the next epoch
     * @param best       the lowest monitored loss so far; infinity before the first epoch
     * @param badEpochs  epochs since the best one, reset when the rate is cut
     */
    public record Plateau(float rate, double best, int badEpochs) {

        /** The state before the first epoch. */
        public static Plateau start(float learningRate) {
            return new Plateau(learningRate, Double.POSITIVE_INFINITY, 0);
        }

        /** The state after an epoch whose monitored loss was {@code loss}. */
        public Plateau after(double loss, LearningRateSchedule schedule) {
            if (loss < best * (1 - PLATEAU_THRESHOLD)) {
                return new Plateau(rate, loss, 0);
            }
            int bad = badEpochs + 1;
            if (bad > schedule.patience()) {
                float cut = (float) Math.max(rate * schedule.factor(), schedule.minLearningRate());
                return new Plateau(cut, best, 0);
            }
            return new Plateau(rate, best, bad);
        }
    }
}
