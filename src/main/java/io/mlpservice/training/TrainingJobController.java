package io.mlpservice.training;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Training jobs", description = "Train models asynchronously, follow the jobs, cancel them")
class TrainingJobController {

    private final TrainingJobService jobs;

    TrainingJobController(TrainingJobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping(path = "/models/{modelId}/training-jobs", consumes = "application/json")
    @Operation(summary = "Submit a training job",
            description = "Checks the data and hyperparameters against the model, then queues the job and answers "
                    + "202 with the job and its URL in `Location`. The model's weights change only if the job "
                    + "succeeds. One job at a time per model: 409 while another is queued or running.")
    @ApiResponse(responseCode = "202", description = "Accepted: the job is queued")
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.QueueFull
    ResponseEntity<TrainingJobResponse> submit(@PathVariable String modelId,
            @Valid @RequestBody TrainingJobRequest request) {
        JobRecord job = jobs.submit(request.toCommand(modelId));
        return ResponseEntity.accepted().location(URI.create("/api/v1/training-jobs/" + job.id()))
                .body(TrainingJobResponse.from(job, jobs.classes(job)));
    }

    @GetMapping("/training-jobs")
    @Operation(summary = "List training jobs", description = "In order of submission; `[]` when there is none.")
    List<TrainingJobResponse> list(
            @Parameter(description = "Only the jobs of this model") @RequestParam(required = false) String modelId,
            @Parameter(description = "Only the jobs in this state") @RequestParam(required = false) JobStatus status) {
        return jobs.list(modelId, status).stream().map(job -> TrainingJobResponse.from(job, jobs.classes(job))).toList();
    }

    @GetMapping("/training-jobs/{jobId}")
    @Operation(summary = "Get a training job",
            description = "Its state, progress, the losses of its latest epoch and the hyperparameters it runs with.")
    @ApiResponse(responseCode = "200", description = "The job")
    @ProblemResponses.NotFound
    TrainingJobResponse get(@PathVariable String jobId) {
        return view(jobs.get(jobId));
    }

    @PostMapping("/training-jobs/{jobId}/cancel")
    @Operation(summary = "Cancel a training job",
            description = "A queued job is cancelled at once; a running one stops before its next mini-batch. "
                    + "The model keeps its earlier weights. Answers 202 with the job; 409 if it has already ended.")
    @ApiResponse(responseCode = "202", description = "Accepted: the job is cancelled or stops shortly")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    ResponseEntity<TrainingJobResponse> cancel(@PathVariable String jobId) {
        return ResponseEntity.accepted().body(view(jobs.cancel(jobId)));
    }

    private TrainingJobResponse view(JobRecord job) {
        return TrainingJobResponse.from(job, jobs.classes(job));
    }
}
