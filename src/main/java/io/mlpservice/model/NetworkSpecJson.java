package io.mlpservice.model;

import io.mlpservice.engine.Activation;
import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.Task;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads a stored {@link NetworkSpec} in either of the shapes the store has held. The current one
 * is the record as written: {@code task}, {@code inputSize}, {@code hiddenLayers} (objects with
 * {@code units}, {@code activation}, {@code dropout}), {@code activation}, {@code outputSize}.
 * Files written before per-layer activations and regression hold {@code inputSize},
 * {@code hiddenSizes} (numbers), {@code activation} and {@code outputSize}: they read as a
 * classifier whose layers all have that activation and no dropout, so that old models and
 * weights stay readable without a new format version.
 */
final class NetworkSpecJson {

    private NetworkSpecJson() {
    }

    /** The module that teaches a mapper both shapes. */
    static SimpleModule module() {
        return new SimpleModule("network-spec").addDeserializer(NetworkSpec.class, new Reader());
    }

    private static final class Reader extends ValueDeserializer<NetworkSpec> {
        @Override
        public NetworkSpec deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonNode node = ctxt.readTree(p);
            Activation activation = Activation.valueOf(node.required("activation").asString());
            Task task = node.has("task") ? Task.valueOf(node.get("task").asString()) : Task.CLASSIFICATION;
            List<HiddenLayer> layers = new ArrayList<>();
            if (node.has("hiddenLayers")) {
                for (JsonNode layer : node.get("hiddenLayers")) {
                    layers.add(new HiddenLayer(layer.required("units").asInt(),
                            Activation.valueOf(layer.required("activation").asString()),
                            (float) layer.path("dropout").asDouble(0)));
                }
            } else {
                for (JsonNode units : node.required("hiddenSizes")) {
                    layers.add(new HiddenLayer(units.asInt(), activation));
                }
            }
            return new NetworkSpec(task, node.required("inputSize").asInt(), layers, activation,
                    node.required("outputSize").asInt());
        }
    }
}
