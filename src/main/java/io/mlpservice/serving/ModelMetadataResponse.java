package io.mlpservice.serving;

import java.util.List;

/**
 * The Open Inference Protocol's model metadata: the model's name, the versions a client may ask
 * for by number, the platform, and the name, datatype and shape of each input and output tensor
 * ({@code -1} for the batch dimension, which any number of rows fills).
 */
public record ModelMetadataResponse(String name, List<String> versions, String platform,
                                    List<MetadataTensor> inputs, List<MetadataTensor> outputs) {

    /** A tensor's description: name, element type, and shape with -1 for a variable dimension. */
    public record MetadataTensor(String name, String datatype, List<Integer> shape) {
    }
}
