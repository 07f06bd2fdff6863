package io.mlpservice.dataset;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;
import java.util.Map;

/** A dataset that a queued or running training job uses, asked to be deleted (409). */
public class DatasetInUseException extends ServiceException {

    private final String jobId;

    public DatasetInUseException(String datasetId, String jobId) {
        super(ProblemType.DATASET_IN_USE, "dataset '" + datasetId + "' is used by training job '" + jobId
                + "', which is queued or running; delete it once the job has ended, or cancel the job");
        this.jobId = jobId;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("jobId", jobId);
    }
}
