package io.mlpservice.insight;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Insight", description = "How good a model is, which features it relies on, and whether its inputs drift")
class DriftController {

    private final DriftService drift;

    DriftController(DriftService drift) {
        this.drift = drift;
    }

    @GetMapping("/api/v1/models/{id}/drift")
    @Operation(summary = "Input drift",
            description = "Compares the rows the serving version (or `version`) has been asked to predict since it "
                    + "first served in this process with its training data: per feature the training mean and "
                    + "deviation, the recent ones, the shift of the mean in training deviations, and `drifted` by "
                    + "the rule shown in `rule` (mlp.drift.*). Statistics are kept in memory: a restart starts them "
                    + "afresh.")
    @ApiResponse(responseCode = "200", description = "The version's drift")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    DriftResponse drift(@PathVariable String id,
            @Parameter(description = "Report on this version instead of the serving one", example = "1")
            @RequestParam(required = false) Integer version) {
        return drift.report(id, version);
    }
}
