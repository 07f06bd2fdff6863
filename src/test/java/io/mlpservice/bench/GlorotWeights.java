package io.mlpservice.bench;

import io.mlpservice.engine.ParameterLayout;
import java.util.SplittableRandom;

/**
 * The initial weights of WORKLOADS.md section 4: Glorot uniform from SplitMix64 stream I, layer by
 * layer from the input side, each {@code W_l} drawn as (fan_in, fan_out) row-major, then
 * transposed into the engine's (out, in) {@link ParameterLayout}; biases 0.
 */
final class GlorotWeights {

    private GlorotWeights() {
    }

    /** The parameter buffer of {@code w}'s network, in the engine's layout. */
    static float[] draw(Workload w) {
        ParameterLayout layout = new ParameterLayout(w.spec());
        float[] params = new float[layout.size()];
        SplittableRandom random = new SplittableRandom(Workload.INIT_SEED);
        for (int l = 0; l < layout.layers(); l++) {
            int fanIn = layout.in(l);
            int fanOut = layout.out(l);
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            int offset = layout.weightOffset(l);
            for (int i = 0; i < fanIn; i++) {            // W_l[i][j]: input unit i, output unit j
                for (int j = 0; j < fanOut; j++) {
                    params[offset + j * fanIn + i] = (float) ((2 * random.nextDouble() - 1) * limit);
                }
            }
        }
        return params;
    }

    /** {@code W_l[i][j]} of WORKLOADS.md (l from 1, i input, j output) read from the engine layout. */
    static float weight(ParameterLayout layout, float[] params, int l, int i, int j) {
        return params[layout.weightOffset(l - 1) + j * layout.in(l - 1) + i];
    }

    /** @throws CheckFailure unless the buffer holds the weights WORKLOADS.md checks */
    static void check(Workload w, float[] params) {
        ParameterLayout layout = new ParameterLayout(w.spec());
        CheckFailure.Collector checks = new CheckFailure.Collector(w + " initial weights");
        for (int j = 0; j < 3; j++) {
            checks.floatExact("W_1[0][" + j + "]", weight(layout, params, 1, 0, j), w.w1Row0[j]);
            checks.floatExact("W_2[0][" + j + "]", weight(layout, params, 2, 0, j), w.w2Row0[j]);
        }
        int last = layout.layers();
        checks.floatExact("W_L[last][last]",
                weight(layout, params, last, layout.in(last - 1) - 1, layout.out(last - 1) - 1), w.wLastLast);
        for (int l = 0; l < layout.layers(); l++) {
            for (int k = layout.biasOffset(l); k < layout.biasOffset(l) + layout.out(l); k++) {
                if (params[k] != 0f) {
                    throw new CheckFailure(w + " initial weights: bias " + k + " is not 0");
                }
            }
        }
        checks.throwIfAny();
    }
}
