package io.mlpservice.dataset;

import io.mlpservice.error.Violations;
import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The JSON body of {@code POST /api/v1/datasets}: rows and, per row, a class or target values. */
@Schema(description = "A dataset: `features` and either `labels` (classification) or `targets` (regression).")
public record CreateDatasetRequest(
        @Schema(description = "A name for people; it need not be unique.", example = "iris",
                requiredMode = RequiredMode.REQUIRED)
        @NotBlank(message = "is required") @Size(max = 200)
        String name,

        @Schema(description = "The rows, each with the same number of finite numbers.",
                example = "[[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4], [6.3, 3.3, 6.0, 2.5]]",
                requiredMode = RequiredMode.REQUIRED)
        @NotNull(message = "is required")
        NumberMatrix features,

        @Schema(description = "The class of each row (a name, or an integer taken as its text); omit with `targets`.",
                example = "[\"setosa\", \"versicolor\", \"virginica\"]")
        List<ClassLabel> labels,

        @Schema(description = "The regression targets of each row, each row as many numbers; omit with `labels`.")
        NumberMatrix targets,

        @Schema(description = "A name per feature column. Default: `x0`, `x1`, ...",
                example = "[\"sepal_length\", \"sepal_width\", \"petal_length\", \"petal_width\"]")
        List<@NotBlank String> featureNames,

        @Schema(description = "A name per target column. Default: `y0`, `y1`, ...")
        List<@NotBlank String> targetNames) {

    /**
     * The rows, checked: a width the same for every row and matching the names, labels or targets
     * (exactly one of them) for every row.
     *
     * @throws io.mlpservice.error.InvalidInputException naming every field at fault
     */
    DatasetRows toRows() {
        Violations violations = new Violations();
        int rows = features.rows();
        int width = rows > 0 ? features.rowLength(0) : featureNames != null ? featureNames.size() : 0;
        if (rows == 0) {
            violations.add("features", "features has no rows; send at least one");
        } else if (width == 0) {
            violations.add("features[0]", "features[0] has no values; send at least one feature");
        }
        if (featureNames != null && featureNames.size() != width && rows > 0) {
            violations.add("featureNames", "featureNames has " + featureNames.size() + " names; features[0] has "
                    + width + " values");
        }
        checkWidth("features", features, width, violations);
        if ((labels == null) == (targets == null)) {
            violations.add(labels == null ? "labels" : "targets",
                    "send labels (classification) or targets (regression), exactly one of them");
        }
        String[] names = labels == null ? null : labels(rows, violations);
        int targetWidth = 0;
        if (targets != null) {
            targetWidth = targets.rows() > 0 ? targets.rowLength(0) : 0;
            if (targets.rows() != rows) {
                violations.add("targets", "targets has " + targets.rows() + " rows; features has " + rows);
            }
            if (targetWidth == 0 && targets.rows() > 0) {
                violations.add("targets[0]", "targets[0] has no values; send at least one target");
            }
            checkWidth("targets", targets, targetWidth, violations);
            if (targetNames != null && targetNames.size() != targetWidth) {
                violations.add("targetNames", "targetNames has " + targetNames.size() + " names; targets[0] has "
                        + targetWidth + " values");
            }
        }
        violations.throwIfAny();
        List<String> columns = featureNames != null ? featureNames : DatasetRows.defaultNames("x", width);
        if (names != null) {
            return new DatasetRows(columns, rows, features.values(), names, List.of(), null);
        }
        List<String> targetColumns = targetNames != null ? targetNames : DatasetRows.defaultNames("y", targetWidth);
        return new DatasetRows(columns, rows, features.values(), null, targetColumns, targets.values());
    }

    /** Reports each row whose length differs from the first row's. */
    private static void checkWidth(String field, NumberMatrix matrix, int width, Violations violations) {
        for (int r = 1; r < matrix.rows() && !violations.isFull(); r++) {
            int length = matrix.rowLength(r);
            if (length != width) {
                violations.add(field + "[" + r + "]", field + "[" + r + "] has " + length
                        + (length == 1 ? " value" : " values") + "; " + field + "[0] has " + width);
            }
        }
    }

    private String[] labels(int rows, Violations violations) {
        if (labels.size() != rows) {
            violations.add("labels", "labels has " + labels.size() + (labels.size() == 1 ? " entry" : " entries")
                    + "; features has " + rows + (rows == 1 ? " row" : " rows"));
        }
        String[] names = new String[labels.size()];
        for (int i = 0; i < names.length && !violations.isFull(); i++) {
            ClassLabel label = labels.get(i);
            if (label == null || (label.name() != null && label.name().isBlank())) {
                violations.add("labels[" + i + "]", "labels[" + i + "] must be a class name, not "
                        + (label == null ? "null" : "blank"));
            } else {
                names[i] = label.name() != null ? label.name() : Long.toString(label.index());
            }
        }
        return names;
    }
}
