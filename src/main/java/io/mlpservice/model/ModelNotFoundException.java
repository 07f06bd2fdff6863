package io.mlpservice.model;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ServiceException;
import io.mlpservice.error.ProblemType;

/** No model has the requested id (404). */
public class ModelNotFoundException extends ServiceException {

    public ModelNotFoundException(String id) {
        super(ProblemType.MODEL_NOT_FOUND, "no model with id " + Excerpt.quoted(id));
    }
}
