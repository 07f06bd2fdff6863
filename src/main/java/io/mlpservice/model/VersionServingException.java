package io.mlpservice.model;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** A request to delete the version that serves predictions. */
public class VersionServingException extends ServiceException {

    public VersionServingException(String modelId, int version) {
        super(ProblemType.VERSION_SERVING, "version " + version + " of model '" + modelId + "' serves predictions "
                + "and cannot be deleted; set another serving version first");
    }
}
