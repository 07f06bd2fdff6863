package io.mlpservice.serving;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v2/models/{name}[/versions/{version}]/infer}: the Open Inference
 * Protocol's inference request. Its field names are the protocol's.
 *
 * @param id         echoed in the response when given
 * @param parameters the protocol's free key/value parameters; none changes what this service does
 * @param inputs     the input tensors; a model here takes one, named {@code input}
 * @param outputs    the output tensors wanted, by name; null or empty for all of them
 */
public record InferenceRequest(String id, Map<String, Object> parameters, List<RequestInput> inputs,
                               List<RequestOutput> outputs) {

    /**
     * One input tensor.
     *
     * @param shape    the tensor's dimensions, {@code [rows, features]} here
     * @param datatype {@code FP32} or {@code FP64} here
     * @param data     the numbers, flat in row-major order or nested as the shape
     */
    public record RequestInput(String name, List<Long> shape, String datatype, Map<String, Object> parameters,
                               TensorData data) {
    }

    /** One output tensor asked for, by name. */
    public record RequestOutput(String name, Map<String, Object> parameters) {
    }
}
