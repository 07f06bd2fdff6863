package io.mlpservice.insight;

import org.springframework.stereotype.Component;

/** The {@link DatasetLookup} of a service that stores no datasets: every id is unknown (404). */
@Component
class NoDatasets implements DatasetLookup {

    @Override
    public LabelledRows rows(String datasetId) {
        throw new UnknownDatasetException(datasetId);
    }
}
