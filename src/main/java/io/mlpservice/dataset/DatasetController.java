package io.mlpservice.dataset;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.InputStream;
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
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "Upload data once, as CSV or JSON; train and evaluate models on it by id")
class DatasetController {

    private static final String CSV_EXAMPLE = """
            sepal_length,sepal_width,petal_length,petal_width,species
            5.1,3.5,1.4,0.2,setosa
            7.0,3.2,4.7,1.4,versicolor
            6.3,3.3,6.0,2.5,virginica
            """;

    private final DatasetService datasets;

    DatasetController(DatasetService datasets) {
        this.datasets = datasets;
    }

    @PostMapping(consumes = "text/csv")
    @Operation(summary = "Upload a dataset as CSV",
            description = "A header row, then one row per example. `labelColumn` names the class column (anywhere "
                    + "in the row), or `targetColumns` the regression targets; every other column is a feature, in "
                    + "order. Strict: a ragged row, a value that is not a number, an empty file or an unknown column "
                    + "answer 400 naming the line (the header is line 1) and the column. Answers 201 with the "
                    + "dataset and its URL in `Location`.")
    @ApiResponse(responseCode = "201", description = "Stored")
    @ProblemResponses.BadRequest
    ResponseEntity<DatasetResponse> createFromCsv(
            @Parameter(description = "A name for people", example = "iris") @RequestParam(required = false) String name,
            @Parameter(description = "The column of the classes", example = "species")
            @RequestParam(required = false) String labelColumn,
            @Parameter(description = "The columns of the regression targets, comma-separated", example = "y")
            @RequestParam(required = false) List<String> targetColumns,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "text/csv", schema = @Schema(type = "string", example = CSV_EXAMPLE)))
            InputStream body) {
        return created(datasets.createFromCsv(name, labelColumn, targetColumns, body));
    }

    @PostMapping(consumes = "application/json")
    @Operation(summary = "Upload a dataset as JSON",
            description = "`features` and either `labels` or `targets`. Answers 201 with the dataset and its URL in "
                    + "`Location`.")
    @ApiResponse(responseCode = "201", description = "Stored")
    @ProblemResponses.BadRequest
    ResponseEntity<DatasetResponse> create(@Valid @RequestBody CreateDatasetRequest request) {
        return created(datasets.create(request.name(), request.toRows()));
    }

    private static ResponseEntity<DatasetResponse> created(DatasetRecord dataset) {
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + dataset.id()))
                .body(DatasetResponse.from(dataset));
    }

    @GetMapping
    @Operation(summary = "List datasets", description = "Oldest first; `[]` when there is none.")
    List<DatasetResponse> list() {
        return datasets.list().stream().map(DatasetResponse::from).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a dataset", description = "What it holds: rows, columns, classes, size.")
    @ApiResponse(responseCode = "200", description = "The dataset")
    @ProblemResponses.NotFound
    DatasetResponse get(@PathVariable String id) {
        return DatasetResponse.from(datasets.get(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a dataset",
            description = "Removes it and its numbers; 409 while a queued or running training job uses it. "
                    + "Answers 204.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ResponseEntity<Void> delete(@PathVariable String id) {
        datasets.delete(id);
        return ResponseEntity.noContent().build();
    }
}
