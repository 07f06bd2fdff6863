package io.mlpservice.model;

import io.mlpservice.engine.Network;
import java.time.Instant;

/**
 * An immutable snapshot of a model's trained weights and how they were obtained. A model swaps
 * its snapshot in one write when a job succeeds, so a prediction sees either the old weights or
 * the new ones, never a mixture.
 *
 * @param network the trained network, standardisation included
 * @param jobId   the job that produced it
 * @param metrics the figures of the epoch whose weights these are
 */
public record TrainedState(Network network, String jobId, Instant trainedAt, LossPoint metrics) {
}
