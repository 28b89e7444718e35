package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.escrow.PaymentProviderException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint. Public (Stripe signs instead of signing in); the body is read raw, because the signature
 * covers the exact bytes. 200 for every verified event, including duplicates and types we ignore; 400 when the
 * signature is missing, wrong or stale (nothing recorded); 503 when Stripe itself could not be asked, and 500 on our
 * own failure, so that Stripe delivers the event again.
 */
@RestController
class StripeWebhookController {

    static final String SIGNATURE_HEADER = "Stripe-Signature";
    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "Stripe webhook endpoint",
            description = "For Stripe only: events signed with STRIPE_WEBHOOK_SECRET (Stripe-Signature, within 300"
                    + " seconds). Each event id takes effect once; 200 for duplicates and ignored types, 400 for a"
                    + " missing, wrong or stale signature.")
    @PostMapping("/api/webhooks/stripe")
    Map<String, Object> receive(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        StripeWebhooks.Result result;
        try {
            result = webhooks.receive(payload, signature);
        } catch (StripeWebhooks.InvalidSignature refused) {
            log.warn("Stripe webhook refused: {}", refused.getMessage());
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "The Stripe-Signature header is missing, does not match the payload, or is older than 300"
                            + " seconds; nothing was recorded.");
        } catch (PaymentProviderException | StripeWebhooks.NotYet later) {
            log.warn("Stripe webhook postponed: {}", later.getMessage());
            throw new ProblemException(
                    ProblemType.SERVICE_UNAVAILABLE, "The event cannot be applied yet; nothing was recorded.");
        }
        return Map.of("received", true, "duplicate", result.outcome() == StripeWebhooks.Outcome.DUPLICATE);
    }
}
