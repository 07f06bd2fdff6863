package io.mlpservice.insight;

import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** No dataset has the id a request names (404). */
public class UnknownDatasetException extends ServiceException {

    public UnknownDatasetException(String id) {
        super(ProblemType.NOT_FOUND, "dataset not found: no dataset with id '" + id + "'");
    }
}
