package io.mlpservice.model;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** A version number the model does not have. */
public class VersionNotFoundException extends ServiceException {

    public VersionNotFoundException(String modelId, int version) {
        super(ProblemType.VERSION_NOT_FOUND, "model " + Excerpt.quoted(modelId) + " has no version " + version);
    }
}
