package io.mlpservice.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise kernel on the JDK's Vector API, SIMD lanes of the widest the CPU has (16 floats
 * with AVX-512, 8 with AVX2); loaded only when the JVM has the module ({@link Kernels}). Every
 * pass runs a vector at a time, the last partial vector under a mask, so that every element goes
 * through the same arithmetic; a row shorter than a vector takes the scalar twins, which give the
 * same bits.
 * <p>
 * Vector code lives in short methods called once per row or chunk: the JIT compiles a method after a few hundred calls, but a
 * long loop only after tens of thousands of iterations, all run until then on the Vector API's
 * allocating fallbacks.
 */
final class VectorElementKernels implements ElementKernels {

    private static final VectorSpecies<Float> SPECIES = VectorMath.SPECIES;
    private static final int L = SPECIES.length();
    /** Elements per call of the vector code over a flat buffer: whole vectors, a few KiB. */
    private static final int CHUNK = 64 * L;

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void biasAndApply(Activation f, float[] z, int offset, int rows, int cols, float[] bias, int biasOffset) {
        for (int r = 0; r < rows; r++) {
            if (cols < L) {
                for (int j = 0; j < cols; j++) {
                    z[offset + r * cols + j] = f.apply(z[offset + r * cols + j] + bias[biasOffset + j]);
                }
            } else {
                biasAndApplyRow(f, z, offset + r * cols, cols, bias, biasOffset);
            }
        }
    }

    private static void biasAndApplyRow(Activation f, float[] z, int row, int cols, float[] bias, int biasOffset) {
        int j = 0;
        for (; j + L <= cols; j += L) {
            FloatVector b = FloatVector.fromArray(SPECIES, bias, biasOffset + j);
            VectorMath.activate(f, FloatVector.fromArray(SPECIES, z, row + j).add(b)).intoArray(z, row + j);
        }
        if (j < cols) {
            VectorMask<Float> tail = SPECIES.indexInRange(j, cols);
            FloatVector b = FloatVector.fromArray(SPECIES, bias, biasOffset + j, tail);
            VectorMath.activate(f, FloatVector.fromArray(SPECIES, z, row + j, tail).add(b)).intoArray(z, row + j, tail);
        }
    }

    @Override
    public void apply(Activation f, float[] z, int zOffset, float[] out, int outOffset, int length) {
        if (length < L) {
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = f.apply(z[zOffset + i]);
            }
            return;
        }
        for (int i = 0; i < length; i += CHUNK) {
            applyChunk(f, z, zOffset + i, out, outOffset + i, Math.min(CHUNK, length - i));
        }
    }

    private static void applyChunk(Activation f, float[] z, int zOffset, float[] out, int outOffset, int length) {
        int i = 0;
        for (; i + L <= length; i += L) {
            VectorMath.activate(f, FloatVector.fromArray(SPECIES, z, zOffset + i)).intoArray(out, outOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = SPECIES.indexInRange(i, length);
            VectorMath.activate(f, FloatVector.fromArray(SPECIES, z, zOffset + i, m)).intoArray(out, outOffset + i, m);
        }
    }

    @Override
    public void backward(Activation f, float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        if (length < L) {
            for (int i = 0; i < length; i++) {
                delta[deltaOffset + i] = f.backward(delta[deltaOffset + i], a[aOffset + i]);
            }
            return;
        }
        for (int i = 0; i < length; i += CHUNK) {
            backwardChunk(f, delta, deltaOffset + i, a, aOffset + i, Math.min(CHUNK, length - i));
        }
    }

    private static void backwardChunk(Activation f, float[] delta, int deltaOffset, float[] a, int aOffset, int length) {
        int i = 0;
        for (; i + L <= length; i += L) {
            FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i);
            FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i);
            VectorMath.derivative(f, d, out).intoArray(delta, deltaOffset + i);
        }
        if (i < length) {
            VectorMask<Float> m = SPECIES.indexInRange(i, length);
            FloatVector d = FloatVector.fromArray(SPECIES, delta, deltaOffset + i, m);
            FloatVector out = FloatVector.fromArray(SPECIES, a, aOffset + i, m);
            VectorMath.derivative(f, d, out).intoArray(delta, deltaOffset + i, m);
        }
    }

    @Override
    public void addBias(float[] y, int yOffset, int rows, int cols, float[] bias, int biasOffset) {
        if (cols < L) {
            // A few classes: SIMD along a row would leave most lanes idle.
            for (int r = 0; r < rows; r++) {
                int row = yOffset + r * cols;
                for (int j = 0; j < cols; j++) {
                    y[row + j] += bias[biasOffset + j];
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            addToRow(y, yOffset + r * cols, cols, bias, biasOffset);
        }
    }

    // y[row .. row + cols) += bias, a vector at a time
    private static void addToRow(float[] y, int row, int cols, float[] bias, int biasOffset) {
        int j = 0;
        for (; j + L <= cols; j += L) {
            FloatVector.fromArray(SPECIES, y, row + j)
                    .add(FloatVector.fromArray(SPECIES, bias, biasOffset + j))
                    .intoArray(y, row + j);
        }
        if (j < cols) {
            VectorMask<Float> tail = SPECIES.indexInRange(j, cols);
            FloatVector.fromArray(SPECIES, y, row + j, tail)
                    .add(FloatVector.fromArray(SPECIES, bias, biasOffset + j, tail))
                    .intoArray(y, row + j, tail);
        }
    }

    @Override
    public void addColumnSums(float[] x, int rows, int cols, float[] sums, int sumsOffset) {
        int whole = SPECIES.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            if (whole > 0) {
                addRow(x, r * cols, whole, sums, sumsOffset);
            }
            for (int j = whole; j < cols; j++) {
                sums[sumsOffset + j] += x[r * cols + j];
            }
        }
    }

    // sums[0 .. whole) += x[row .. row + whole), whole a multiple of the vector length
    private static void addRow(float[] x, int row, int whole, float[] sums, int sumsOffset) {
        for (int j = 0; j < whole; j += L) {
            FloatVector.fromArray(SPECIES, sums, sumsOffset + j)
                    .add(FloatVector.fromArray(SPECIES, x, row + j))
                    .intoArray(sums, sumsOffset + j);
        }
    }

    // Over the flat buffer, not along rows: softmax's rows are short (a few classes), so
    // vectorising along them would leave most lanes idle.
    @Override
    public void exp(float[] z, int from, int length) {
        if (length < L) {
            for (int i = from; i < from + length; i++) {
                z[i] = ScalarMath.exp(z[i]);
            }
            return;
        }
        for (int i = 0; i < length; i += CHUNK) {
            expChunk(z, from + i, Math.min(CHUNK, length - i));
        }
    }

    private static void expChunk(float[] z, int from, int length) {
        int i = 0;
        for (; i + L <= length; i += L) {
            VectorMath.exp(FloatVector.fromArray(SPECIES, z, from + i)).intoArray(z, from + i);
        }
        if (i < length) {
            VectorMask<Float> m = SPECIES.indexInRange(i, length);
            VectorMath.exp(FloatVector.fromArray(SPECIES, z, from + i, m)).intoArray(z, from + i, m);
        }
    }

    @Override
    public RowProduct rowProduct(float[] params, int weightOffset, int in, int out) {
        return new VectorRowBlocks(params, weightOffset, in, out);
    }
}
