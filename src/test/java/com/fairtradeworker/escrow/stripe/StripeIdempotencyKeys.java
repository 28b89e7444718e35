package com.fairtradeworker.escrow.stripe;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stripe's idempotency rule in the stand-in: a POST with an {@code Idempotency-Key} seen before gets the first answer
 * again (marked {@code Idempotent-Replayed: true}, without the stub's delay: the work was done the first time) when its
 * parameters are the same, and {@code 400 idempotency_error} when they differ, such as a changed amount. Only
 * successful answers are kept (Stripe also keeps refusals of requests that started executing; the suite does not rely
 * on that), so a retry after a 5xx reaches the stub again, as with {@code Stripe-Should-Retry: true}. {@link #created()}
 * counts the POSTs that did something, so a test can show that retries made nothing twice.
 */
final class StripeIdempotencyKeys implements ResponseDefinitionTransformerV2 {

    private record First(String path, String body, ResponseDefinition response) {}

    private final Map<String, First> firsts = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        ResponseDefinition response = serveEvent.getResponseDefinition();
        String key = request.getHeader("Idempotency-Key");
        if (key == null || !"POST".equals(request.getMethod().getName())) {
            return response;
        }
        First first = firsts.get(key);
        if (first == null) {
            if (response.getStatus() / 100 == 2
                    && firsts.putIfAbsent(key, new First(request.getUrl(), request.getBodyAsString(), response))
                            == null) {
                created.incrementAndGet();
            }
            return response;
        }
        if (first.path().equals(request.getUrl()) && first.body().equals(request.getBodyAsString())) {
            return ResponseDefinitionBuilder.like(first.response())
                    .withFixedDelay(null)
                    .withHeader("Idempotent-Replayed", "true")
                    .build();
        }
        return StripeStub.json(
                        400,
                        StripeStub.error(
                                "idempotency_error",
                                null,
                                "Keys for idempotent requests can only be used with the same parameters they were"
                                        + " first used with. Try using a key other than '" + key
                                        + "' if you meant to execute a different request."))
                .build();
    }

    /** POSTs that took effect: each key's first successful answer. */
    int created() {
        return created.get();
    }

    void forget() {
        firsts.clear();
        created.set(0);
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public String getName() {
        return "stripe-idempotency-keys";
    }
}
