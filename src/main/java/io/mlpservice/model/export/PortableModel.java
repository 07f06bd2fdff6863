package io.mlpservice.model.export;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.engine.HiddenLayer;
import io.mlpservice.engine.Network;
import io.mlpservice.engine.NetworkSpec;
import io.mlpservice.engine.ParameterLayout;
import io.mlpservice.engine.Standardizer;
import io.mlpservice.engine.Task;
import io.mlpservice.model.LossPoint;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelVersion;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model version as a portable JSON document: everything it takes to compute its predictions
 * elsewhere, or to import it here with bit-identical predictions. An exported document imports as
 * it is: the fields its schema allows to be null take {@code null} as absent
 * ({@code @JsonSetter(nulls = SKIP)}), where every other request field refuses it. The README's "Portable model
 * format" section documents it field by field; {@link #from} writes it, {@link #decode} checks it
 * and turns it into a {@link DecodedModel}, the form the importer and the {@link OnnxWriter} read.
 *
 * @param format        always {@value #FORMAT}
 * @param formatVersion always {@value #FORMAT_VERSION}; a reader refuses versions it does not know
 * @param name          the model's name where it was exported; the import's default name
 * @param source        where the document was exported from: for people, not read on import
 * @param parameters    one entry a layer, from the input side, in the order of {@code architecture.layers}
 * @param parametersSha256 SHA-256 (lowercase hex) of every layer's weight bytes then bias bytes, layer by layer
 * @param metrics       the figures of the epoch whose weights the version holds; may be null
 */
@Schema(description = "A model version as a portable document: architecture, standardisation, weights and biases "
        + "(base64 of little-endian float32), metrics and a SHA-256 of the weights. POST it to "
        + "/api/v1/models/import to recreate the model.")
public record PortableModel(
        @Schema(description = "Format name", example = FORMAT, requiredMode = RequiredMode.REQUIRED)
        String format,
        @Schema(description = "Format version", example = "1", requiredMode = RequiredMode.REQUIRED)
        Integer formatVersion,
        @Schema(description = "The model's name; the imported model's name unless `?name=` is given", example = "iris",
                types = {"string", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        String name,
        @Schema(description = "Where it was exported from; informative, not read on import", types = {"object", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        Source source,
        @Schema(requiredMode = RequiredMode.REQUIRED)
        Architecture architecture,
        @Schema(requiredMode = RequiredMode.REQUIRED)
        Standardization standardization,
        @Schema(description = "Weights and biases of each layer, from the input side: one entry per "
                + "`architecture.layers` entry", requiredMode = RequiredMode.REQUIRED)
        List<LayerParameters> parameters,
        @Schema(description = "SHA-256, lowercase hex, of the bytes the base64 strings of `parameters` decode to, "
                + "in document order: layer 0's weights, layer 0's biases, layer 1's weights, ...",
                example = "9c1185a5c5e9fc54612808977ee8f548b2258d31e5d3a1f0f1a8c1f7c0d1e2f3",
                requiredMode = RequiredMode.REQUIRED)
        String parametersSha256,
        @Schema(description = "Figures of the epoch whose weights the version holds (`jobId` is the job that "
                + "trained it where it was exported from); null when unknown", types = {"object", "null"})
        @JsonSetter(nulls = Nulls.SKIP)
        LossPoint metrics) {

    /** The format's name, in {@code format}. */
    public static final String FORMAT = "mlp-service.model";
    /** The only version this service writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** Output activation of a classifier. */
    static final String SOFTMAX = "softmax";
    /** Output activation of a regression, and the name of the identity anywhere. */
    static final String IDENTITY = "identity";
    static final String CLASSIFICATION = "classification";
    static final String REGRESSION = "regression";

    /** Where a document came from: for people reading it. */
    @Schema(description = "The model and version the document was exported from")
    public record Source(
            @Schema(example = "4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11") String modelId,
            @Schema(example = "1") Integer version,
            @Schema(description = "When the version was trained", example = "2026-11-30T10:00:00Z") String createdAt) {
    }

    /**
     * The network's shape and task.
     *
     * @param classes    class names in the order of the output units, for a classifier; null for a regression
     * @param outputSize outputs of a regression; null for a classifier (its classes give it)
     * @param layers     every weight layer from the input side, the output layer last
     */
    @Schema(description = "The network: input size, task, classes or output size, and every layer with its units "
            + "and activation, the output layer last")
    public record Architecture(
            @Schema(description = "Features per input row", example = "4", requiredMode = RequiredMode.REQUIRED)
            Integer inputSize,
            @Schema(description = "What the output layer computes", allowableValues = {CLASSIFICATION, REGRESSION},
                    example = CLASSIFICATION, requiredMode = RequiredMode.REQUIRED)
            String task,
            @Schema(description = "Class names in the order of the output units; null for a regression",
                    example = "[\"setosa\", \"versicolor\", \"virginica\"]", types = {"array", "null"})
            @JsonSetter(nulls = Nulls.SKIP)
            List<String> classes,
            @Schema(description = "Outputs of a regression; null for a classifier", types = {"integer", "null"})
            @JsonSetter(nulls = Nulls.SKIP)
            Integer outputSize,
            @Schema(description = "Every weight layer from the input side; the last is the output layer "
                    + "(`softmax` for a classifier, `identity` for a regression)", requiredMode = RequiredMode.REQUIRED)
            List<Layer> layers) {
    }

    /** One weight layer: a dense layer of {@code units} outputs followed by its activation. */
    @Schema(description = "A dense layer and its activation")
    public record Layer(
            @Schema(example = "16", requiredMode = RequiredMode.REQUIRED) Integer units,
            @Schema(allowableValues = {"relu", "sigmoid", "tanh", IDENTITY, "leaky_relu", "elu", "gelu", SOFTMAX},
                    example = "relu", requiredMode = RequiredMode.REQUIRED) String activation) {
    }

    /**
     * What is done to inputs before the first layer and to outputs after the last.
     *
     * @param inputs  null when the inputs go in unchanged
     * @param targets null for a classifier, or a regression whose targets were not standardised
     */
    @Schema(description = "Standardisation of the inputs (null: none) and of a regression's targets (null for a "
            + "classifier)")
    public record Standardization(
            @Schema(types = {"object", "null"}) @JsonSetter(nulls = Nulls.SKIP) InputScaling inputs,
            @Schema(types = {"object", "null"}) @JsonSetter(nulls = Nulls.SKIP) TargetScaling targets) {
    }

    /**
     * Input standardisation {@code (x - mean) * scale}, per feature, in float32. The scale is the
     * inverse deviation as the service applies it: storing the deviation instead would lose the
     * last bit on the way back.
     */
    @Schema(description = "Each feature goes in as (x - mean) * scale, in float32; scale = 1 / deviation as applied. "
            + "Numbers are float32 values in their shortest decimal form")
    public record InputScaling(
            @Schema(example = "[5.8433332, 3.0573332, 3.758, 1.1993333]") float[] means,
            @Schema(example = "[1.2112034, 2.3035371, 0.5678951, 1.3153887]") float[] scales) {
    }

    /**
     * A regression's outputs come out as {@code z / scale + mean}, per output, in float32: the
     * scale is the inverse deviation, as the service stores and applies it.
     */
    @Schema(description = "Each output comes out as z / scale + mean, in float32; scale = 1 / deviation as applied")
    public record TargetScaling(
            @Schema(example = "[3.5]") float[] means,
            @Schema(example = "[0.8]") float[] scales) {
    }

    /** A layer's weights, row-major (out, in), and its biases, as base64 of little-endian float32. */
    @Schema(description = "Base64 of little-endian float32: the weights row-major as [out][in] (out x in numbers), "
            + "then the biases (out numbers)")
    public record LayerParameters(
            @Schema(description = "units x inputs float32, row-major [out][in]", requiredMode = RequiredMode.REQUIRED)
            String weights,
            @Schema(description = "units float32", requiredMode = RequiredMode.REQUIRED)
            String biases) {
    }

    /** The document of a version of a model, whose weights are {@code network}. */
    public static PortableModel from(ModelRecord model, ModelVersion version, Network network) {
        NetworkSpec spec = network.spec();
        List<Layer> layers = new ArrayList<>();
        for (HiddenLayer hidden : spec.hiddenLayers()) {
            layers.add(new Layer(hidden.units(), hidden.activation().wireName()));
        }
        boolean regression = spec.task() == Task.REGRESSION;
        layers.add(new Layer(spec.outputSize(), regression ? IDENTITY : SOFTMAX));
        Architecture architecture = regression
                ? new Architecture(spec.inputSize(), REGRESSION, null, spec.outputSize(), layers)
                : new Architecture(spec.inputSize(), CLASSIFICATION, model.classes(), null, layers);

        Standardizer standardizer = network.standardizer();
        InputScaling inputs = standardizer.isIdentity() ? null
                : new InputScaling(standardizer.means(), standardizer.scales());
        Standardizer targetStandardizer = network.targetStandardizer();
        TargetScaling targets = !regression || targetStandardizer.isIdentity() ? null
                : new TargetScaling(targetStandardizer.means(), targetStandardizer.scales());

        ParameterLayout layout = network.layout();
        float[] params = network.parameters();
        List<LayerParameters> parameters = new ArrayList<>();
        FloatBytes.Digest digest = FloatBytes.digest();
        for (int l = 0; l < layout.layers(); l++) {
            float[] weights = Arrays.copyOfRange(params, layout.weightOffset(l),
                    layout.weightOffset(l) + layout.out(l) * layout.in(l));
            float[] biases = Arrays.copyOfRange(params, layout.biasOffset(l), layout.biasOffset(l) + layout.out(l));
            byte[] weightBytes = FloatBytes.toBytes(weights);
            byte[] biasBytes = FloatBytes.toBytes(biases);
            digest.update(weightBytes).update(biasBytes);
            parameters.add(new LayerParameters(FloatBytes.base64(weightBytes), FloatBytes.base64(biasBytes)));
        }
        return new PortableModel(FORMAT, FORMAT_VERSION, model.name(),
                new Source(model.id(), version.version(), version.createdAt().toString()), architecture,
                new Standardization(inputs, targets), parameters, digest.hex(), version.metrics());
    }

    /**
     * Checks every field against the format and the limits, and decodes the parameters.
     *
     * @throws io.mlpservice.error.InvalidInputException naming each fault by its path in the document
     */
    public DecodedModel decode(MlpServiceProperties.Limits limits) {
        return new DocumentCheck(this, limits).decode();
    }
}
