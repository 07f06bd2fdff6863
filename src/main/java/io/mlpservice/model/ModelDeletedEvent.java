package io.mlpservice.model;

/** Published after a model left the registry, so that its training jobs can be cancelled. */
public record ModelDeletedEvent(String modelId) {
}
