package io.mlpservice.training;

import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Training jobs")
class JobEventsController {

    private final JobEventStreams streams;

    JobEventsController(JobEventStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/training-jobs/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a training job's events",
            description = "Server-sent events (`text/event-stream`): first an `epoch` event for every epoch "
                    + "stored so far (or those after `Last-Event-ID`), then a `status` event with the job, then one "
                    + "`epoch` event per epoch as it finishes and a `status` event at each change of status; when "
                    + "the job has ended, an `end` event, and the stream closes. An `epoch` event's data is its "
                    + "loss-history point and its id the epoch, so a client that reconnects with `Last-Event-ID` "
                    + "resumes after it. A client too slow to take the events as they come (more than "
                    + "`mlp.events.buffer` waiting) is dropped: its stream closes without `end`, and it resumes "
                    + "with `Last-Event-ID`; training never waits for a client.")
    @ApiResponse(responseCode = "200", description = "The stream of events",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string",
                    example = "event:epoch\nid:1\ndata:{\"jobId\":\"9b2d7e4a-1f0c-4c3e-8a9d-2e5b6c7d8e9f\","
                            + "\"epoch\":1,\"trainingLoss\":1.04,\"trainingAccuracy\":0.41,\"validationLoss\":0.76,"
                            + "\"validationAccuracy\":0.6,\"durationMillis\":3.2}\n\n")))
    @ProblemResponses.BadRequest
    @ProblemResponses.NotFound
    ResponseEntity<SseEmitter> events(@PathVariable String jobId,
            @Parameter(description = "Resume after this epoch: the id of the last `epoch` event received")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return ResponseEntity.ok()
                .header("X-Accel-Buffering", "no")       // a reverse proxy must pass each event on at once
                .body(streams.open(jobId, lastEventId));
    }
}
