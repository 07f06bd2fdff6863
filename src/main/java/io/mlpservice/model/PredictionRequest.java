package io.mlpservice.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.mlpservice.web.NumberMatrix;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/v1/models/{id}/predictions}. */
@Schema(description = "Rows to classify")
public record PredictionRequest(
        @Schema(description = "Input rows, each with `inputSize` finite numbers, on the scale of the training "
                + "features (the model standardises them itself). `instances` is accepted as a synonym, "
                + "as in KServe's v1 protocol.", example = "[[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]]",
                requiredMode = RequiredMode.REQUIRED)
        @JsonAlias("instances")
        @NotNull(message = "is required")
        NumberMatrix inputs) {
}
