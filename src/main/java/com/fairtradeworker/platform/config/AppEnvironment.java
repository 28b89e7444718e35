package com.fairtradeworker.platform.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the service runs, from {@code APP_ENV}. Only production refuses development defaults. */
public enum AppEnvironment {
    DEVELOPMENT,
    TEST,
    PRODUCTION;

    public static AppEnvironment parse(String value) {
        if (value == null || value.isBlank()) {
            return DEVELOPMENT;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("APP_ENV must be one of " + allowedValues() + ", not '" + value + "'");
        }
    }

    public static String allowedValues() {
        return Arrays.stream(values()).map(AppEnvironment::profileName).collect(Collectors.joining(" | "));
    }

    public String profileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }
}
