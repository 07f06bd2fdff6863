package io.mlpservice.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * A listener that behaves as the service's: it records every epoch, and it may take a checkpoint
 * after a given epoch (then, optionally, "crash": cancel the run as a dying process would stop
 * it) or ask for a suspension at a given poll between mini-batches.
 */
final class ServiceLike implements TrainingListener {

    final List<EpochStats> epochs = new ArrayList<>();
    /** The epochs {@link #checkpointDue} was asked about, in order. */
    final List<Integer> checkpointPolls = new ArrayList<>();
    private final int checkpointAfterEpoch;
    private final int suspendAtPoll;
    private final boolean crashAfterCheckpoint;
    private int polls;
    /** The checkpoint handed to {@link #onCheckpoint}, if any. */
    TrainingCheckpoint taken;

    /**
     * @param checkpointAfterEpoch the epoch after which to ask for a checkpoint; -1 for none
     * @param suspendAtPoll        the 1-based poll between mini-batches that asks to suspend; -1 for none
     */
    ServiceLike(int checkpointAfterEpoch, int suspendAtPoll, boolean crashAfterCheckpoint) {
        this.checkpointAfterEpoch = checkpointAfterEpoch;
        this.suspendAtPoll = suspendAtPoll;
        this.crashAfterCheckpoint = crashAfterCheckpoint;
    }

    static ServiceLike recording() {
        return new ServiceLike(-1, -1, false);
    }

    static ServiceLike crashingAfterCheckpoint(int epoch) {
        return new ServiceLike(epoch, -1, true);
    }

    static ServiceLike suspendingAt(int poll) {
        return new ServiceLike(-1, poll, false);
    }

    @Override
    public void onEpoch(EpochStats stats) {
        epochs.add(stats);
    }

    @Override
    public boolean isCancelled() {
        return crashAfterCheckpoint && taken != null;
    }

    @Override
    public boolean suspendRequested() {
        return ++polls == suspendAtPoll;
    }

    @Override
    public boolean checkpointDue(int epoch) {
        checkpointPolls.add(epoch);
        return epoch == checkpointAfterEpoch;
    }

    @Override
    public void onCheckpoint(TrainingCheckpoint checkpoint) {
        taken = checkpoint;
    }
}
