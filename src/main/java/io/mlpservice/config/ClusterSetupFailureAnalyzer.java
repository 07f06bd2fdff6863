package io.mlpservice.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A cluster member that cannot start (its port taken, no storage directory): says so in one line. */
class ClusterSetupFailureAnalyzer extends AbstractFailureAnalyzer<ClusterSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ClusterSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
