package io.mlpservice.insight;

import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import java.util.List;

/**
 * The rows a request evaluates a model on: a stored dataset, or rows sent with their answers
 * (labels for a classifier, targets for a regression). Exactly one of the two forms.
 *
 * @param featureNames names for the inline rows' columns, or null
 */
public record EvaluationData(String datasetId, NumberMatrix features, List<String> featureNames,
                             List<ClassLabel> labels, NumberMatrix targets) {
}
