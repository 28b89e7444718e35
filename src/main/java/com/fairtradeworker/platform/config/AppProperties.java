package com.fairtradeworker.platform.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting the service reads from the environment (see {@code .env.example}). Secrets live here only to be handed
 * to the component that needs them; {@link #toString()} of each secret-bearing record never prints them.
 */
@ConfigurationProperties("app")
public record AppProperties(
        @DefaultValue("development") String env,
        @DefaultValue("http://localhost:5173") String frontendUrl,
        String jwtSecret,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue Database database,
        @DefaultValue Redis redis,
        @DefaultValue Embedded embedded,
        @DefaultValue Aws aws,
        @DefaultValue Stripe stripe,
        @DefaultValue Sentry sentry,
        @DefaultValue Email email,
        @DefaultValue Twilio twilio) {

    public AppEnvironment environment() {
        return AppEnvironment.parse(env);
    }

    @Override
    public String toString() {
        return "AppProperties[env=" + env + ", frontendUrl=" + frontendUrl + ", jwtSecret=" + present(jwtSecret)
                + ", trustedProxies=" + trustedProxies + ", " + database + ", " + redis + ", " + embedded + ", " + aws
                + ", " + stripe + ", " + sentry + ", " + email + ", " + twilio + "]";
    }

    public record Database(String url, String migrationUrl) {
        @Override
        public String toString() {
            return "Database[url=" + present(url) + ", migrationUrl=" + present(migrationUrl) + "]";
        }
    }

    public record Redis(String url) {
        @Override
        public String toString() {
            return "Redis[url=" + present(url) + "]";
        }
    }

    /** Development servers: where their data lives, and whether it is thrown away at exit (tests). */
    public record Embedded(
            @DefaultValue("./data") String dataDir,
            @DefaultValue("false") boolean ephemeral) {}

    public record Aws(String region, String s3Bucket) {}

    public record Stripe(String secretKey, String webhookSecret) {
        @Override
        public String toString() {
            return "Stripe[secretKey=" + present(secretKey) + ", webhookSecret=" + present(webhookSecret) + "]";
        }
    }

    public record Sentry(String dsn) {
        @Override
        public String toString() {
            return "Sentry[dsn=" + present(dsn) + "]";
        }
    }

    public record Email(
            @DefaultValue("noreply@fairtradeworker.com") String from,
            String sendgridApiKey,
            String smtpHost,
            Integer smtpPort,
            String smtpUsername,
            String smtpPassword) {
        @Override
        public String toString() {
            return "Email[from=" + from + ", sendgridApiKey=" + present(sendgridApiKey) + ", smtpHost=" + smtpHost
                    + ", smtpPort=" + smtpPort + ", smtpPassword=" + present(smtpPassword) + "]";
        }
    }

    public record Twilio(String accountSid, String authToken, String phoneNumber) {
        @Override
        public String toString() {
            return "Twilio[accountSid=" + present(accountSid) + ", authToken=" + present(authToken) + ", phoneNumber="
                    + present(phoneNumber) + "]";
        }
    }

    /** True when a variable has a non-blank value. */
    public static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String present(String value) {
        return isSet(value) ? "<set>" : "<unset>";
    }
}
