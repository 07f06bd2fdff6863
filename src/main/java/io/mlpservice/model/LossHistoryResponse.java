package io.mlpservice.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A model's loss history: every epoch of every job, in order, or a part of it. */
@Schema(description = "Every epoch of every training job of the model, in order; grows while a job runs")
public record LossHistoryResponse(
        String modelId,
        @Schema(description = "How many points the history holds (of the job asked for, if one was); "
                + "ask again with `from` set to it to get only the points added since", example = "87")
        int total,
        @Schema(description = "The position of the first point returned, counted from 0", example = "0")
        int from,
        List<Point> points) {

    /** One epoch. */
    @Schema(description = "One epoch of one job")
    public record Point(
            String jobId,
            @Schema(description = "1-based within its job", example = "12")
            int epoch,
            @Schema(description = "Mean cross-entropy over the epoch's mini-batches, each before its update", example = "0.412")
            double trainingLoss,
            @Schema(example = "0.87")
            double trainingAccuracy,
            @Schema(description = "Mean cross-entropy over the held-out rows after the epoch; null without a split", nullable = true)
            Double validationLoss,
            @Schema(nullable = true)
            Double validationAccuracy,
            @Schema(description = "Wall time of the epoch in milliseconds", example = "3.2")
            double durationMillis) {
    }

    static LossHistoryResponse from(String modelId, int total, int from, List<LossPoint> points) {
        return new LossHistoryResponse(modelId, total, from, points.stream()
                .map(p -> new Point(p.jobId(), p.epoch(), p.trainingLoss(), p.trainingAccuracy(),
                        p.validationLoss(), p.validationAccuracy(), p.durationMillis()))
                .toList());
    }
}
