package io.mlpservice.model;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** A prediction asked of weights that failed verification and were quarantined. */
public class ModelBrokenException extends ServiceException {

    public ModelBrokenException(String modelId, String reason) {
        super(ProblemType.MODEL_BROKEN, "model '" + modelId + "' cannot predict: " + reason
                + "; set another serving version, train it again or delete it");
    }
}
