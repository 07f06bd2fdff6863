package io.mlpservice.insight;

/**
 * Where evaluations and feature importance find the rows of a stored dataset named by
 * {@code datasetId}. One bean implements it: the dataset store, or {@link NoDatasets} where the
 * service stores none.
 */
@FunctionalInterface
public interface DatasetLookup {

    /**
     * The dataset's rows and their answers.
     *
     * @throws io.mlpservice.error.ServiceException of kind not-found when no dataset has the id
     */
    LabelledRows rows(String datasetId);
}
