package io.mlpservice.dataset;

import java.util.Optional;

/**
 * Whoever may hold on to a stored dataset while it works (training jobs): asked before a dataset
 * is deleted. Implemented outside this package so that datasets depend on no feature that uses them.
 */
public interface DatasetUsers {

    /** A queued or running job that uses the dataset, if any. */
    Optional<String> activeUserOf(String datasetId);
}
