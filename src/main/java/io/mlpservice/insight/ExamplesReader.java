package io.mlpservice.insight;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.error.Violations;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/**
 * Turns the data of an evaluation request (a dataset id, or rows with labels or targets) into
 * {@link Examples} for a model, reporting every rule broken at once, each naming its field.
 */
@Component
class ExamplesReader {

    private final DatasetLookup datasets;
    private final long maxValues;

    ExamplesReader(DatasetLookup datasets, MlpServiceProperties properties) {
        this.datasets = datasets;
        this.maxValues = properties.limits().maxTrainingValues();
    }

    Examples read(ModelRecord model, Task task, EvaluationData data) {
        boolean inline = data.features() != null || data.labels() != null || data.targets() != null;
        if (data.datasetId() != null && inline) {
            throw invalid("datasetId", "send datasetId, or features with " + answers(task) + ", not both");
        }
        if (data.datasetId() == null && !inline) {
            throw invalid("datasetId", "send datasetId, or features with " + answers(task));
        }
        return data.datasetId() != null ? fromDataset(model, task, data.datasetId()) : inline(model, task, data);
    }

    private Examples inline(ModelRecord model, Task task, EvaluationData data) {
        Violations violations = new Violations();
        int width = model.spec().inputSize();
        NumberMatrix features = data.features();
        if (features == null) {
            violations.add("features", "features is required with " + answers(task));
            violations.throwIfAny();
        }
        int rows = features.rows();
        if (rows == 0) {
            violations.add("features", "features has no rows; send at least one");
        }
        if (features.size() > maxValues) {
            violations.add("features", String.format("features holds %,d values; the limit is %,d "
                    + "(mlp.limits.max-training-values)", features.size(), maxValues));
        }
        features.checkWidth("features", width, violations);
        List<String> names = data.featureNames();
        if (names != null && names.size() != width) {
            violations.add("featureNames", "featureNames has " + names.size() + " names; the model takes " + width
                    + " features");
        }
        for (int j = 0; names != null && j < names.size(); j++) {
            if (names.get(j) == null || names.get(j).isBlank()) {
                violations.add("featureNames[" + j + "]", "featureNames[" + j + "] must be a name, not blank or null");
            }
        }
        int[] classes = null;
        float[] targets = null;
        if (task == Task.CLASSIFICATION) {
            if (data.targets() != null) {
                violations.add("targets", "targets is for a regression model; model '" + model.id()
                        + "' is a classifier: send labels");
            } else if (data.labels() == null) {
                violations.add("labels", "labels is required with features: the class of each row");
            } else {
                if (data.labels().size() != rows) {
                    violations.add("labels", "labels has " + data.labels().size() + " entries; features has "
                            + rows + " rows");
                }
                classes = ClassLabel.indices(model.classes(), data.labels(), null, "labels", violations);
            }
        } else {
            if (data.labels() != null) {
                violations.add("labels", "labels is for a classifier; model '" + model.id()
                        + "' is a regression: send targets");
            } else if (data.targets() == null) {
                violations.add("targets", "targets is required with features: the values of each row");
            } else {
                if (data.targets().rows() != rows) {
                    violations.add("targets", "targets has " + data.targets().rows() + " rows; features has "
                            + rows + " rows");
                }
                data.targets().checkWidth("targets", model.spec().outputSize(), violations);
                targets = data.targets().values();
            }
        }
        violations.throwIfAny();
        return new Examples(features.values(), rows, width, names != null ? List.copyOf(names) : numbered(width),
                classes, targets);
    }

    private Examples fromDataset(ModelRecord model, Task task, String id) {
        LabelledRows data = datasets.rows(id);
        int width = model.spec().inputSize();
        String dataset = "dataset '" + id + "'";
        if (data.width() != width) {
            throw invalid("datasetId", dataset + " has " + data.width() + " features a row; the model takes " + width);
        }
        if ((long) data.rows() * width > maxValues) {
            throw invalid("datasetId", String.format("%s holds %,d values; the limit is %,d "
                    + "(mlp.limits.max-training-values)", dataset, (long) data.rows() * width, maxValues));
        }
        List<String> names = data.featureNames() != null && data.featureNames().size() == width
                ? List.copyOf(data.featureNames()) : numbered(width);
        if (task == Task.CLASSIFICATION) {
            if (data.labels() == null) {
                throw invalid("datasetId", dataset + " has no labels; model '" + model.id() + "' is a classifier");
            }
            Violations violations = new Violations();
            int[] classes = ClassLabel.indices(model.classes(), data.labels(), "datasetId", dataset + " labels", violations);
            violations.throwIfAny();
            return new Examples(data.features(), data.rows(), width, names, classes, null);
        }
        int outputs = model.spec().outputSize();
        if (data.targets() == null) {
            throw invalid("datasetId", dataset + " holds class labels, not targets; model '" + model.id()
                    + "' is a regression of " + outputs + (outputs == 1 ? " output" : " outputs"));
        }
        if (data.targetWidth() != outputs) {
            throw invalid("datasetId", dataset + " has " + data.targetWidth()
                    + (data.targetWidth() == 1 ? " target column" : " target columns") + "; model '"
                    + model.id() + "' gives " + outputs + (outputs == 1 ? " value" : " values") + " a row");
        }
        return new Examples(data.features(), data.rows(), width, names, null, data.targets());
    }

    /** x0, x1, ... as scikit-learn names columns that have no names. */
    static List<String> numbered(int width) {
        return IntStream.range(0, width).mapToObj(j -> "x" + j).toList();
    }

    private static String answers(Task task) {
        return task == Task.CLASSIFICATION ? "labels" : "targets";
    }

    private static RuntimeException invalid(String field, String message) {
        return new io.mlpservice.error.InvalidInputException(field, message);
    }
}
