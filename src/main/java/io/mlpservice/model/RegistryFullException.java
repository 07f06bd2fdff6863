package io.mlpservice.model;

import io.mlpservice.web.ApiException;
import io.mlpservice.web.ProblemType;

/** A model created while the registry holds its maximum (409). */
public class RegistryFullException extends ApiException {

    public RegistryFullException(int limit) {
        super(ProblemType.REGISTRY_FULL, "the registry already holds " + limit
                + " models, its limit (mlp.limits.max-models); delete one first");
    }
}
