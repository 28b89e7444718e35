package com.fairtradeworker.escrow.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * stripe-java's HTTP client, counting retries ({@code ftw.payment.provider.retries}, by resource such as
 * {@code payment_intents}): a POST sent again on the same thread with the same {@code Idempotency-Key} as the one before
 * it, whether stripe-java retried it after a time-out, a 409 or a 5xx, or our next attempt repeated the operation. Only
 * POSTs move money, and only they carry a key, so they are what is counted.
 */
final class RetryCountingHttpClient extends HttpURLConnectionClient {

    static final String METRIC = "ftw.payment.provider.retries";

    private final ThreadLocal<String> lastKey = new ThreadLocal<>();
    private final MeterRegistry meters;

    RetryCountingHttpClient(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        String key = request.headers().firstValue("Idempotency-Key").orElse(null);
        if (key != null && "POST".equals(request.method().name())) {
            if (key.equals(lastKey.get())) {
                meters.counter(METRIC, "provider", "stripe", "resource", resource(request))
                        .increment();
            }
            lastKey.set(key);
        }
        return super.request(request);
    }

    /** {@code /v1/payment_intents/pi_123/cancel} is {@code payment_intents}. */
    private static String resource(StripeRequest request) {
        List<String> segments = List.of(request.url().getPath().split("/"));
        return segments.size() > 2 ? segments.get(2).toLowerCase(Locale.ROOT) : "other";
    }
}
