package io.mlpservice.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The Open Inference Protocol's inference response: the model and version that answered, the
 * request's id when it had one, and the output tensors asked for, each flat in row-major order.
 *
 * @param modelVersion the version whose weights answered, as a string as the protocol has it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("model_version") String modelVersion,
        String id,
        List<Tensor> outputs) {

    /**
     * One output tensor.
     *
     * @param shape {@code [rows, classes]} for probabilities, {@code [rows]} for labels
     * @param data  the elements in row-major order: numbers for FP32, strings for BYTES
     */
    public record Tensor(String name, List<Integer> shape, String datatype, Object data) {
    }
}
