package io.mlpservice.engine.optim;

import java.util.Locale;
import java.util.Objects;

/**
 * What an optimizer has learned so far, as an immutable value that can be stored and handed back
 * to {@link Optimizer#restore}: the kind of optimizer and its state buffers, each a copy in the
 * {@link io.mlpservice.engine.ParameterLayout} (one float per parameter, same order).
 * <ul>
 *   <li>{@link OptimizerSpec.Kind#SGD}: no buffer;</li>
 *   <li>{@link OptimizerSpec.Kind#MOMENTUM}: one, the velocity {@code v};</li>
 *   <li>{@link OptimizerSpec.Kind#ADAM}: two, the first moment {@code m} then the second {@code v}.</li>
 * </ul>
 * The step counter is not part of it: the training run counts the steps and passes them to every
 * {@link Optimizer#step}. Arrays are copied in and out; two states are equal only when they are
 * the same object.
 */
public final class OptimizerState {

    private final OptimizerSpec.Kind kind;
    private final float[][] buffers;

    private OptimizerState(OptimizerSpec.Kind kind, float[][] buffers) {
        this.kind = kind;
        this.buffers = buffers;
    }

    /**
     * A state read back from storage.
     *
     * @param buffers the kind's buffers in the order above, each one float per parameter; copied
     * @throws IllegalArgumentException when the number of buffers is not the kind's, or their
     *                                  lengths differ
     */
    public static OptimizerState of(OptimizerSpec.Kind kind, float[]... buffers) {
        Objects.requireNonNull(kind, "kind");
        int expected = bufferCount(kind);
        if (buffers.length != expected) {
            throw new IllegalArgumentException("the state of " + name(kind) + " holds " + expected
                    + " buffers, got " + buffers.length);
        }
        float[][] copies = new float[buffers.length][];
        for (int i = 0; i < buffers.length; i++) {
            copies[i] = Objects.requireNonNull(buffers[i], "buffer " + i).clone();
            if (copies[i].length != copies[0].length) {
                throw new IllegalArgumentException("buffer " + i + " of the state of " + name(kind) + " holds "
                        + copies[i].length + " values, buffer 0 holds " + copies[0].length);
            }
        }
        return new OptimizerState(kind, copies);
    }

    private static int bufferCount(OptimizerSpec.Kind kind) {
        return switch (kind) {
            case SGD -> 0;
            case MOMENTUM -> 1;
            case ADAM -> 2;
        };
    }

    public OptimizerSpec.Kind kind() {
        return kind;
    }

    /** Buffers held: 0 for SGD, 1 for momentum, 2 for Adam. */
    public int bufferCount() {
        return buffers.length;
    }

    /**
     * A copy of buffer {@code i}, in the parameter layout.
     *
     * @throws IndexOutOfBoundsException when the kind has no such buffer
     */
    public float[] buffer(int i) {
        return buffers[i].clone();
    }

    /** Parameters each buffer covers; 0 for SGD, which keeps no state. */
    public int parameterCount() {
        return buffers.length == 0 ? 0 : buffers[0].length;
    }

    /**
     * Copies this state into an optimizer's own buffers, after checking that it fits them.
     *
     * @param into the optimizer's buffers, in the kind's order
     */
    void copyInto(OptimizerSpec.Kind expectedKind, float[]... into) {
        if (kind != expectedKind) {
            throw new IllegalArgumentException("a state of " + name(kind) + " cannot be restored into "
                    + name(expectedKind));
        }
        for (int i = 0; i < into.length; i++) {
            if (buffers[i].length != into[i].length) {
                throw new IllegalArgumentException("the state of " + name(kind) + " covers " + buffers[i].length
                        + " parameters; the optimizer was initialised for " + into[i].length);
            }
        }
        for (int i = 0; i < into.length; i++) {
            System.arraycopy(buffers[i], 0, into[i], 0, into[i].length);
        }
    }

    private static String name(OptimizerSpec.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
