package io.mlpservice.model.export;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import io.mlpservice.model.export.DecodedModel.DecodedLayer;
import io.mlpservice.model.export.PortableModel.Architecture;
import io.mlpservice.model.export.PortableModel.Layer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a portable document field by field and decodes it: the format and its version first
 * (nothing else is read in a format this reader does not know), then the architecture against
 * itself and the limits, then the standardisation and the parameters against the architecture,
 * the checksum, and finite numbers throughout. Every fault is named by its path in the document.
 */
final class DocumentCheck {

    /** Longest model name, as when a model is created. */
    static final int MAX_NAME = 200;

    private final PortableModel doc;
    private final MlpServiceProperties.Limits limits;
    private final Violations violations = new Violations();

    DocumentCheck(PortableModel doc, MlpServiceProperties.Limits limits) {
        this.doc = doc;
        this.limits = limits;
    }

    DecodedModel decode() {
        checkFormat();
        violations.throwIfAny();
        Architecture architecture = doc.architecture();
        if (architecture == null) {
            violations.add("architecture", "architecture is required");
            violations.throwIfAny();
        }
        List<Integer> units = checkArchitecture(architecture);
        violations.throwIfAny();

        boolean classification = PortableModel.CLASSIFICATION.equals(architecture.task());
        int outputs = units.getLast();
        ScalingCheck scaling = new ScalingCheck(violations);
        if (doc.standardization() == null) {
            violations.add("standardization", "standardization is required ({\"inputs\": null, \"targets\": null} "
                    + "for none)");
        } else {
            scaling.inputs(doc.standardization().inputs(), architecture.inputSize());
            scaling.targets(doc.standardization().targets(), classification, outputs);
        }
        List<DecodedLayer> layers = new ParametersCheck(violations).decode(doc, architecture, units);
        if (doc.name() != null && doc.name().length() > MAX_NAME) {
            violations.add("name", "name has " + doc.name().length() + " characters; at most " + MAX_NAME);
        }
        violations.throwIfAny();

        var inputs = doc.standardization().inputs();
        var targets = doc.standardization().targets();
        return new DecodedModel(doc.name(), architecture.inputSize(), architecture.task(),
                classification ? List.copyOf(architecture.classes()) : null, outputs, layers,
                inputs == null ? null : inputs.means().clone(), inputs == null ? null : inputs.scales().clone(),
                targets == null ? null : targets.means().clone(), targets == null ? null : targets.scales().clone(),
                doc.metrics());
    }

    private void checkFormat() {
        if (doc.format() == null) {
            violations.add("format", "format is required: '" + PortableModel.FORMAT + "'");
        } else if (!PortableModel.FORMAT.equals(doc.format())) {
            violations.add("format", "format '" + doc.format() + "' is not '" + PortableModel.FORMAT + "'");
        }
        if (doc.formatVersion() == null) {
            violations.add("formatVersion", "formatVersion is required: " + PortableModel.FORMAT_VERSION);
        } else if (doc.formatVersion() != PortableModel.FORMAT_VERSION) {
            violations.add("formatVersion", "formatVersion " + doc.formatVersion()
                    + " is not supported; this service reads version " + PortableModel.FORMAT_VERSION);
        }
    }

    /** The units of each layer, the output layer last; violations when anything is amiss. */
    private List<Integer> checkArchitecture(Architecture architecture) {
        Integer inputSize = architecture.inputSize();
        if (inputSize == null) {
            violations.add("architecture.inputSize", "architecture.inputSize is required");
        } else {
            checkUnits("architecture.inputSize", inputSize);
        }
        String task = architecture.task();
        boolean classification = PortableModel.CLASSIFICATION.equals(task);
        if (task == null) {
            violations.add("architecture.task", "architecture.task is required: classification or regression");
        } else if (!classification && !PortableModel.REGRESSION.equals(task)) {
            violations.add("architecture.task", "architecture.task " + Excerpt.quoted(task)
                    + " is not one of classification, regression");
        }
        List<Layer> layers = architecture.layers();
        if (layers == null || layers.isEmpty()) {
            violations.add("architecture.layers", "architecture.layers must list every layer, at least the output one");
            return List.of();
        }
        if (layers.size() - 1 > limits.maxHiddenLayers()) {
            violations.add("architecture.layers", "architecture.layers has " + (layers.size() - 1)
                    + " hidden layers; the limit is " + limits.maxHiddenLayers() + " (mlp.limits.max-hidden-layers)");
        }
        List<Integer> units = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            String field = "architecture.layers[" + l + "]";
            Layer layer = layers.get(l);
            if (layer == null) {
                violations.add(field, field + " is null");
                units.add(0);
                continue;
            }
            if (layer.units() == null) {
                violations.add(field + ".units", field + ".units is required");
            } else {
                checkUnits(field + ".units", layer.units());
            }
            units.add(layer.units() == null ? 0 : layer.units());
            checkActivation(field + ".activation", layer.activation(), l == layers.size() - 1, task);
        }
        if (classification || PortableModel.REGRESSION.equals(task)) {
            checkOutputs(architecture, classification, units.getLast(), layers.size() - 1);
        }
        if (inputSize != null && violations.isEmpty()) {
            long parameters = 0;
            int in = inputSize;
            for (int out : units) {
                parameters += (long) in * out + out;
                in = out;
            }
            if (parameters > limits.maxParameters()) {
                violations.add("architecture.layers", String.format("the model would have %,d parameters; the limit "
                        + "is %,d (mlp.limits.max-parameters)", parameters, limits.maxParameters()));
            }
        }
        return units;
    }

    private void checkUnits(String field, int units) {
        if (units < 1) {
            violations.add(field, field + " is " + units + "; it must be at least 1");
        } else if (units > limits.maxLayerUnits()) {
            violations.add(field, field + " " + units + " is over the limit of " + limits.maxLayerUnits()
                    + " (mlp.limits.max-layer-units)");
        }
    }

    private void checkActivation(String field, String activation, boolean output, String task) {
        if (activation == null) {
            violations.add(field, field + " is required");
        } else if (output) {
            String expected = PortableModel.REGRESSION.equals(task) ? PortableModel.IDENTITY : PortableModel.SOFTMAX;
            boolean known = PortableModel.CLASSIFICATION.equals(task) || PortableModel.REGRESSION.equals(task);
            if (known && !activation.equals(expected)) {
                violations.add(field, field + " " + Excerpt.quoted(activation) + ": the output layer of a " + task
                        + " is '"
                        + expected + "'");
            }
        } else if (!OnnxWriter.ACTIVATIONS.contains(activation)) {
            violations.add(field, field + " " + Excerpt.quoted(activation) + " is not one of "
                    + String.join(", ", OnnxWriter.ACTIVATIONS));
        }
    }

    private void checkOutputs(Architecture architecture, boolean classification, int outputUnits, int outputLayer) {
        String unitsField = "architecture.layers[" + outputLayer + "].units";
        List<String> classes = architecture.classes();
        Integer outputSize = architecture.outputSize();
        if (classification) {
            if (classes == null || classes.size() < 2) {
                violations.add("architecture.classes", "architecture.classes must name at least 2 classes for a "
                        + "classification, had " + (classes == null ? "none" : classes.size()));
                return;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < classes.size(); i++) {
                String name = classes.get(i);
                String field = "architecture.classes[" + i + "]";
                if (name == null || name.isBlank()) {
                    violations.add(field, field + " must be a non-blank name");
                } else if (!seen.add(name)) {
                    violations.add(field, field + " " + Excerpt.quoted(name) + " appears more than once");
                }
            }
            if (outputSize != null && outputSize != classes.size()) {
                violations.add("architecture.outputSize", "architecture.outputSize " + outputSize
                        + " disagrees with the " + classes.size() + " classes");
            }
            if (outputUnits != classes.size()) {
                violations.add(unitsField, unitsField + " is " + outputUnits + "; the output layer of a classification "
                        + "has one unit per class (" + classes.size() + ")");
            }
        } else {
            if (classes != null) {
                violations.add("architecture.classes", "architecture.classes must be null for a regression");
            }
            if (outputSize == null) {
                violations.add("architecture.outputSize", "architecture.outputSize is required for a regression");
            } else if (outputSize != outputUnits) {
                violations.add(unitsField, unitsField + " is " + outputUnits + "; architecture.outputSize is "
                        + outputSize);
            }
        }
    }
}
