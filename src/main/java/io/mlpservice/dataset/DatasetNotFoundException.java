package io.mlpservice.dataset;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** No dataset has the requested id (404). */
public class DatasetNotFoundException extends ServiceException {

    public DatasetNotFoundException(String id) {
        super(ProblemType.DATASET_NOT_FOUND, "no dataset with id " + Excerpt.quoted(id));
    }
}
