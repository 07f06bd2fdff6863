package io.mlpservice.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Where a model's related resources are, as paths on this service: so that a client that holds a
 * model needs to know no URL scheme to find its predictions, history, jobs, its export and the
 * Open Inference Protocol's endpoints for it.
 */
@Schema(description = "Paths of the model's related resources")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelLinks(
        @Schema(example = "/api/v1/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11")
        String self,
        @Schema(description = "POST rows here for predictions",
                example = "/api/v1/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11/predictions")
        String predictions,
        @Schema(example = "/api/v1/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11/loss-history")
        String lossHistory,
        @Schema(example = "/api/v1/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11/versions")
        String versions,
        @Schema(description = "POST a training job here; GET the jobs at `jobs`",
                example = "/api/v1/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11/training-jobs")
        String trainingJobs,
        @Schema(example = "/api/v1/training-jobs?modelId=4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11")
        String jobs,
        @Schema(description = "The event stream of the queued or running job, else of the job that trained the "
                + "serving version; absent before any job", types = {"string", "null"},
                example = "/api/v1/training-jobs/9b2d7e4a-1f0c-4c3e-8a9d-2e5b6c7d8e9f/events")
        String jobEvents,
        @Schema(description = "The model's Open Inference Protocol (V2) inference endpoint",
                example = "/v2/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11/infer")
        String inference,
        @Schema(description = "The model's Open Inference Protocol (V2) metadata",
                example = "/v2/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11")
        String inferenceMetadata,
        @Schema(description = "GET the serving version as a portable JSON document (`?format=onnx`: an ONNX model; "
                + "`?version=n`: another version)",
                example = "/api/v1/models/4f7c1c2e-8d1a-4b8e-9a57-0d0f5d1f3c11/export")
        String export) {

    static ModelLinks of(ModelRecord model) {
        String self = "/api/v1/models/" + model.id();
        String job = model.activeJobId() != null ? model.activeJobId()
                : model.serving() != null ? model.serving().jobId() : null;
        return new ModelLinks(self, self + "/predictions", self + "/loss-history", self + "/versions",
                self + "/training-jobs", "/api/v1/training-jobs?modelId=" + model.id(),
                job == null ? null : "/api/v1/training-jobs/" + job + "/events",
                "/v2/models/" + model.id() + "/infer", "/v2/models/" + model.id(), self + "/export");
    }
}
