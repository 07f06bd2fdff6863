package io.mlpservice.training;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/**
 * A warm start from a version whose weights or saved training state failed verification (and
 * were quarantined): the job cannot go on from it.
 */
class WarmStartUnavailableException extends ServiceException {

    WarmStartUnavailableException(String modelId, int version, String reason) {
        super(ProblemType.MODEL_BROKEN, "model '" + modelId + "' cannot warm-start from version " + version + ": "
                + reason + "; train without warmStart, or make a sound version serve");
    }
}
