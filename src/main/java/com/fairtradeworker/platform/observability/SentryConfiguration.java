package com.fairtradeworker.platform.observability;

import io.sentry.SentryOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sentry reports errors (ERROR log lines and unhandled exceptions) and a sample of traces when {@code SENTRY_DSN} is set;
 * without it the SDK stays disabled. Personal data never leaves: see {@link PersonalDataScrubber}.
 */
@Configuration(proxyBeanMethods = false)
class SentryConfiguration {

    @Bean
    SentryOptions.BeforeSendCallback personalDataScrubber() {
        return new PersonalDataScrubber();
    }
}
