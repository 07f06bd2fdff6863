package io.mlpservice.model;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{id}")
@Tag(name = "Model versions", description = "The versions of a model's weights, and which one serves predictions")
class ModelVersionController {

    private final ModelService models;

    ModelVersionController(ModelService models) {
        this.models = models;
    }

    @GetMapping("/versions")
    @Operation(summary = "List a model's versions",
            description = "Every version a successful training job produced and that is still kept, oldest first; "
                    + "`[]` before the first.")
    @ApiResponse(responseCode = "200", description = "The versions")
    @ProblemResponses.NotFound
    List<VersionResponse> list(@PathVariable String id) {
        return models.versions(id).stream().map(VersionResponse::from).toList();
    }

    @GetMapping("/versions/{version}")
    @Operation(summary = "Get a version", description = "Which job trained it, when, and the figures of its weights.")
    @ApiResponse(responseCode = "200", description = "The version")
    @ProblemResponses.NotFound
    VersionResponse get(@PathVariable String id, @PathVariable int version) {
        return VersionResponse.from(models.version(id, version));
    }

    @DeleteMapping("/versions/{version}")
    @Operation(summary = "Delete a version",
            description = "Removes the version and its weights; the serving version cannot be deleted (409). Answers 204.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ResponseEntity<Void> delete(@PathVariable String id, @PathVariable int version) {
        models.deleteVersion(id, version);
        return ResponseEntity.noContent().build();
    }

    @PutMapping(path = "/serving-version", consumes = "application/json")
    @Operation(summary = "Set the serving version",
            description = "Makes an existing version serve predictions: a rollback or a roll forward. Its weights "
                    + "are read and verified first; answers the model.")
    @ApiResponse(responseCode = "200", description = "The model, with its new serving version")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ModelResponse setServing(@PathVariable String id, @Valid @RequestBody ServingVersionRequest request) {
        return ModelResponse.from(models.setServingVersion(id, request.version()));
    }
}
