package io.mlpservice.training;

import io.mlpservice.dataset.DatasetUsers;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the datasets which waiting or running job uses one, so that it is not deleted under the job. */
@Component
class JobDatasetUsers implements DatasetUsers {

    private final TrainingStore store;

    JobDatasetUsers(TrainingStore store) {
        this.store = store;
    }

    @Override
    public Optional<String> activeUserOf(String datasetId) {
        return store.datasets.values().stream()
                .filter(link -> link.uses(datasetId))
                .map(JobDatasets::jobId)
                .filter(jobId -> store.jobs.get(jobId).map(job -> !job.status().isFinal()).orElse(false))
                .sorted()
                .findFirst();
    }
}
