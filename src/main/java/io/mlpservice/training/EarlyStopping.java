package io.mlpservice.training;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Early stopping as a client asks for it (a null field takes its default) and as a job reports it
 * (every field filled in).
 */
@Schema(description = "Stop when the validation loss (the training loss without a split) has not improved by more "
        + "than `minDelta` for `patience` epochs, and keep the best epoch's weights")
public record EarlyStopping(
        @Schema(description = "Epochs without improvement before stopping. Default: 10.", example = "10")
        @Min(1)
        Integer patience,
        @Schema(description = "Smallest decrease of the loss that counts as an improvement. Default: 0.0001.",
                example = "0.0001")
        @PositiveOrZero
        Double minDelta) {
}
