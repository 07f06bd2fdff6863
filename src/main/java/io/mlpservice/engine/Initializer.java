package io.mlpservice.engine;

/**
 * Initial weights drawn from one seeded {@link SplitMix64} stream (the sequence of
 * {@code java.util.SplittableRandom}), layer by layer from the input side, each weight matrix row
 * by row in the (out, in) layout; biases start at zero.
 * <ul>
 *   <li>He uniform for ReLU and its kin, leaky ReLU, ELU and GELU (He et al. 2015, "Delving
 *       Deep into Rectifiers"):
 *       {@code U(-a, a)}, {@code a = sqrt(6 / fanIn)}, which keeps the activations' variance
 *       when half of the units are cut off;</li>
 *   <li>Glorot uniform for sigmoid, tanh, the identity and the output layer (Glorot and Bengio 2010):
 *       {@code a = sqrt(6 / (fanIn + fanOut))}.</li>
 * </ul>
 */
public final class Initializer {

    private Initializer() {
    }

    /** Fresh parameters for {@code spec}: the same seed always gives the same bits. */
    public static float[] initialParameters(NetworkSpec spec, long seed) {
        ParameterLayout layout = new ParameterLayout(spec);
        float[] params = new float[layout.size()];
        SplitMix64 random = new SplitMix64(seed);
        for (int l = 0; l < layout.layers(); l++) {
            int fanIn = layout.in(l);
            int fanOut = layout.out(l);
            boolean hidden = l < layout.layers() - 1;
            double limit = hidden && rectifier(spec.activation(l))
                    ? Math.sqrt(6.0 / fanIn)
                    : Math.sqrt(6.0 / (fanIn + fanOut));
            int offset = layout.weightOffset(l);
            for (int i = 0; i < fanIn * fanOut; i++) {
                params[offset + i] = (float) ((2.0 * random.nextDouble() - 1.0) * limit);
            }
        }
        return params;
    }

    /** Activations that cut off or flatten half of their inputs, as ReLU does. */
    private static boolean rectifier(Activation activation) {
        return switch (activation) {
            case RELU, LEAKY_RELU, ELU, GELU -> true;
            case SIGMOID, TANH, IDENTITY -> false;
        };
    }
}
