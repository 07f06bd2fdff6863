package io.mlpservice.model.export;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.model.export.PortableModel.Architecture;
import io.mlpservice.model.export.PortableModel.InputScaling;
import io.mlpservice.model.export.PortableModel.Layer;
import io.mlpservice.model.export.PortableModel.LayerParameters;
import io.mlpservice.model.export.PortableModel.Standardization;
import io.mlpservice.model.export.PortableModel.TargetScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.springframework.util.unit.DataSize;

/**
 * Portable documents built by hand, as another program would write them: seeded random weights,
 * base64 of little-endian float32 and the SHA-256 computed here, so that the tests can build
 * documents this service's engine could never have exported (regression, gelu...).
 */
final class Documents {

    static final MlpServiceProperties.Limits LIMITS = new MlpServiceProperties.Limits(1000, 32, 16384, 50_000_000L,
            50_000_000L, 1_000_000, 10_000, DataSize.ofMegabytes(64));

    private Documents() {
    }

    /** Weights and biases of one layer, (out, in) row-major then (out). */
    record Params(float[] weights, float[] biases) {
    }

    /** Seeded weights of about unit gain for a network of these layer widths, input first. */
    static List<Params> randomParameters(int[] widths, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Params> layers = new ArrayList<>();
        for (int l = 1; l < widths.length; l++) {
            float[] w = new float[widths[l] * widths[l - 1]];
            float[] b = new float[widths[l]];
            double bound = 2 / Math.sqrt(widths[l - 1]);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.nextDouble(-bound, bound);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) random.nextDouble(-0.5, 0.5);
            }
            layers.add(new Params(w, b));
        }
        return layers;
    }

    /** The SHA-256 the format defines: every layer's weight bytes then bias bytes, in order. */
    static String sha256(List<Params> layers) {
        FloatBytes.Digest digest = FloatBytes.digest();
        for (Params p : layers) {
            digest.update(FloatBytes.toBytes(p.weights())).update(FloatBytes.toBytes(p.biases()));
        }
        return digest.hex();
    }

    static List<LayerParameters> encode(List<Params> layers) {
        return layers.stream().map(p -> new LayerParameters(FloatBytes.base64(FloatBytes.toBytes(p.weights())),
                FloatBytes.base64(FloatBytes.toBytes(p.biases())))).toList();
    }

    /**
     * A whole document: hidden layers of the given widths and activations, then the output layer
     * (softmax over {@code classes}, or identity over {@code outputs} values for a regression).
     */
    static PortableModel document(int inputSize, int[] hidden, String[] activations, List<String> classes, int outputs,
                                  InputScaling inputs, TargetScaling targets, List<Params> params) {
        boolean classification = classes != null;
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < hidden.length; l++) {
            layers.add(new Layer(hidden[l], activations[l]));
        }
        layers.add(new Layer(classification ? classes.size() : outputs, classification ? "softmax" : "identity"));
        Architecture architecture = new Architecture(inputSize, classification ? "classification" : "regression",
                classes, classification ? null : outputs, layers);
        return new PortableModel(PortableModel.FORMAT, PortableModel.FORMAT_VERSION, "by-hand", null, architecture,
                new Standardization(inputs, targets), encode(params), sha256(params), null);
    }

    /** Widths input first: {@code [inputSize, hidden..., outputs]}. */
    static int[] widths(int inputSize, int[] hidden, int outputs) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputSize;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = outputs;
        return widths;
    }

    static float[] uniform(SplittableRandom random, int n, double from, double to) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(from, to);
        }
        return values;
    }
}
