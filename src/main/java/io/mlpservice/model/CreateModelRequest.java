package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/models}. Besides {@code inputSize}, a classifier needs one of
 * {@code classes} and {@code outputSize}; a regression takes {@code outputSize} (default 1) and
 * no classes (the OpenAPI document says so with an {@code anyOf}).
 */
@Schema(description = "A new model: its task, its architecture and, for a classifier, its classes. `inputSize` is "
        + "required; a classifier takes `classes`, or `outputSize` for unnamed classes (or both, when they agree); a "
        + "regression takes `outputSize` (default 1) and no classes. Lists are limited by the service's configuration: "
        + "at most `mlp.limits.max-hidden-layers` hidden layers, `mlp.limits.max-layer-units` units a layer and classes.")
public record CreateModelRequest(
        @Schema(description = "A name for people; it need not be unique. At most 200 characters. Default: the "
                + "model's id.", example = "iris", maxLength = MAX_NAME_LENGTH)
        @Size(max = MAX_NAME_LENGTH, message = "must be at most " + MAX_NAME_LENGTH + " characters")
        String name,

        @Schema(description = "Features per input row.", example = "4", requiredMode = RequiredMode.REQUIRED)
        @NotNull(message = "is required") @Positive
        Integer inputSize,

        @Schema(description = "`classification` (softmax over classes, cross-entropy) or `regression` (identity "
                + "output, half the mean squared error, targets standardised). Default: `classification`.",
                allowableValues = {"classification", "regression"}, example = "classification")
        String task,

        @Schema(description = "The hidden layers, from the input side: each a number of units, or an object "
                + "`{\"units\": 64, \"activation\": \"tanh\", \"dropout\": 0.2}`; `[]` for none (multinomial "
                + "logistic regression, or a linear regression). Default: `[100]`, as scikit-learn.",
                example = "[16, {\"units\": 8, \"activation\": \"tanh\"}]")
        List<@NotNull HiddenLayerRequest> hiddenLayers,

        @Schema(description = "Activation of the hidden layers that do not name their own. Default: `relu`.",
                allowableValues = {"relu", "sigmoid", "tanh", "identity", "leaky_relu", "elu", "gelu"},
                example = "relu")
        String activation,

        @Schema(description = "Class names of a classifier, in the order of the output units: at least 2, all different, each "
                + "1 to 100 characters. Give this or `outputSize`; a regression has none.",
                example = "[\"setosa\", \"versicolor\", \"virginica\"]")
        List<@NotBlank @Size(min = 1, max = MAX_CLASS_NAME_LENGTH, message = "must be 1 to " + MAX_CLASS_NAME_LENGTH
                + " characters") String> classes,

        @Schema(description = "A classifier's number of classes when they have no names (they are then called "
                + "\"0\" .. \"n-1\"; when `classes` is given too, the two must agree); a regression's values per row. "
                + "Default: 1 for a regression.", example = "3")
        @Min(1)
        Integer outputSize,

        @Schema(description = "Seeds the initial weights of every training job of this model. "
                + "Default: drawn at random, and reported in the model.", example = "42")
        Long seed) {

    /** Characters of a model's name. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Characters of a class name: a label for people, repeated in every prediction. */
    public static final int MAX_CLASS_NAME_LENGTH = 100;

    CreateModel toCommand() {
        return new CreateModel(name, task, inputSize, hiddenLayers, activation, classes, outputSize, seed);
    }
}
