package io.mlpservice.insight;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The rule that calls a feature drifted in {@code GET /api/v1/models/{id}/drift}, bound from
 * {@code mlp.drift.*}. A feature is drifted when the version has answered at least
 * {@code minRows} rows and either its recent mean lies more than {@code maxShift} training
 * deviations from the training mean, or its recent deviation is more than {@code maxStdRatio}
 * times the training deviation or less than its {@code 1 / maxStdRatio}.
 *
 * @param minRows     rows seen before any feature can be called drifted: with 100 rows the mean of
 *                    undrifted data strays by about 0.1 deviations, a fifth of the default shift
 * @param maxShift    |recent mean - training mean| / training deviation beyond which a feature drifted
 * @param maxStdRatio how far the recent deviation may grow or shrink, as a ratio, before it counts
 */
@ConfigurationProperties("mlp.drift")
@Validated
public record DriftProperties(
        @Min(1) @DefaultValue("100") long minRows,
        @DecimalMin(value = "0", inclusive = false) @DefaultValue("0.5") double maxShift,
        @DecimalMin(value = "1", inclusive = false) @DefaultValue("2") double maxStdRatio) {
}
