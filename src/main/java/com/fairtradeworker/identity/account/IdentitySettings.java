package com.fairtradeworker.identity.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token lifetimes and the operator's first admin. The reset lifetime may be raised up to the plan's 24 hours, never
 * beyond (checked at start-up).
 */
@ConfigurationProperties("app.identity")
public record IdentitySettings(
        @DefaultValue("24h") Duration emailVerificationLifetime,
        @DefaultValue("1h") Duration passwordResetLifetime,
        @DefaultValue BootstrapAdmin bootstrapAdmin) {

    static final Duration MAX_RESET_LIFETIME = Duration.ofHours(24);

    public IdentitySettings {
        if (passwordResetLifetime.compareTo(MAX_RESET_LIFETIME) > 0 || passwordResetLifetime.isNegative()) {
            throw new IllegalArgumentException("app.identity.password-reset-lifetime must be at most 24h");
        }
    }

    /** {@code BOOTSTRAP_ADMIN_EMAIL} / {@code BOOTSTRAP_ADMIN_PASSWORD}: creates the first admin once, if absent. */
    public record BootstrapAdmin(String email, String password) {
        @Override
        public String toString() {
            return "BootstrapAdmin[email=" + (email == null ? "<unset>" : "<set>") + "]";
        }
    }
}
