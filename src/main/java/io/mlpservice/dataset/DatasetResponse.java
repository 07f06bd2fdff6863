package io.mlpservice.dataset;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A stored dataset as clients see it: what it holds, not its numbers. */
@Schema(description = "A stored dataset")
public record DatasetResponse(
        @Schema(description = "The dataset's id, for `datasetId` in training jobs and evaluations") String id,
        @Schema(example = "iris") String name,
        @Schema(description = "Rows it holds", example = "150") int rows,
        @Schema(description = "The feature columns, in order") List<String> featureNames,
        @Schema(description = "The CSV column the labels came from; null for JSON and regression datasets",
                example = "species", types = {"string", "null"}) String labelColumn,
        @Schema(description = "The target columns of a regression dataset; null for a classification one",
                types = {"array", "null"})
        List<String> targetColumns,
        @Schema(description = "The distinct labels in order of first appearance; empty for a regression dataset",
                example = "[\"setosa\", \"versicolor\", \"virginica\"]") List<String> classes,
        Instant createdAt,
        @Schema(description = "Bytes its numbers take (4 per feature value, label or target)", example = "3000")
        long sizeBytes) {

    static DatasetResponse from(DatasetRecord d) {
        return new DatasetResponse(d.id(), d.name(), d.rows(), d.featureNames(), d.labelColumn(),
                d.isRegression() ? d.targetColumns() : null, d.classes(), d.createdAt(), d.sizeBytes());
    }
}
