package io.mlpservice.training;

import io.mlpservice.model.LossPoint;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A part of a model's loss history. */
@Schema(description = "Epochs of the model's training jobs, in order: jobs by submission, each job's epochs in order; "
        + "grows while a job runs")
public record LossHistoryResponse(
        String modelId,
        @Schema(description = "How many points the history holds (of the job asked for, if one was); "
                + "ask again with `from` set to it to get only the points added since", example = "87")
        long total,
        @Schema(description = "The position of the first point returned, counted from 0", example = "0")
        long from,
        List<LossPoint> points) {

    static LossHistoryResponse from(LossHistoryService.Page page) {
        return new LossHistoryResponse(page.modelId(), page.total(), page.from(), page.points());
    }
}
