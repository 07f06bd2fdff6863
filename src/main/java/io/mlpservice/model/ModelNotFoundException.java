package io.mlpservice.model;

import io.mlpservice.web.ApiException;
import io.mlpservice.web.ProblemType;

/** No model has the requested id (404). */
public class ModelNotFoundException extends ApiException {

    public ModelNotFoundException(String id) {
        super(ProblemType.MODEL_NOT_FOUND, "no model with id '" + id + "'");
    }
}
