package com.fairtradeworker.platform.config;

import static com.fairtradeworker.platform.config.AppProperties.isSet;

import com.fairtradeworker.platform.database.DatabaseUrl;
import com.fairtradeworker.platform.redis.RedisUrl;
import com.fairtradeworker.platform.web.TrustedProxies;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds every missing, malformed or weak setting at once, so an operator fixes them in one go. Malformed values are
 * refused everywhere; missing and weak ones only in production, where no development default may stand in.
 */
public final class ConfigurationCheck {

    static final int MIN_JWT_SECRET_HEX_CHARS = 64;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    private ConfigurationCheck() {}

    public static List<String> problems(AppProperties app) {
        List<String> problems = new ArrayList<>();
        AppEnvironment environment;
        try {
            environment = app.environment();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            environment = AppEnvironment.PRODUCTION; // judge the rest by the strictest rules
        }
        boolean production = environment.isProduction();
        checkDatabase(app.database(), production, problems);
        checkRedis(app.redis(), production, problems);
        checkJwtSecret(app.jwtSecret(), production, problems);
        checkFrontendUrl(app.frontendUrl(), production, problems);
        checkTrustedProxies(app.trustedProxies(), problems);
        if (production) {
            checkProductionServices(app, problems);
        }
        if (isSet(app.sentry().dsn()) && !isHttpUrl(app.sentry().dsn())) {
            problems.add("SENTRY_DSN is not a URL");
        }
        return problems;
    }

    /** The JWT secret rule, shared with the development warning. */
    public static String jwtSecretWeakness(String secret) {
        if (!isSet(secret)) {
            return "JWT_SECRET is not set";
        }
        if (secret.length() < MIN_JWT_SECRET_HEX_CHARS) {
            return "JWT_SECRET is too short: at least " + MIN_JWT_SECRET_HEX_CHARS
                    + " hex characters (256 bits) needed";
        }
        if (!secret.chars().allMatch(HexFormat::isHexDigit)) {
            return "JWT_SECRET must be hexadecimal (for example: openssl rand -hex 64)";
        }
        return null;
    }

    private static void checkDatabase(AppProperties.Database database, boolean production, List<String> problems) {
        if (!isSet(database.url())) {
            if (production) {
                problems.add(
                        "DATABASE_URL is not set: production needs a PostgreSQL server; the embedded one is refused");
            }
        } else {
            parseOrReport("DATABASE_URL", () -> DatabaseUrl.parse(database.url()), problems);
        }
        if (isSet(database.migrationUrl())) {
            parseOrReport("DATABASE_MIGRATION_URL", () -> DatabaseUrl.parse(database.migrationUrl()), problems);
        }
    }

    private static void checkRedis(AppProperties.Redis redis, boolean production, List<String> problems) {
        if (!isSet(redis.url())) {
            if (production) {
                problems.add("REDIS_URL is not set: production needs a Redis server; the embedded one is refused");
            }
        } else {
            parseOrReport("REDIS_URL", () -> RedisUrl.parse(redis.url()), problems);
        }
    }

    private static void checkJwtSecret(String secret, boolean production, List<String> problems) {
        if (!production && !isSet(secret)) {
            return; // a random development secret is generated
        }
        String weakness = jwtSecretWeakness(secret);
        if (weakness != null) {
            problems.add(weakness);
        }
    }

    private static void checkFrontendUrl(String frontendUrl, boolean production, List<String> problems) {
        if (!isHttpUrl(frontendUrl)) {
            problems.add("FRONTEND_URL must be an absolute http(s) URL, such as https://fairtradeworker.com");
        } else if (production && !frontendUrl.startsWith("https://")) {
            problems.add("FRONTEND_URL must use https in production");
        }
    }

    private static void checkTrustedProxies(List<String> proxies, List<String> problems) {
        for (String proxy : proxies) {
            if (!TrustedProxies.isValidCidr(proxy)) {
                problems.add("TRUSTED_PROXIES entry '" + proxy + "' is not an IP address or CIDR range");
            }
        }
    }

    private static void checkProductionServices(AppProperties app, List<String> problems) {
        AppProperties.Stripe stripe = app.stripe();
        if (!isSet(stripe.secretKey())) {
            problems.add(
                    "STRIPE_SECRET_KEY is not set: production moves real money (the simulated provider is refused)");
        } else if (!stripe.secretKey().startsWith("sk_") && !stripe.secretKey().startsWith("rk_")) {
            problems.add("STRIPE_SECRET_KEY does not look like a Stripe secret key (sk_... or rk_...)");
        }
        if (!isSet(stripe.webhookSecret())) {
            problems.add("STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks could not be verified");
        } else if (!stripe.webhookSecret().startsWith("whsec_")) {
            problems.add("STRIPE_WEBHOOK_SECRET does not look like a webhook signing secret (whsec_...)");
        }
        if (!isSet(app.aws().region())) {
            problems.add("AWS_REGION is not set");
        }
        if (!isSet(app.aws().s3Bucket())) {
            problems.add("AWS_S3_BUCKET is not set: production keeps evidence files in S3");
        }
        AppProperties.Email email = app.email();
        if (!isSet(email.from()) || !EMAIL.matcher(email.from()).matches()) {
            problems.add("EMAIL_FROM must be an e-mail address");
        }
        if (!isSet(email.sendgridApiKey()) && !isSet(email.smtpHost())) {
            problems.add("SENDGRID_API_KEY (or SMTP_HOST) is not set: production must deliver e-mail");
        }
        AppProperties.Twilio twilio = app.twilio();
        if (!isSet(twilio.accountSid())) {
            problems.add("TWILIO_ACCOUNT_SID is not set");
        }
        if (!isSet(twilio.authToken())) {
            problems.add("TWILIO_AUTH_TOKEN is not set");
        }
        if (!isSet(twilio.phoneNumber())) {
            problems.add("TWILIO_PHONE_NUMBER is not set");
        } else if (!E164.matcher(twilio.phoneNumber()).matches()) {
            problems.add("TWILIO_PHONE_NUMBER must be in E.164 form, such as +15551234567");
        }
    }

    private static void parseOrReport(String name, Runnable parse, List<String> problems) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(name + " " + e.getMessage());
        }
    }

    private static boolean isHttpUrl(String value) {
        if (!isSet(value)) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
