package io.mlpservice.training;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Models")
class LossHistoryController {

    private final LossHistoryService history;

    LossHistoryController(LossHistoryService history) {
        this.history = history;
    }

    @GetMapping("/api/v1/models/{id}/loss-history")
    @Operation(summary = "Get the loss history",
            description = "Training and validation loss and accuracy of every epoch of every job of the model, "
                    + "in order, a page at a time. Points appear while a job runs, one per finished epoch. To "
                    + "follow a running job, ask with `from` set to the `total` of the previous answer: you get "
                    + "only the points added since.")
    @ApiResponse(responseCode = "200", description = "The points, in order")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    LossHistoryResponse lossHistory(@PathVariable String id,
            @Parameter(description = "Only the points of this job") @RequestParam(required = false) String jobId,
            @Parameter(description = "The position of the first point to return, counted from 0; default 0",
                    example = "0", schema = @Schema(type = "integer", format = "int64", minimum = "0",
                    defaultValue = "0")) @RequestParam(required = false) Long from,
            @Parameter(description = "At most this many points, 1 to 10000; default 1000",
                    example = "100", schema = @Schema(type = "integer", format = "int32", minimum = "1",
                    maximum = "10000", defaultValue = "1000")) @RequestParam(required = false) Integer limit) {
        return LossHistoryResponse.from(history.page(id, jobId, from, limit));
    }
}
