package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/v1/models}. */
@Schema(description = "A new model: its architecture and its classes. Give `classes`, or `outputSize` for unnamed classes.")
public record CreateModelRequest(
        @Schema(description = "A name for people; it need not be unique. Default: the model's id.", example = "iris")
        @Size(max = 200)
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

        @Schema(description = "Class names, in the order of the output units: at least 2, all different. "
                + "Give this or `outputSize`.", example = "[\"setosa\", \"versicolor\", \"virginica\"]")
        List<@NotBlank String> classes,

        @Schema(description = "Number of classes when they have no names; they are then called \"0\" .. \"n-1\". "
                + "When `classes` is given too, the two must agree.", example = "3")
        @Min(2)
        Integer outputSize,

        @Schema(description = "Seeds the initial weights of every training job of this model. "
                + "Default: drawn at random, and reported in the model.", example = "42")
        Long seed) {

    CreateModel toCommand() {
        return new CreateModel(name, inputSize, hiddenLayers, activation, classes, outputSize, seed);
    }
}
