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
 * The body of {@code POST /api/v1/models}. Besides {@code inputSize}, one of {@code classes} and
 * {@code outputSize} is required (the OpenAPI document says so with an {@code anyOf}).
 */
@Schema(description = "A new model: its architecture and its classes. `inputSize` is required, and `classes` or "
        + "`outputSize` (or both, when they agree). Lists are limited by the service's configuration: at most "
        + "`mlp.limits.max-hidden-layers` hidden layers, `mlp.limits.max-layer-units` units a layer and classes.")
public record CreateModelRequest(
        @Schema(description = "A name for people; it need not be unique. At most 200 characters. Default: the "
                + "model's id.", example = "iris", maxLength = MAX_NAME_LENGTH)
        @Size(max = MAX_NAME_LENGTH, message = "must be at most " + MAX_NAME_LENGTH + " characters")
        String name,

        @Schema(description = "Features per input row.", example = "4", requiredMode = RequiredMode.REQUIRED)
        @NotNull(message = "is required") @Positive
        Integer inputSize,

        @Schema(description = "Units of each hidden layer, from the input side; `[]` for none (multinomial "
                + "logistic regression). Default: `[100]`, as scikit-learn.", example = "[16, 8]")
        List<@NotNull @Positive Integer> hiddenLayers,

        @Schema(description = "Activation of the hidden layers. Default: `relu`.",
                allowableValues = {"relu", "sigmoid", "tanh"}, example = "relu")
        String activation,

        @Schema(description = "Class names, in the order of the output units: at least 2, all different, each "
                + "1 to 100 characters. Give this or `outputSize`.",
                example = "[\"setosa\", \"versicolor\", \"virginica\"]")
        List<@NotBlank @Size(min = 1, max = MAX_CLASS_NAME_LENGTH, message = "must be 1 to " + MAX_CLASS_NAME_LENGTH
                + " characters") String> classes,

        @Schema(description = "Number of classes when they have no names; they are then called \"0\" .. \"n-1\". "
                + "When `classes` is given too, the two must agree.", example = "3")
        @Min(2)
        Integer outputSize,

        @Schema(description = "Seeds the initial weights of every training job of this model. "
                + "Default: drawn at random, and reported in the model.", example = "42")
        Long seed) {

    /** Characters of a model's name. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Characters of a class name: a label for people, repeated in every prediction. */
    public static final int MAX_CLASS_NAME_LENGTH = 100;

    CreateModel toCommand() {
        return new CreateModel(name, inputSize, hiddenLayers, activation, classes, outputSize, seed);
    }
}
