package io.mlpservice.training;

import io.mlpservice.error.ServiceException;
import io.mlpservice.error.ProblemType;

/** A cancellation asked of a job that has already ended (409). */
public class JobFinishedException extends ServiceException {

    public JobFinishedException(String id, JobStatus status) {
        super(ProblemType.JOB_FINISHED, "training job '" + id + "' has already ended as " + status
                + "; there is nothing to cancel");
    }
}
