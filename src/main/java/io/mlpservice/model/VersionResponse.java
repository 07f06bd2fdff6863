package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A version of a model's weights as the API shows it. */
@Schema(description = "One version of a model's weights: what a successful training job produced")
public record VersionResponse(
        @Schema(description = "Numbered from 1 within the model", example = "2")
        int version,
        @Schema(description = "The training job that produced it")
        String jobId,
        Instant createdAt,
        @Schema(description = "Figures of the epoch whose weights the version holds")
        LossPoint metrics) {

    static VersionResponse from(ModelVersion version) {
        return new VersionResponse(version.version(), version.jobId(), version.createdAt(), version.metrics());
    }
}
