package io.mlpservice.model.export;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelResponse;
import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Export and import", description = "Take a model version out as a portable JSON document or an ONNX "
        + "model, and bring a document back in as a new model")
class ModelExportController {

    /** A small document that imports as is: 2 features standardised, a tanh layer of 3 units, 2 classes. */
    static final String IMPORT_EXAMPLE = """
            {"format": "mlp-service.model", "formatVersion": 1, "name": "xor-like",
             "architecture": {"inputSize": 2, "task": "classification", "classes": ["no", "yes"], "outputSize": null,
               "layers": [{"units": 3, "activation": "tanh"}, {"units": 2, "activation": "softmax"}]},
             "standardization": {"inputs": {"means": [0.5, 0.5], "scales": [2.0, 2.0]}, "targets": null},
             "parameters": [{"weights": "AAAAPwAAoL8AAMA/AABAPwAAAL8AAIA/", "biases": "zczMPc3MTL7NzEw9"},
                            {"weights": "AACAPwAAAMAAAAA/AACAvwAAAEAAAAC/", "biases": "AAAAAAAAgD4="}],
             "parametersSha256": "bfecaca26c3a7a0e4372007b3a178ae4fd1424224cae06a84dcdea6aef835a5c"}""";

    private final ModelExportService export;

    ModelExportController(ModelExportService export) {
        this.export = export;
    }

    @GetMapping("/{id}/export")
    @Operation(summary = "Export a model version",
            description = "The serving version (or the one named by `version`) as a portable JSON document "
                    + "(`format=json`, the default), which `POST /api/v1/models/import` takes back, or as an ONNX "
                    + "model (`format=onnx`: opset 13, input `input` [N, inputSize] float, output `probabilities`), "
                    + "offered as a `.onnx` file. 409 before any job has succeeded.")
    @ApiResponse(responseCode = "200", description = "The document, or the ONNX model's bytes", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = PortableModel.class)),
            @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))})
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ResponseEntity<?> export(@PathVariable String id,
            @Parameter(description = "Export this version instead of the serving one", example = "1")
            @RequestParam(required = false) Integer version,
            @Parameter(description = "`json` (the portable document) or `onnx`",
                    schema = @Schema(allowableValues = {"json", "onnx"}, defaultValue = "json"))
            @RequestParam(defaultValue = "json") String format) {
        return switch (format) {
            case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(export.export(id, version));
            case "onnx" -> {
                ModelExportService.OnnxModel onnx = export.onnx(id, version);
                yield ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(onnx.fileName()).build().toString())
                        .body(onnx.bytes());
            }
            default -> throw new InvalidInputException("format",
                    "format " + Excerpt.quoted(format) + " is not one of json, onnx");
        };
    }

    @PostMapping(path = "/import", consumes = "application/json")
    @Operation(summary = "Import a model",
            description = "Creates a model from a portable document (what `GET /api/v1/models/{id}/export` gives) "
                    + "whose version 1 holds the document's weights and serves at once, with predictions bit-identical "
                    + "to the exported version's. Everything is checked first: the format and its version, the "
                    + "sizes against the architecture, the base64, the checksum, finite numbers, the limits "
                    + "(`mlp.limits.*`); each fault is a 400 naming its field. Answers 201 with the model and its "
                    + "URL in `Location`.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PortableModel.class),
            examples = @ExampleObject(name = "small", summary = "A 2-3-2 tanh classifier", value = IMPORT_EXAMPLE)))
    @ApiResponse(responseCode = "201", description = "Created")
    @ProblemResponses.BadRequest
    @ProblemResponses.Conflict
    ResponseEntity<ModelResponse> importModel(
            @Parameter(description = "Name of the new model; default: the document's `name`", example = "iris-copy")
            @RequestParam(required = false) String name,
            @RequestBody PortableModel document) {
        ModelRecord model = export.importModel(document, name);
        return ResponseEntity.created(URI.create("/api/v1/models/" + model.id())).body(ModelResponse.from(model));
    }
}
