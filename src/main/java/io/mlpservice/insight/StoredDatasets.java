package io.mlpservice.insight;

import io.mlpservice.dataset.DatasetRows;
import io.mlpservice.dataset.DatasetService;
import io.mlpservice.web.ClassLabel;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * The {@link DatasetLookup} of the service: the datasets stored through {@code /api/v1/datasets},
 * their labels by class name, an unknown id a 404 {@code dataset-not-found}.
 */
@Component
class StoredDatasets implements DatasetLookup {

    private final DatasetService datasets;

    StoredDatasets(DatasetService datasets) {
        this.datasets = datasets;
    }

    @Override
    public LabelledRows rows(String datasetId) {
        DatasetRows stored = datasets.load(datasetId);
        return new LabelledRows(stored.features(), stored.rows(), stored.columns(), stored.featureNames(),
                stored.labels() == null ? null : Arrays.stream(stored.labels()).map(ClassLabel::ofName).toList(),
                stored.targets(), stored.targetNames().size());
    }
}
