package io.mlpservice.training;

import io.mlpservice.engine.Network;
import io.mlpservice.engine.optim.OptimizerSpec;
import io.mlpservice.engine.train.TrainingConfig;
import io.mlpservice.engine.train.TrainingState;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.ModelRegistry;
import io.mlpservice.model.ModelVersion;
import io.mlpservice.model.ModelBrokenException;
import io.mlpservice.model.ModelNotFoundException;
import io.mlpservice.model.VersionNotFoundException;
import io.mlpservice.store.CorruptFileException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Finds what a warm-started job goes on from: the weights and standardisation of a version of its
 * model, and the training state saved with it. At submission the serving version is chosen and
 * checked against the job's settings; when the job runs (or continues after a restart) the same
 * version is read again.
 */
final class WarmStarts {

    private final ModelRegistry registry;

    WarmStarts(ModelRegistry registry) {
        this.registry = registry;
    }

    /** A version's weights and the state its training ended in (null for an imported version). */
    record Start(WarmStart warmStart, Network network, TrainingState state) {
    }

    /**
     * The serving version as the start of a new job, or empty without one.
     *
     * @throws InvalidInputException when the saved state is of another optimizer than {@code config}'s
     * @throws WarmStartUnavailableException when the version's weights or saved state fail verification
     */
    Optional<Start> atSubmission(ModelRecord model, TrainingConfig config) {
        ModelVersion serving = model.serving();
        if (serving == null) {
            return Optional.empty();
        }
        if (model.brokenReason() != null) {
            throw new WarmStartUnavailableException(model.id(), serving.version(), model.brokenReason());
        }
        Network network;
        TrainingState state;
        try {
            network = registry.serving(model, serving);
            state = registry.trainingState(model.id(), serving.version()).orElse(null);
        } catch (ModelBrokenException e) {
            throw new WarmStartUnavailableException(model.id(), serving.version(), "its weights cannot be read");
        } catch (CorruptFileException e) {
            throw new WarmStartUnavailableException(model.id(), serving.version(), "its training state failed "
                    + "verification (" + e.getMessage() + ") and was moved to quarantine");
        }
        OptimizerSpec.Kind asked = config.optimizer().kind();
        if (state != null && state.optimizer().kind() != asked) {
            String saved = name(state.optimizer().kind());
            throw new InvalidInputException("optimizer", "optimizer '" + name(asked) + "' cannot continue version "
                    + serving.version() + ", whose saved state (moments and step) is of '" + saved + "'; send "
                    + "\"optimizer\": \"" + saved + "\", or warmStart false to start from the seeded initial weights");
        }
        WarmStart warm = new WarmStart(serving.version(), state == null ? 0 : state.epochsCompleted());
        return Optional.of(new Start(warm, network, state));
    }

    /**
     * The start a job chose at submission, read again when it runs.
     *
     * @throws IllegalStateException when the version or its state is gone or fails verification:
     *                               the job fails with this message
     * @throws CancellationException when the model was deleted
     */
    Start whenRunning(ModelRecord model, WarmStart warm) {
        int number = warm.fromVersion();
        try {
            Network network = registry.serving(model, registry.version(model.id(), number));
            TrainingState state = registry.trainingState(model.id(), number).orElse(null);
            int saved = state == null ? 0 : state.epochsCompleted();
            if (saved != warm.epochsBefore()) {
                throw new IllegalStateException("the training state of version " + number + " has " + saved
                        + " epochs; the job was submitted to go on after " + warm.epochsBefore());
            }
            return new Start(warm, network, state);
        } catch (ModelNotFoundException e) {
            throw new CancellationException("model deleted");
        } catch (VersionNotFoundException e) {
            throw new IllegalStateException("version " + number + ", which the job goes on from, was deleted");
        } catch (CorruptFileException | ModelBrokenException e) {
            throw new IllegalStateException("version " + number + ", which the job goes on from, failed verification: "
                    + e.getMessage());
        }
    }

    private static String name(OptimizerSpec.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
