package io.mlpservice.model;

import io.mlpservice.web.JsonBodies;
import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
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
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Create models, inspect them and ask them for predictions")
class ModelController {

    private final ModelService models;
    private final JsonBodies.Reader<PredictionRequest> predictionReader;
    private final JsonBodies.Writer<PredictionResponse> predictionWriter;

    ModelController(ModelService models, JsonMapper json) {
        this.models = models;
        this.predictionReader = JsonBodies.reader(json, PredictionRequest.class);
        this.predictionWriter = JsonBodies.writer(json, PredictionResponse.class);
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Create a model",
            description = "Registers an untrained model with the given architecture and classes. "
                    + "Answers 201 with the model and its URL in `Location`.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    ResponseEntity<ModelResponse> create(@Valid @RequestBody CreateModelRequest request) {
        ModelRecord model = models.create(request.toCommand());
        return ResponseEntity.created(URI.create("/api/v1/models/" + model.id())).body(ModelResponse.from(model));
    }

    @GetMapping
    @Operation(summary = "List models", description = "Every model in the registry, oldest first; `[]` when there is none.")
    List<ModelResponse> list() {
        return models.list().stream().map(ModelResponse::from).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a model", description = "Its architecture, status and the figures of its serving version.")
    @ApiResponse(responseCode = "200", description = "The model")
    @ProblemResponses.NotFound
    ModelResponse get(@PathVariable String id) {
        return ModelResponse.from(models.get(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a model",
            description = "Removes the model, its versions and its training jobs; a queued or running job is "
                    + "cancelled. Answers 204.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    ResponseEntity<Void> delete(@PathVariable String id) {
        models.delete(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * The hot path: the body is read and the answer written by {@link JsonBodies} rather than by
     * Spring MVC's message conversion, which costs more than the prediction of a small model
     * (content negotiation, a reader per request, a validation pass). Same rules, same problems.
     */
    @PostMapping(path = "/{id}/predictions", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Predict",
            description = "The most probable class and every class's probability, for each input row. Answers from "
                    + "the serving version, also while a new job trains, or from the version named by `version`; "
                    + "409 before any job has succeeded, or when the serving weights are broken.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json",
                            schema = @Schema(implementation = PredictionRequest.class))))
    @ApiResponse(responseCode = "200", description = "One prediction per input row, in order",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PredictionResponse.class)))
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    void predict(@PathVariable String id,
            @Parameter(description = "Answer from this version instead of the serving one", example = "1")
            @RequestParam(required = false) Integer version,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        PredictionRequest body = predictionReader.read(request);
        predictionWriter.write(PredictionResponse.from(models.predict(id, version, body.inputs())), response);
    }
}
