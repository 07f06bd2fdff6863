package io.mlpservice.engine.train;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.SoftmaxCrossEntropy;
import java.util.SplittableRandom;

/** Seeded synthetic data sets and the figures a user would compute on a trained network. */
final class TestData {

    private TestData() {
    }

    /** The four rows of XOR: class 1 when exactly one input is 1. */
    static Dataset xor() {
        return new Dataset(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, new int[] {0, 1, 1, 0}, 2);
    }

    /**
     * Three classes on concentric rings in the plane (radii 0-1, 1.5-2.5 and 3-4, uniform angle):
     * no linear model separates them, a small hidden layer does, and the gaps between the rings
     * make 100% reachable.
     */
    static Dataset rings(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * 2];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            int label = random.nextInt(3);
            double radius = 1.5 * label + random.nextDouble();
            double angle = random.nextDouble(2 * Math.PI);
            x[2 * r] = (float) (radius * Math.cos(angle));
            x[2 * r + 1] = (float) (radius * Math.sin(angle));
            y[r] = label;
        }
        return new Dataset(x, y, 2);
    }

    /**
     * {@code classes} Gaussian blobs in {@code columns} dimensions with unit deviation, their
     * centres drawn uniformly in [-spread, spread] per axis.
     */
    static Dataset blobs(int rows, int columns, int classes, double spread, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] centres = new double[classes * columns];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = random.nextDouble(-spread, spread);
        }
        float[] x = new float[rows * columns];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            int label = r % classes;
            for (int j = 0; j < columns; j++) {
                x[r * columns + j] = (float) (centres[label * columns + j] + gaussian(random));
            }
            y[r] = label;
        }
        return new Dataset(x, y, columns);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller, so that the values depend on the seed alone.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The same rows with every feature multiplied by {@code factor} and shifted by {@code shift}. */
    static Dataset scaled(Dataset data, float factor, float shift) {
        float[] x = data.features().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * factor + shift;
        }
        return new Dataset(x, data.labels(), data.columns());
    }

    /** Fraction of rows whose most probable class is the label, through {@link Network#predictProbabilities}. */
    static double accuracy(Network network, Dataset data) {
        int classes = network.spec().outputSize();
        float[] p = network.predictProbabilities(data.features(), data.rows());
        int correct = 0;
        for (int r = 0; r < data.rows(); r++) {
            if (SoftmaxCrossEntropy.argmax(p, r * classes, classes) == data.labels()[r]) {
                correct++;
            }
        }
        return (double) correct / data.rows();
    }

    /** Mean cross-entropy of the rows, from {@link Network#predictProbabilities}. */
    static double meanLoss(Network network, Dataset data) {
        return meanLoss(network, data.features(), data.labels());
    }

    static double meanLoss(Network network, float[] x, int[] labels) {
        int classes = network.spec().outputSize();
        float[] p = network.predictProbabilities(x, labels.length);
        double loss = 0;
        for (int r = 0; r < labels.length; r++) {
            loss += SoftmaxCrossEntropy.rowLoss(p, r * classes, labels[r]);
        }
        return loss / labels.length;
    }
}
