package io.mlpservice.serving;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.Violations;
import io.mlpservice.model.ModelNotFoundException;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.ModelStatus;
import io.mlpservice.model.ModelVersion;
import io.mlpservice.model.Prediction;
import io.mlpservice.web.NumberMatrix;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The Open Inference Protocol over the models: finds a model by id or unique name, describes its
 * tensors, tells whether it can answer, and runs an inference through {@link ModelService#predict},
 * after checking the request's tensor against the model (one input named {@code input}, FP32 or
 * FP64, shape {@code [rows, features]}, data flat or nested as that shape).
 */
@Service
class InferenceService {

    static final String INPUT = "input";
    /** The protocol's platform names read {@code <project>_<format>}. */
    static final String PLATFORM = "mlpservice_mlp";

    private final ModelService models;
    private final int maxRows;

    InferenceService(ModelService models, MlpServiceProperties properties) {
        this.models = models;
        this.maxRows = properties.limits().maxPredictionRows();
    }

    /**
     * The model a path names: by id, or else by its name when exactly one model has it.
     *
     * @throws InferenceException when none has it (404), or several have the name (400)
     */
    ModelRecord resolve(String name) {
        try {
            return models.get(name);
        } catch (ModelNotFoundException notAnId) {
            List<ModelRecord> named = models.list().stream().filter(m -> name.equals(m.name())).toList();
            if (named.size() == 1) {
                return named.getFirst();
            }
            if (named.isEmpty()) {
                throw InferenceException.noModel(name);
            }
            throw InferenceException.ambiguous(name, named.stream().map(ModelRecord::id).toList());
        }
    }

    /** A version named in a path, as a number. */
    ModelVersion version(ModelRecord model, String name, String version) {
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw InferenceException.noVersion(name, version);
        }
        return models.version(model.id(), number);
    }

    ModelMetadataResponse metadata(ModelRecord model) {
        List<String> versions = models.versions(model.id()).stream().map(v -> Integer.toString(v.version())).toList();
        var input = new ModelMetadataResponse.MetadataTensor(INPUT, "FP32", List.of(-1, model.spec().inputSize()));
        return new ModelMetadataResponse(model.name(), versions, PLATFORM, List.of(input),
                OutputTensor.of(model).stream().map(t -> t.metadata(model)).toList());
    }

    /** Whether the model answers inferences: it has a serving version whose weights are not broken. */
    boolean ready(ModelRecord model) {
        return model.servingVersion() != null && model.status() != ModelStatus.BROKEN;
    }

    /**
     * Answers an inference from the serving version, or from {@code version} when not null.
     *
     * @throws InvalidInputException when the request does not fit the model, naming the field
     */
    InferenceResponse infer(ModelRecord model, Integer version, InferenceRequest request) {
        Violations violations = new Violations();
        InferenceRequest.RequestInput input = input(model, request.inputs(), violations);
        List<OutputTensor> outputs = outputs(model, request.outputs(), violations);
        violations.throwIfAny();
        NumberMatrix rows = TensorShape.rows(input.data(), input.shape(), input.shape().getFirst().intValue(),
                model.spec().inputSize());
        Prediction prediction = models.predict(model.id(), version, rows);
        return new InferenceResponse(model.name(), Integer.toString(prediction.version().version()), request.id(),
                outputs.stream().map(t -> t.answer(prediction)).toList());
    }

    private static List<OutputTensor> outputs(ModelRecord model, List<InferenceRequest.RequestOutput> wanted,
                                              Violations violations) {
        List<OutputTensor> available = OutputTensor.of(model);
        if (wanted == null || wanted.isEmpty()) {
            return available;
        }
        List<OutputTensor> chosen = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i) == null ? null : wanted.get(i).name();
            OutputTensor match = available.stream().filter(t -> t.wireName().equals(name)).findFirst().orElse(null);
            if (match == null) {
                violations.add("outputs[" + i + "].name", "outputs[" + i + "].name '" + name + "' is not an output "
                        + "of this model; it has " + String.join(", ", available.stream().map(OutputTensor::wireName)
                        .toList()));
            } else if (chosen.contains(match)) {
                violations.add("outputs[" + i + "].name", "outputs[" + i + "].name '" + name + "' is asked for twice");
            } else {
                chosen.add(match);
            }
        }
        return chosen;
    }

    /**
     * The one input tensor, once it fits the model: named {@code input}, FP32 or FP64, shape
     * {@code [rows, features]}, data readable; else null, with the violations added.
     */
    private InferenceRequest.RequestInput input(ModelRecord model, List<InferenceRequest.RequestInput> inputs,
                                                Violations violations) {
        if (inputs == null || inputs.isEmpty()) {
            violations.add("inputs", "inputs must hold one tensor, named '" + INPUT + "'");
            return null;
        }
        if (inputs.size() > 1) {
            violations.add("inputs", "inputs holds " + inputs.size() + " tensors; the model takes one, named '"
                    + INPUT + "'");
            return null;
        }
        InferenceRequest.RequestInput input = inputs.getFirst();
        if (input == null) {
            violations.add("inputs[0]", "inputs[0] must be a tensor, not null");
            return null;
        }
        boolean fits = true;
        if (!INPUT.equals(input.name())) {
            fits = false;
            violations.add("inputs[0].name", "inputs[0].name is '" + input.name() + "'; the model's input is named '"
                    + INPUT + "'");
        }
        if (!"FP32".equals(input.datatype()) && !"FP64".equals(input.datatype())) {
            fits = false;
            violations.add("inputs[0].datatype", "inputs[0].datatype '" + input.datatype()
                    + "' is not supported; send FP32 or FP64");
        }
        fits &= TensorShape.check(input.shape(), model.spec().inputSize(), maxRows, violations) > 0;
        if (input.data() == null) {
            fits = false;
            violations.add("inputs[0].data", "inputs[0].data is required");
        } else if (input.data().problem() != null) {
            fits = false;
            violations.add("inputs[0].data", "inputs[0].data" + input.data().problem());
        }
        return fits ? input : null;
    }
}
