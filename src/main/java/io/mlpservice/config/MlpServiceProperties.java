package io.mlpservice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every tunable of the service, bound from {@code mlp.*} properties (or {@code MLP_*} environment
 * variables). The README lists each with its default.
 */
@ConfigurationProperties("mlp")
@Validated
public record MlpServiceProperties(
        @Valid @DefaultValue Training training,
        @Valid @DefaultValue Limits limits,
        @Valid @DefaultValue Engine engine) {

    /**
     * The training worker pool.
     *
     * @param workers       training jobs that run at once; 0 means one per available core
     * @param queueCapacity jobs that may wait for a worker; a submission beyond it gets 429
     * @param retryAfter    what the 429's {@code Retry-After} header advises
     */
    public record Training(
            @Min(0) @DefaultValue("0") int workers,
            @Min(1) @DefaultValue("100") int queueCapacity,
            @NotNull @DefaultValue("10s") Duration retryAfter) {

        /** Workers to start: {@link #workers}, or one per core when it is 0. */
        public int effectiveWorkers() {
            return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * Sizes beyond which requests are refused with 400 (413 for the body), to keep one client from
     * exhausting the memory or the CPU of the service.
     */
    public record Limits(
            @Min(1) @DefaultValue("1000") int maxModels,
            @Min(0) @DefaultValue("32") int maxHiddenLayers,
            @Min(2) @DefaultValue("16384") int maxLayerUnits,
            @Min(1) @DefaultValue("50000000") long maxParameters,
            @Min(1) @DefaultValue("50000000") long maxTrainingValues,
            @Min(1) @DefaultValue("1000000") int maxEpochs,
            @Min(1) @DefaultValue("10000") int maxPredictionRows,
            @NotNull @DefaultValue("64MB") DataSize maxRequestSize) {
    }

    /**
     * The MLP engine.
     *
     * @param kernel matrix-product kernel: {@code auto} picks the fastest that works here
     */
    public record Engine(
            @NotNull @Pattern(regexp = "auto|native|java|blocked|naive") @DefaultValue("auto") String kernel) {
    }
}
