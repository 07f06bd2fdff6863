package io.mlpservice.model;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.Task;
import io.mlpservice.engine.linalg.MatMul;
import io.mlpservice.store.Codec;
import io.mlpservice.store.TensorPack;
import tools.jackson.databind.json.JsonMapper;

/**
 * A version's weights file: a {@link TensorPack} holding {@code spec} (the architecture as JSON
 * text), {@code params} (float32, the engine's parameter layout: each layer's weights row-major
 * as (out, in), then its biases) and, when the inputs are standardised, {@code input.mean} and
 * {@code input.scale} (float32, one per feature: {@code (x - mean) * scale}); a regression trained
 * on standardised targets adds {@code target.mean} and {@code target.scale} (float32, one per
 * output: predictions are {@code y / scale + mean}). Files without the target arrays, those of
 * every classifier and of the versions written before regression, read as before. A file whose
 * arrays do not fit its spec fails to decode.
 */
final class WeightsCodec implements Codec<Network> {

    private static final JsonMapper JSON = JsonMapper.builder().addModule(NetworkSpecJson.module()).build();

    private final MatMul matMul;

    WeightsCodec(MatMul matMul) {
        this.matMul = matMul;
    }

    @Override
    public String kind() {
        return "weights";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public byte[] encode(Network network) {
        TensorPack.Builder pack = TensorPack.builder()
                .text("spec", JSON.writeValueAsString(network.spec()))
                .floats("params", network.parameters());
        Standardizer standardizer = network.standardizer();
        if (!standardizer.isIdentity()) {
            pack.floats("input.mean", standardizer.means()).floats("input.scale", standardizer.scales());
        }
        Standardizer targets = network.targetStandardizer();
        if (!targets.isIdentity()) {
            pack.floats("target.mean", targets.means()).floats("target.scale", targets.scales());
        }
        return pack.toBytes();
    }

    @Override
    public Network decode(byte[] payload) {
        TensorPack pack = TensorPack.read(payload);
        NetworkSpec spec = JSON.readValue(pack.text("spec"), NetworkSpec.class);
        Standardizer standardizer = pack.has("input.mean")
                ? Standardizer.of(pack.floats("input.mean"), pack.floats("input.scale"))
                : Standardizer.identity(spec.inputSize());
        Standardizer targets = pack.has("target.mean")
                ? Standardizer.of(pack.floats("target.mean"), pack.floats("target.scale"))
                : Standardizer.identity(spec.outputSize());
        float[] params = pack.floats("params");
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                throw new IllegalArgumentException("parameter " + i + " is " + params[i]);
            }
        }
        return new Network(spec, params, standardizer, targets, matMul);
    }

    /** Bytes the network's weights, standardisation and single-row layout (once made) take in memory. */
    static long residentBytes(Network network) {
        return residentBytes(network.spec()) + network.singleRowLayoutBytes();
    }

    /** Bytes the weights and standardisation of a network of this architecture take in memory. */
    static long residentBytes(NetworkSpec spec) {
        long targets = spec.task() == Task.REGRESSION ? 2L * spec.outputSize() * Float.BYTES : 0;
        return spec.parameterCount() * Float.BYTES + 2L * spec.inputSize() * Float.BYTES + targets;
    }
}
