package io.mlpservice.engine;

/**
 * A layer's product with a single row, {@code y = W·x}, on the layer's weights laid out once in
 * the order the element kernel reads them ({@link ElementKernels#rowProduct}). Each output is
 * summed over the inputs in an order fixed by the shape, so a row always gives the same bits on a
 * given kernel. Immutable and safe for concurrent use.
 */
interface RowProduct {

    /**
     * @param x (in) read from {@code xOffset}
     * @param y written from 0: the layer's outputs, then zeros up to a whole number of
     *          {@link ElementKernels#lanes()}
     */
    void multiply(float[] x, int xOffset, float[] y);

    /** Numbers the layout holds. */
    long floats();
}
