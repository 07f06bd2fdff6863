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
        @Valid @DefaultValue Engine engine,
        @Valid @DefaultValue Storage storage,
        @Valid @DefaultValue Registry registry) {

    /**
     * The training workers and their queue.
     *
     * @param workers        training jobs that run at once; each gets an equal share of the cores
     * @param threadsPerJob  threads one job's mini-batches are split over; 0 means the cores divided
     *                       by the workers (at least 1)
     * @param queueCapacity  jobs that may wait for a worker; a submission beyond it gets 429
     * @param maxQueuedBytes the data of the waiting jobs together; a submission beyond it gets 429
     * @param retryAfter     what the 429's {@code Retry-After} header advises
     */
    public record Training(
            @Min(1) @DefaultValue("1") int workers,
            @Min(0) @DefaultValue("0") int threadsPerJob,
            @Min(1) @DefaultValue("100") int queueCapacity,
            @NotNull @DefaultValue("1GB") DataSize maxQueuedBytes,
            @NotNull @DefaultValue("10s") Duration retryAfter) {
    }

    /**
     * Where models, versions, jobs and loss histories are kept.
     *
     * @param dir                the storage directory, relative to the working directory; empty
     *                           keeps everything in memory only, lost when the process ends
     * @param checkpointInterval a running job saves its whole state at the end of the first epoch
     *                           that finishes this long after its previous save
     * @param keepVersions       versions kept per model; older ones go when a new one arrives,
     *                           never the serving one
     */
    public record Storage(
            @NotNull @DefaultValue("data") String dir,
            @NotNull @DefaultValue("30s") Duration checkpointInterval,
            @Min(1) @DefaultValue("10") int keepVersions) {
    }

    /**
     * The registry's memory.
     *
     * @param maxResidentBytes serving weights held in memory; beyond it the least recently used
     *                         are dropped and read back from disk when next asked for. Unset: a
     *                         quarter of the maximum heap
     */
    public record Registry(DataSize maxResidentBytes) {

        /** The bound in bytes, the default applied. */
        public long residentBytes() {
            return maxResidentBytes != null ? maxResidentBytes.toBytes() : Runtime.getRuntime().maxMemory() / 4;
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
