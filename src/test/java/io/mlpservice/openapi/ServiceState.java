package io.mlpservice.openapi;

import io.mlpservice.dataset.DatasetRecord;
import io.mlpservice.dataset.DatasetService;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelService;
import io.mlpservice.model.ModelVersion;
import io.mlpservice.training.JobRecord;
import io.mlpservice.training.LossHistoryService;
import io.mlpservice.training.TrainingJobService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a request could change, read through the services: every model record, every
 * version, every job record, the length of every loss history (of each model, and of each
 * job) and every dataset record. Two snapshots are equal when nothing changed between them.
 */
record ServiceState(List<ModelRecord> models, Map<String, List<ModelVersion>> versions, List<JobRecord> jobs,
                    Map<String, Long> historyLengths, List<DatasetRecord> datasets) {

    static ServiceState of(ModelService models, TrainingJobService jobs, LossHistoryService history,
                           DatasetService datasets) {
        List<ModelRecord> all = models.list();
        Map<String, List<ModelVersion>> versions = new LinkedHashMap<>();
        Map<String, Long> lengths = new LinkedHashMap<>();
        List<JobRecord> jobRecords = jobs.list(null, null);
        for (ModelRecord model : all) {
            versions.put(model.id(), models.versions(model.id()));
            lengths.put(model.id(), history.page(model.id(), null, 0L, 1).total());
        }
        for (JobRecord job : jobRecords) {
            if (lengths.containsKey(job.modelId())) {
                lengths.put(job.id(), history.page(job.modelId(), job.id(), 0L, 1).total());
            }
        }
        return new ServiceState(all, versions, jobRecords, lengths, datasets.list());
    }

    /** Whether a job is queued or running: then the state changes by itself. */
    boolean busy() {
        return jobs.stream().anyMatch(job -> !job.status().isFinal());
    }
}
