package io.mlpservice.training;

import io.mlpservice.config.WebSliceConfiguration;
import io.mlpservice.dataset.DatasetService;
import io.mlpservice.insight.DriftMonitor;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelService;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * The training layer with what it stands on (models, datasets, the store in memory), for a
 * {@code @WebMvcTest} of the training controllers: jobs queue, run on real workers and publish
 * versions as in the service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import({WebSliceConfiguration.class, DatasetService.class, TrainingJobService.class, TrainingStore.class,
        TrainingWorkers.class, JobQueue.class, JobRunner.class, JobEvents.class, TrainingMetrics.class,
        LossHistoryService.class, ModelService.class, DriftMonitor.class, ModelRegistry.class})
@interface TrainingSlice {
}
