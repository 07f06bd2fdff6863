package io.mlpservice.model.export;

import io.mlpservice.error.Violations;
import io.mlpservice.model.export.PortableModel.InputScaling;
import io.mlpservice.model.export.PortableModel.TargetScaling;

/**
 * Checks a document's standardisation against its architecture: one mean and one scale per
 * feature (or output), every mean finite, every scale positive and finite, and no target
 * standardisation on a classifier.
 */
final class ScalingCheck {

    private final Violations violations;

    ScalingCheck(Violations violations) {
        this.violations = violations;
    }

    void inputs(InputScaling inputs, int inputSize) {
        if (inputs != null) {
            means("standardization.inputs.means", inputs.means(), inputSize, "architecture.inputSize");
            factors("standardization.inputs.scales", inputs.scales(), inputSize, "architecture.inputSize");
        }
    }

    void targets(TargetScaling targets, boolean classification, int outputs) {
        if (targets == null) {
            return;
        }
        if (classification) {
            violations.add("standardization.targets", "standardization.targets must be null for a classification");
            return;
        }
        means("standardization.targets.means", targets.means(), outputs, "architecture.outputSize");
        factors("standardization.targets.scales", targets.scales(), outputs, "architecture.outputSize");
    }

    private boolean sized(String field, float[] values, int size, String sizeField) {
        if (values == null) {
            violations.add(field, field + " is required");
            return false;
        }
        if (values.length != size) {
            violations.add(field, field + " has " + values.length + " numbers; " + sizeField + " is " + size);
            return false;
        }
        return true;
    }

    private void means(String field, float[] values, int size, String sizeField) {
        if (sized(field, values, size, sizeField)) {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    violations.add(field + "[" + i + "]", field + "[" + i + "] is " + values[i] + "; it must be finite");
                    return;
                }
            }
        }
    }

    private void factors(String field, float[] values, int size, String sizeField) {
        if (sized(field, values, size, sizeField)) {
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] > 0f) || !Float.isFinite(values[i])) {
                    violations.add(field + "[" + i + "]", field + "[" + i + "] is " + values[i]
                            + "; it must be positive and finite");
                    return;
                }
            }
        }
    }
}
