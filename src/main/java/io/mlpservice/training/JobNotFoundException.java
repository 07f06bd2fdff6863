package io.mlpservice.training;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ServiceException;
import io.mlpservice.error.ProblemType;

/** No training job has the requested id (404). */
public class JobNotFoundException extends ServiceException {

    public JobNotFoundException(String id) {
        super(ProblemType.JOB_NOT_FOUND, "no training job with id " + Excerpt.quoted(id));
    }
}
