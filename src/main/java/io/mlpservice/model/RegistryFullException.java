package io.mlpservice.model;

import io.mlpservice.error.ServiceException;
import io.mlpservice.error.ProblemType;

/** A model created while the registry holds its maximum (409). */
public class RegistryFullException extends ServiceException {

    public RegistryFullException(int limit) {
        super(ProblemType.REGISTRY_FULL, "the registry already holds " + limit
                + " models, its limit (mlp.limits.max-models); delete one first");
    }
}
