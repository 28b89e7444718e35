package com.fairtradeworker.escrow.stripe;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Stripe adapter's settings ({@code app.stripe.*}; {@code STRIPE_SECRET_KEY} and {@code STRIPE_WEBHOOK_SECRET} are
 * mapped in {@code application.yml}, {@code STRIPE_API_BASE} in {@code stripe.properties} next to this class, see
 * {@code .env.example}). {@link #toString()} never prints the secrets.
 *
 * @param secretKey {@code STRIPE_SECRET_KEY}: Stripe is used when set, the simulated provider otherwise (refused in
 *     production)
 * @param webhookSecret {@code STRIPE_WEBHOOK_SECRET}: the endpoint's signing secret ({@code whsec_...}); without it
 *     every webhook is refused
 * @param connectWebhookSecret {@code STRIPE_CONNECT_WEBHOOK_SECRET}: the signing secret of the endpoint for connected
 *     accounts' events ({@code account.updated}), when Stripe delivers those through a second endpoint to the same URL
 * @param apiBase {@code STRIPE_API_BASE}: where Stripe's API is ({@code https://api.stripe.com}); tests point it at an
 *     in-process stand-in
 * @param connectTimeout how long connecting to Stripe may take
 * @param readTimeout how long one answer from Stripe may take
 * @param maxNetworkRetries how often the client retries a call that failed on the network, timed out, or got a 409 or
 *     5xx answer, each time with the same idempotency key
 */
@ConfigurationProperties("app.stripe")
public record StripeSettings(
        String secretKey,
        String webhookSecret,
        String connectWebhookSecret,
        String apiBase,
        Duration connectTimeout,
        Duration readTimeout,
        Integer maxNetworkRetries) {

    public static final String DEFAULT_API_BASE = "https://api.stripe.com";

    public StripeSettings {
        secretKey = blankToNull(secretKey);
        webhookSecret = blankToNull(webhookSecret);
        connectWebhookSecret = blankToNull(connectWebhookSecret);
        apiBase = blankToNull(apiBase) == null ? DEFAULT_API_BASE : stripTrailingSlash(apiBase.trim());
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
        maxNetworkRetries = maxNetworkRetries == null ? 2 : maxNetworkRetries;
        URI base = URI.create(apiBase);
        if (!("https".equals(base.getScheme()) || "http".equals(base.getScheme())) || base.getHost() == null) {
            throw new IllegalArgumentException("STRIPE_API_BASE must be an absolute http(s) URL");
        }
        if (connectTimeout.isNegative()
                || connectTimeout.isZero()
                || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("app.stripe connect and read time-outs must be positive");
        }
        if (connectWebhookSecret != null && !connectWebhookSecret.startsWith("whsec_")) {
            throw new IllegalArgumentException(
                    "STRIPE_CONNECT_WEBHOOK_SECRET does not look like a webhook signing secret (whsec_...)");
        }
        if (maxNetworkRetries < 0 || maxNetworkRetries > 5) {
            throw new IllegalArgumentException("app.stripe.max-network-retries must be between 0 and 5");
        }
    }

    /** Settings for a client of {@code apiBase} (tests), with the defaults for the rest. */
    public static StripeSettings of(String secretKey, String webhookSecret, String apiBase) {
        return new StripeSettings(secretKey, webhookSecret, null, apiBase, null, null, null);
    }

    public boolean configured() {
        return secretKey != null;
    }

    /** The secrets a webhook may be signed with: the platform endpoint's, then the connected accounts' endpoint's. */
    public java.util.List<String> webhookSecrets() {
        return java.util.stream.Stream.of(webhookSecret, connectWebhookSecret)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    @Override
    public String toString() {
        return "StripeSettings[secretKey=" + (secretKey == null ? "<unset>" : "<set>") + ", webhookSecret="
                + (webhookSecret == null ? "<unset>" : "<set>") + ", connectWebhookSecret="
                + (connectWebhookSecret == null ? "<unset>" : "<set>") + ", apiBase=" + apiBase + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String stripTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
