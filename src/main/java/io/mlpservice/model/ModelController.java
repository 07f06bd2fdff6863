package io.mlpservice.model;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Create models, inspect them, follow their loss and ask them for predictions")
class ModelController {

    private final ModelService models;

    ModelController(ModelService models) {
        this.models = models;
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Create a model",
            description = "Registers an untrained model with the given architecture and classes. "
                    + "Answers 201 with the model and its URL in `Location`.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    ResponseEntity<ModelResponse> create(@Valid @RequestBody CreateModelRequest request) {
        Model model = models.create(request);
        return ResponseEntity.created(URI.create("/api/v1/models/" + model.id())).body(ModelResponse.from(model));
    }

    @GetMapping
    @Operation(summary = "List models", description = "Every model in the registry, oldest first; `[]` when there is none.")
    List<ModelResponse> list() {
        return models.list().stream().map(ModelResponse::from).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a model", description = "Its architecture, status and the figures of its current weights.")
    @ApiResponse(responseCode = "200", description = "The model")
    @ProblemResponses.NotFound
    ModelResponse get(@PathVariable String id) {
        return ModelResponse.from(models.get(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a model",
            description = "Removes the model and its training jobs; a queued or running job is cancelled. Answers 204.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    ResponseEntity<Void> delete(@PathVariable String id) {
        models.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/loss-history")
    @Operation(summary = "Get the loss history",
            description = "Training and validation loss and accuracy of every epoch of every job of the model, "
                    + "in order. Points appear while a job runs, one per finished epoch. To follow a running job "
                    + "without fetching its history again and again, ask with `from` set to the `total` of the "
                    + "previous answer: you get only the points added since.")
    @ApiResponse(responseCode = "200", description = "The points, in order")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    LossHistoryResponse lossHistory(@PathVariable String id,
            @Parameter(description = "Only the points of this job") @RequestParam(required = false) String jobId,
            @Parameter(description = "The position of the first point to return, counted from 0; default 0",
                    example = "0") @RequestParam(required = false) Integer from,
            @Parameter(description = "At most this many points; default all of them",
                    example = "100") @RequestParam(required = false) Integer limit) {
        return models.lossHistory(id, jobId, from, limit);
    }

    @PostMapping(path = "/{id}/predictions", consumes = "application/json")
    @Operation(summary = "Predict",
            description = "The most probable class and every class's probability, for each input row. Answers from "
                    + "the weights of the last job that succeeded, also while a new job trains; 409 before any has.")
    @ApiResponse(responseCode = "200", description = "One prediction per input row, in order")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    PredictionResponse predict(@PathVariable String id, @Valid @RequestBody PredictionRequest request) {
        return models.predict(id, request);
    }
}
