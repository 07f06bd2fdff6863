package io.mlpservice.error;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One thing wrong with a request.
 *
 * @param field   where: a JSON path such as {@code features[12]} or {@code earlyStopping.patience}
 * @param message what, in a sentence that starts with the field: "features[12] has 3 values; the model expects 4"
 */
@Schema(description = "One thing wrong with the request")
public record Violation(
        @Schema(description = "Path of the offending field in the request body", example = "features[12]")
        String field,
        @Schema(description = "What is wrong, naming the field", example = "features[12] has 3 values; the model expects 4")
        String message) {
}
