package io.mlpservice.training;

/**
 * The stored datasets a waiting or running job was submitted with, kept until it ends so that
 * they cannot be deleted under it; the job trains on its own copy of their rows.
 *
 * @param datasetId           the training rows' dataset, or null when they were sent inline
 * @param validationDatasetId the validation rows' dataset, or null
 */
public record JobDatasets(String jobId, String datasetId, String validationDatasetId) {

    boolean uses(String id) {
        return id.equals(datasetId) || id.equals(validationDatasetId);
    }
}
