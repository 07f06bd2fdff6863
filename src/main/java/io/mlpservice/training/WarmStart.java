package io.mlpservice.training;

/**
 * A job's warm start ({@code "warmStart": true}): the version it goes on from, fixed when the job
 * was submitted, and the epochs that version's training numbered, after which the job numbers its
 * own.
 *
 * @param fromVersion  the model's serving version when the job was submitted; null when it had
 *                     none, and the job starts from the seeded initial weights
 * @param epochsBefore epochs the version's training numbered; 0 without a version, or for one
 *                     without a saved training state (an import), whose optimizer starts afresh
 */
public record WarmStart(Integer fromVersion, int epochsBefore) {

    /** A warm start asked of a model with no trained version: a cold start. */
    static final WarmStart NONE = new WarmStart(null, 0);

    public WarmStart {
        if (epochsBefore < 0 || fromVersion == null && epochsBefore != 0) {
            throw new IllegalArgumentException("a warm start from version " + fromVersion + " after "
                    + epochsBefore + " epochs");
        }
    }
}
