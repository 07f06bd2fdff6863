package io.mlpservice.insight;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{id}")
@Tag(name = "Insight", description = "How good a model is, which features it relies on, and whether its inputs drift")
class InsightController {

    private final InsightService insight;

    InsightController(InsightService insight) {
        this.insight = insight;
    }

    @PostMapping(path = "/evaluations", consumes = "application/json")
    @Operation(summary = "Evaluate a model",
            description = "The serving version's (or `version`'s) figures on a stored dataset or on rows sent with "
                    + "their labels: accuracy, log loss, macro and weighted F1, per-class precision, recall, F1 and "
                    + "support, and the confusion matrix (rows the true class, columns the predicted), as "
                    + "scikit-learn's metrics give them on the same predictions. Nothing is stored.")
    @ApiResponse(responseCode = "200", description = "The figures")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    EvaluationResponse evaluate(@PathVariable String id, @Valid @RequestBody EvaluationRequest request) {
        return insight.evaluate(id, request.version(), request.data());
    }

    @PostMapping(path = "/feature-importance", consumes = "application/json")
    @Operation(summary = "Permutation feature importance",
            description = "How much worse the metric gets when one feature's column is shuffled, `repeats` times per "
                    + "feature from `seed` (the same seed gives the same answer): the mean decrease and its "
                    + "deviation, most important first. The work, rows × features × repeats predicted rows, is "
                    + "bounded by mlp.limits.max-training-values.")
    @ApiResponse(responseCode = "200", description = "The features, most important first")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ImportanceResponse importance(@PathVariable String id, @Valid @RequestBody ImportanceRequest request) {
        return insight.importance(id, request.version(), request.data(), request.repeats(), request.seed(),
                request.metric());
    }
}
