package io.mlpservice.model.export;

import io.mlpservice.error.Violations;
import io.mlpservice.model.export.DecodedModel.DecodedLayer;
import io.mlpservice.model.export.PortableModel.Architecture;
import io.mlpservice.model.export.PortableModel.LayerParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a document's parameters against its (already checked) architecture: one entry per
 * layer, valid base64 of exactly {@code units × in} and {@code units} float32, the SHA-256 over
 * the decoded bytes in document order, and every number finite.
 */
final class ParametersCheck {

    private final Violations violations;

    ParametersCheck(Violations violations) {
        this.violations = violations;
    }

    /** Each layer's parameters as floats, or an incomplete list when violations were recorded. */
    List<DecodedLayer> decode(PortableModel doc, Architecture architecture, List<Integer> units) {
        List<LayerParameters> parameters = doc.parameters();
        if (parameters == null) {
            violations.add("parameters", "parameters is required: one entry per layer");
            return List.of();
        }
        if (parameters.size() != units.size()) {
            violations.add("parameters", "parameters has " + parameters.size() + " entries; architecture.layers has "
                    + units.size());
            return List.of();
        }
        FloatBytes.Digest digest = FloatBytes.digest();
        List<DecodedLayer> layers = new ArrayList<>();
        int in = architecture.inputSize();
        for (int l = 0; l < units.size(); l++) {
            int out = units.get(l);
            LayerParameters entry = parameters.get(l);
            String field = "parameters[" + l + "]";
            if (entry == null) {
                violations.add(field, field + " is null");
            } else {
                byte[] weights = bytes(field + ".weights", entry.weights(), (long) out * in, l, in, out);
                byte[] biases = bytes(field + ".biases", entry.biases(), out, l, in, out);
                if (weights != null && biases != null) {
                    digest.update(weights).update(biases);
                    layers.add(new DecodedLayer(in, out, architecture.layers().get(l).activation(),
                            finite(field + ".weights", FloatBytes.toFloats(weights)),
                            finite(field + ".biases", FloatBytes.toFloats(biases))));
                }
            }
            in = out;
        }
        String claimed = doc.parametersSha256();
        if (claimed == null) {
            violations.add("parametersSha256", "parametersSha256 is required");
        } else if (layers.size() == units.size()) {
            String actual = digest.hex();
            if (!actual.equalsIgnoreCase(claimed)) {
                violations.add("parametersSha256", "parametersSha256 " + claimed + " does not match the parameters, "
                        + "whose SHA-256 is " + actual);
            }
        }
        return layers;
    }

    private byte[] bytes(String field, String base64, long count, int layer, int in, int out) {
        if (base64 == null) {
            violations.add(field, field + " is required");
            return null;
        }
        byte[] bytes;
        try {
            bytes = FloatBytes.fromBase64(base64);
        } catch (IllegalArgumentException notBase64) {
            violations.add(field, field + " is not base64: " + notBase64.getMessage());
            return null;
        }
        if (bytes.length != count * Float.BYTES) {
            violations.add(field, field + " holds " + bytes.length + " bytes; layer " + layer + " (" + in + " inputs, "
                    + out + " units) needs " + count + " float32, " + count * Float.BYTES + " bytes");
            return null;
        }
        return bytes;
    }

    private float[] finite(String field, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                violations.add(field, field + "[" + i + "] is " + values[i] + "; every parameter must be finite");
                break;
            }
        }
        return values;
    }
}
