package io.mlpservice.model;

import java.util.List;

/**
 * What it takes to create a model, as a client asked for it; null fields take their defaults.
 * {@link ModelService#create} checks it against the limits.
 */
public record CreateModel(String name, String task, int inputSize, List<HiddenLayerRequest> hiddenLayers,
                          String activation, List<String> classes, Integer outputSize, Long seed) {
}
