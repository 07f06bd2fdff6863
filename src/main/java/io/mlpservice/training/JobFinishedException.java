package io.mlpservice.training;

import io.mlpservice.web.ApiException;
import io.mlpservice.web.ProblemType;

/** A cancellation asked of a job that has already ended (409). */
public class JobFinishedException extends ApiException {

    public JobFinishedException(String id, JobStatus status) {
        super(ProblemType.JOB_FINISHED, "training job '" + id + "' has already ended as " + status
                + "; there is nothing to cancel");
    }
}
