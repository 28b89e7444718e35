package com.fairtradeworker.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ConfigurationCheckTest {

    private static final String GOOD_SECRET = "a".repeat(64);

    @Test
    void productionWithNothingSetNamesEveryMissingValueAtOnce() {
        List<String> problems = problemsFor(Map.of("app.env", "production"));

        assertThat(String.join("\n", problems))
                .contains("DATABASE_URL is not set")
                .contains("REDIS_URL is not set")
                .contains("JWT_SECRET is not set")
                .contains("STRIPE_SECRET_KEY is not set")
                .contains("STRIPE_WEBHOOK_SECRET is not set")
                .contains("AWS_REGION is not set")
                .contains("AWS_S3_BUCKET is not set")
                .contains("SENDGRID_API_KEY (or SMTP_HOST) is not set")
                .contains("TWILIO_ACCOUNT_SID is not set")
                .contains("TWILIO_AUTH_TOKEN is not set")
                .contains("TWILIO_PHONE_NUMBER is not set")
                .contains("FRONTEND_URL must use https in production");
    }

    @Test
    void aCompleteProductionConfigurationHasNoProblems() {
        assertThat(problemsFor(production())).isEmpty();
    }

    @Test
    void jwtSecretShorterThan64HexCharactersIsWeak() {
        Map<String, String> settings = production();
        settings.put("app.jwt-secret", "ab".repeat(31) + "a");

        assertThat(problemsFor(settings))
                .containsExactly("JWT_SECRET is too short: at least 64 hex characters (256 bits) needed");
    }

    @Test
    void jwtSecretThatIsNotHexIsWeak() {
        Map<String, String> settings = production();
        settings.put("app.jwt-secret", "z".repeat(64));

        assertThat(problemsFor(settings))
                .containsExactly("JWT_SECRET must be hexadecimal (for example: openssl rand -hex 64)");
    }

    @Test
    void weakSecretIsRefusedOutsideProductionToo() {
        assertThat(problemsFor(Map.of("app.jwt-secret", "short"))).hasSize(1);
    }

    @Test
    void developmentNeedsNothing() {
        assertThat(problemsFor(Map.of())).isEmpty();
        assertThat(problemsFor(Map.of("app.env", "test"))).isEmpty();
    }

    @Test
    void malformedUrlsAreRefusedInEveryEnvironment() {
        List<String> problems = problemsFor(Map.of(
                "app.database.url", "mysql://user@host/db",
                "app.database.migration-url", "postgresql://host/db",
                "app.redis.url", "http://cache:6379"));

        assertThat(problems)
                .containsExactly(
                        "DATABASE_URL must start with postgresql:// (expected postgresql://user:password@host:5432/db)",
                        "DATABASE_MIGRATION_URL names no user (expected postgresql://user:password@host:5432/db)",
                        "REDIS_URL must start with redis:// or rediss://");
    }

    @Test
    void unknownAppEnvIsRefusedAndTheRestJudgedAsProduction() {
        List<String> problems = problemsFor(Map.of("app.env", "staging"));

        assertThat(problems.get(0)).isEqualTo("APP_ENV must be one of development | test | production, not 'staging'");
        assertThat(problems).anyMatch(problem -> problem.startsWith("DATABASE_URL is not set"));
    }

    @Test
    void badServiceValuesAreNamed() {
        Map<String, String> settings = production();
        settings.put("app.stripe.secret-key", "pk_live_publishable");
        settings.put("app.stripe.webhook-secret", "secret");
        settings.put("app.twilio.phone-number", "555-1234");
        settings.put("app.email.from", "not an address");
        settings.put("app.trusted-proxies", "10.0.0.0/8,proxy.example.com");
        settings.put("app.sentry.dsn", "not a url");

        assertThat(problemsFor(settings))
                .containsExactlyInAnyOrder(
                        "STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_... or rk_...)",
                        "STRIPE_WEBHOOK_SECRET does not look like a webhook signing secret (whsec_...)",
                        "TWILIO_PHONE_NUMBER must be in E.164 form, such as +15551234567",
                        "EMAIL_FROM must be an e-mail address",
                        "TRUSTED_PROXIES entry 'proxy.example.com' is not an IP address or CIDR range",
                        "SENTRY_DSN is not a URL");
    }

    @Test
    void problemMessagesNeverQuoteSecrets() {
        Map<String, String> settings = production();
        settings.put("app.jwt-secret", "topsecretvalue");
        settings.put("app.database.url", "mysql://admin:hunter2hunter2@db/x");

        assertThat(String.join("\n", problemsFor(settings)))
                .doesNotContain("topsecretvalue")
                .doesNotContain("hunter2hunter2");
    }

    static Map<String, String> production() {
        Map<String, String> settings = new HashMap<>();
        settings.put("app.env", "production");
        settings.put("app.frontend-url", "https://fairtradeworker.com");
        settings.put("app.jwt-secret", GOOD_SECRET);
        settings.put("app.database.url", "postgresql://ftw_app:pw@db.internal:5432/fairtradeworker?sslmode=require");
        settings.put("app.database.migration-url", "postgresql://ftw_owner:pw@db.internal:5432/fairtradeworker");
        settings.put("app.redis.url", "rediss://:token@cache.internal:6379");
        settings.put("app.aws.region", "us-east-1");
        settings.put("app.aws.s3-bucket", "fairtradeworker-uploads");
        settings.put("app.stripe.secret-key", "sk_live_123");
        settings.put("app.stripe.webhook-secret", "whsec_123");
        settings.put("app.email.from", "noreply@fairtradeworker.com");
        settings.put("app.email.sendgrid-api-key", "SG.xxx");
        settings.put("app.twilio.account-sid", "AC123");
        settings.put("app.twilio.auth-token", "token");
        settings.put("app.twilio.phone-number", "+15551234567");
        return settings;
    }

    static List<String> problemsFor(Map<String, String> settings) {
        AppProperties app = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("app", Bindable.of(AppProperties.class));
        return ConfigurationCheck.problems(app);
    }
}
