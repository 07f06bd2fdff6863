package io.mlpservice.training;

import io.mlpservice.web.ApiException;
import io.mlpservice.web.ProblemType;

/** No training job has the requested id (404). */
public class JobNotFoundException extends ApiException {

    public JobNotFoundException(String id) {
        super(ProblemType.JOB_NOT_FOUND, "no training job with id '" + id + "'");
    }
}
