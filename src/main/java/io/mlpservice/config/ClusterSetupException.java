package io.mlpservice.config;

/** The cluster mode cannot start as configured: what is wrong, and what to change. */
class ClusterSetupException extends RuntimeException {

    private final String action;

    ClusterSetupException(String problem, String action) {
        super(problem, null, false, false);
        this.action = action;
    }

    String action() {
        return action;
    }
}
