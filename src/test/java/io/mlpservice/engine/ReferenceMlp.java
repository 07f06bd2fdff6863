package io.mlpservice.engine;

import java.util.List;

/**
 * An independent float64 reference of the perceptron, written for the tests from the documented
 * layout (per layer: W row-major (out, in), then b) and the textbook formulas, without any engine
 * code: forward pass, probabilities, mean cross-entropy with the L2 term, and backpropagation.
 */
public final class ReferenceMlp {

    private final int[] sizes;
    private final Activation[] activations;

    public ReferenceMlp(int inputSize, List<Integer> hidden, Activation activation, int outputSize) {
        this(inputSize, NetworkSpec.layers(hidden, activation), outputSize);
    }

    private ReferenceMlp(int inputSize, List<HiddenLayer> hidden, int outputSize) {
        this.sizes = new int[hidden.size() + 2];
        this.activations = new Activation[hidden.size()];
        sizes[0] = inputSize;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i).units();
            activations[i] = hidden.get(i).activation();
        }
        sizes[sizes.length - 1] = outputSize;
    }

    /** The reference of a spec, each hidden layer with its own activation (dropout is not modelled). */
    public static ReferenceMlp of(NetworkSpec spec) {
        return new ReferenceMlp(spec.inputSize(), spec.hiddenLayers(), spec.outputSize());
    }

    int layers() {
        return sizes.length - 1;
    }

    int weightOffset(int l) {
        int offset = 0;
        for (int k = 0; k < l; k++) {
            offset += sizes[k] * sizes[k + 1] + sizes[k + 1];
        }
        return offset;
    }

    int biasOffset(int l) {
        return weightOffset(l) + sizes[l] * sizes[l + 1];
    }

    public static double[] widen(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    static double activate(Activation activation, double z) {
        return switch (activation) {
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-z));
            case RELU -> Math.max(0.0, z);
            case TANH -> Math.tanh(z);
            case IDENTITY -> z;
            case LEAKY_RELU -> z > 0 ? z : 0.01 * z;
            case ELU -> z > 0 ? z : Math.expm1(z);
            case GELU -> 0.5 * z * (1 + erf(z / Math.sqrt(2)));
        };
    }

    static double derivative(Activation activation, double z) {
        return switch (activation) {
            case SIGMOID -> {
                double s = 1.0 / (1.0 + Math.exp(-z));
                yield s * (1 - s);
            }
            case RELU -> z > 0 ? 1.0 : 0.0;
            case TANH -> {
                double t = Math.tanh(z);
                yield 1 - t * t;
            }
            case IDENTITY -> 1.0;
            case LEAKY_RELU -> z > 0 ? 1.0 : 0.01;
            case ELU -> z > 0 ? 1.0 : Math.exp(z);
            case GELU -> 0.5 * (1 + erf(z / Math.sqrt(2))) + z * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        };
    }

    /**
     * erf in float64 to about 1e-15, from its Maclaurin series below 3 and its continued fraction
     * beyond (independent of the engine's single-precision approximation).
     */
    static double erf(double x) {
        double a = Math.abs(x);
        double result;
        if (a < 3) {
            double term = a;
            double sum = a;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(a) = e^(-a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + ...))))
            double fraction = a;
            for (int k = 60; k >= 1; k--) {
                fraction = a + (k / 2.0) / fraction;
            }
            result = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / fraction;
        }
        return x < 0 ? -result : result;
    }

    /**
     * Pre-activations of every layer: {@code z[l]} is (rows, out(l)); the last one holds the logits.
     *
     * @param x (rows, inputSize) row-major
     */
    public double[][] preActivations(double[] params, double[] x, int rows) {
        return preActivations(params, x, rows, null);
    }

    /**
     * As {@link #preActivations(double[], double[], int)} with each hidden layer's outputs multiplied
     * by {@code masks[l]} ((rows, out(l)): 0 for a dropped unit, 1 / (1 - p) for a kept one), as
     * dropout does in a training step; null for no dropout.
     */
    public double[][] preActivations(double[] params, double[] x, int rows, double[][] masks) {
        double[][] z = new double[layers()][];
        double[] input = x;
        for (int l = 0; l < layers(); l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int w = weightOffset(l);
            int b = biasOffset(l);
            z[l] = new double[rows * out];
            double[] next = new double[rows * out];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    double s = params[b + j];
                    for (int i = 0; i < in; i++) {
                        s += input[r * in + i] * params[w + j * in + i];
                    }
                    z[l][r * out + j] = s;
                    next[r * out + j] = l == layers() - 1 ? s : activate(activations[l], s)
                            * (masks == null ? 1 : masks[l][r * out + j]);
                }
            }
            input = next;
        }
        return z;
    }

    /** Softmax probabilities, (rows, outputSize). */
    public double[] probabilities(double[] params, double[] x, int rows) {
        double[][] z = preActivations(params, x, rows);
        double[] logits = z[layers() - 1];
        int classes = sizes[sizes.length - 1];
        double[] p = new double[logits.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[r * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[r * classes + k] - max);
            }
            for (int k = 0; k < classes; k++) {
                p[r * classes + k] = Math.exp(logits[r * classes + k] - max) / sum;
            }
        }
        return p;
    }

    /** Mean cross-entropy over the rows (exact log-sum-exp, no clamping). */
    public double meanCrossEntropy(double[] params, double[] x, int[] labels) {
        int rows = labels.length;
        double[] logits = preActivations(params, x, rows)[layers() - 1];
        int classes = sizes[sizes.length - 1];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[r * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[r * classes + k] - max);
            }
            total += max + Math.log(sum) - logits[r * classes + labels[r]];
        }
        return total / rows;
    }

    /** The training objective: mean cross-entropy plus {@code l2 / 2 · Σ w²} over the weights only. */
    public double objective(double[] params, double[] x, int[] labels, double l2) {
        double penalty = 0;
        for (int l = 0; l < layers(); l++) {
            for (int i = weightOffset(l); i < biasOffset(l); i++) {
                penalty += params[i] * params[i];
            }
        }
        return meanCrossEntropy(params, x, labels) + l2 / 2 * penalty;
    }

    /** Gradient of {@link #objective} by textbook backpropagation, in the parameter layout. */
    public double[] gradient(double[] params, double[] x, int[] labels, double l2) {
        int rows = labels.length;
        double[][] z = preActivations(params, x, rows);
        double[] p = probabilities(params, x, rows);
        int classes = sizes[sizes.length - 1];
        double[] grad = new double[params.length];
        // delta = dObjective / dz of the current layer, (rows, out(l))
        double[] delta = new double[rows * classes];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < classes; k++) {
                delta[r * classes + k] = (p[r * classes + k] - (labels[r] == k ? 1 : 0)) / rows;
            }
        }
        for (int l = layers() - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] input = new double[rows * in];
            for (int i = 0; i < input.length; i++) {
                input[i] = l == 0 ? x[i] : activate(activations[l - 1], z[l - 1][i]);
            }
            int w = weightOffset(l);
            int b = biasOffset(l);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    double d = delta[r * out + j];
                    grad[b + j] += d;
                    for (int i = 0; i < in; i++) {
                        grad[w + j * in + i] += d * input[r * in + i];
                    }
                }
            }
            for (int i = w; i < b; i++) {
                grad[i] += l2 * params[i];
            }
            if (l > 0) {
                double[] below = new double[rows * in];
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < in; i++) {
                        double s = 0;
                        for (int j = 0; j < out; j++) {
                            s += delta[r * out + j] * params[w + j * in + i];
                        }
                        below[r * in + i] = s * derivative(activations[l - 1], z[l - 1][r * in + i]);
                    }
                }
                delta = below;
            }
        }
        return grad;
    }

    /**
     * A regression's objective: half the mean squared error over rows and outputs,
     * {@code Σ (y - t)² / (2 · rows · outputs)}, plus {@code l2 / 2 · Σ w²} over the weights only.
     *
     * @param targets (rows, outputSize) row-major
     */
    public double squaredErrorObjective(double[] params, double[] x, double[] targets, int rows, double l2) {
        double[] y = preActivations(params, x, rows)[layers() - 1];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += (y[i] - targets[i]) * (y[i] - targets[i]);
        }
        double penalty = 0;
        for (int l = 0; l < layers(); l++) {
            for (int i = weightOffset(l); i < biasOffset(l); i++) {
                penalty += params[i] * params[i];
            }
        }
        return sum / (2.0 * y.length) + l2 / 2 * penalty;
    }

    /**
     * The objective with class weights: {@code Σ w[label] · CE / rows} plus {@code l2 / 2 · Σ w²}
     * over the weights only.
     */
    public double weightedObjective(double[] params, double[] x, int[] labels, double[] classWeights, double l2) {
        int rows = labels.length;
        double[] logits = preActivations(params, x, rows)[layers() - 1];
        int classes = sizes[sizes.length - 1];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[r * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[r * classes + k] - max);
            }
            total += classWeights[labels[r]] * (max + Math.log(sum) - logits[r * classes + labels[r]]);
        }
        double penalty = 0;
        for (int l = 0; l < layers(); l++) {
            for (int i = weightOffset(l); i < biasOffset(l); i++) {
                penalty += params[i] * params[i];
            }
        }
        return total / rows + l2 / 2 * penalty;
    }

    /** Mean cross-entropy of a training step whose hidden outputs are multiplied by {@code masks}, plus the L2 term. */
    public double maskedObjective(double[] params, double[] x, int[] labels, double[][] masks, double l2) {
        int rows = labels.length;
        double[] logits = preActivations(params, x, rows, masks)[layers() - 1];
        int classes = sizes[sizes.length - 1];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[r * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[r * classes + k] - max);
            }
            total += max + Math.log(sum) - logits[r * classes + labels[r]];
        }
        double penalty = 0;
        for (int l = 0; l < layers(); l++) {
            for (int i = weightOffset(l); i < biasOffset(l); i++) {
                penalty += params[i] * params[i];
            }
        }
        return total / rows + l2 / 2 * penalty;
    }
}
