package io.mlpservice.training;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The event streams of training jobs ({@code GET /api/v1/training-jobs/{id}/events}), bound from
 * {@code mlp.events.*}.
 *
 * @param buffer    events a subscriber may have waiting to be sent; one more and it is dropped (its
 *                  stream closed, to be resumed with {@code Last-Event-ID}), so that a slow client
 *                  never slows training nor holds more memory than this
 * @param heartbeat how often an idle stream sends a comment, so that proxies keep it open and a
 *                  client that went away is noticed
 */
@ConfigurationProperties("mlp.events")
@Validated
public record EventStreamProperties(
        @Min(1) @DefaultValue("1024") int buffer,
        @NotNull @DefaultValue("15s") Duration heartbeat) {
}
