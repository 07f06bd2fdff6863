package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The body of {@code PUT /api/v1/models/{id}/serving-version}. */
@Schema(description = "The version that is to serve predictions")
public record ServingVersionRequest(
        @Schema(description = "An existing version number of the model", example = "1", requiredMode = RequiredMode.REQUIRED)
        @NotNull(message = "is required") @Positive
        Integer version) {
}
