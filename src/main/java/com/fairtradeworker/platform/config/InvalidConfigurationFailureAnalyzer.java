package com.fairtradeworker.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the configuration problems as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set the variables above (see .env.example). APP_ENV=" + AppEnvironment.allowedValues() + ".",
                cause);
    }
}
