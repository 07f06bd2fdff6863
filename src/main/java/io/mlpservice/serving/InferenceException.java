package io.mlpservice.serving;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** A request of the Open Inference Protocol that names no model, or one ambiguously. */
final class InferenceException extends ServiceException {

    private InferenceException(ProblemType type, String detail) {
        super(type, detail);
    }

    static InferenceException noModel(String name) {
        return new InferenceException(ProblemType.MODEL_NOT_FOUND, "no model has the id or the name '" + name + "'");
    }

    static InferenceException ambiguous(String name, Iterable<String> ids) {
        return new InferenceException(ProblemType.INVALID_INPUT, "the name '" + name + "' is shared by the models "
                + String.join(", ", ids) + "; address one of them by its id");
    }

    static InferenceException noVersion(String name, String version) {
        return new InferenceException(ProblemType.VERSION_NOT_FOUND, "model '" + name + "' has no version '"
                + version + "'; versions are whole numbers from 1");
    }
}
