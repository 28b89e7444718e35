package com.fairtradeworker.escrow.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/webhooks/stripe} as Stripe calls it, in the application as it runs (the simulated provider, so the
 * events' own objects are used, and the suite's webhook signing secret): unsigned, wrongly signed, tampered and stale
 * deliveries are refused with 400 and change nothing; a verified event takes effect once, whatever the order.
 */
@IntegrationTest
class StripeWebhookRouteTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    MarketplaceFixtures market;
    EscrowFixtures escrow;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void unsignedWronglySignedTamperedAndStaleEventsAreRefusedAndChangeNothing() {
        Funded pending = escrow.pendingContract(30_000);
        String intent = StripeStub.id("pi");
        UUID payment = processingPayment(pending, intent, 30_000);
        String eventId = StripeStub.newEventId();
        String payload = succeeded(eventId, intent, payment, 30_000);
        long signedAt = Instant.now().getEpochSecond();
        clock.pinAt(Instant.ofEpochSecond(signedAt));

        ApiClient.Response unsigned = deliver(payload, null);
        ApiClient.Response wrongSecret =
                deliver(payload, StripeStub.sign(payload, signedAt, "whsec_someone_elses_secret"));
        ApiClient.Response tampered = deliver(payload.replace("30000", "3"), StripeStub.sign(payload, signedAt));
        ApiClient.Response garbage = deliver(payload, "t=yesterday,v1=nonsense");
        clock.pinAt(Instant.ofEpochSecond(signedAt).plus(Duration.ofSeconds(301)));
        ApiClient.Response stale = deliver(payload, StripeStub.sign(payload, signedAt));

        for (ApiClient.Response refused : new ApiClient.Response[] {unsigned, wrongSecret, tampered, garbage, stale}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString())
                    .isEqualTo("https://fairtradeworker.com/problems/validation-failed");
        }
        assertThat(recorded(eventId)).isZero();
        assertThat(statement(pending).get("contractStatus").asString()).isEqualTo("PENDING_FUNDING");

        clock.pinAt(Instant.ofEpochSecond(signedAt).plus(Duration.ofSeconds(299)));
        ApiClient.Response accepted = deliver(payload, StripeStub.sign(payload, signedAt));
        ApiClient.Response duplicate = deliver(payload, StripeStub.sign(payload, signedAt));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("duplicate").asBoolean()).isFalse();
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(200);
        assertThat(duplicate.json().get("duplicate").asBoolean()).isTrue();
        assertThat(recorded(eventId)).isEqualTo(1);
        JsonNode statement = statement(pending);
        assertThat(statement.get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(statement.get("movements")).hasSize(1);
    }

    @Test
    void aFailureDeliveredAfterTheSuccessLeavesThePaymentSucceeded() {
        Funded pending = escrow.pendingContract(22_000);
        String intent = StripeStub.id("pi");
        UUID payment = processingPayment(pending, intent, 22_000);
        String succeeded = succeeded(StripeStub.newEventId(), intent, payment, 22_000);
        String olderFailure = StripeStub.event(
                StripeStub.newEventId(), "payment_intent.payment_failed", """
                {"id": "%s", "object": "payment_intent", "amount": 22000, "currency": "usd",
                 "status": "canceled", "cancellation_reason": "abandoned", "metadata": {"payment_id": "%s"}}""".formatted(intent, payment));
        long now = clock.millis() / 1000;

        assertThat(deliver(succeeded, StripeStub.sign(succeeded, now)).status()).isEqualTo(200);
        assertThat(deliver(olderFailure, StripeStub.sign(olderFailure, now)).status())
                .isEqualTo(200);

        JsonNode statement = statement(pending);
        assertThat(statement.get("payments").get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(statement.get("escrow").get("status").asString()).isEqualTo("HELD");
    }

    private ApiClient.Response deliver(String payload, String signature) {
        ApiClient.Request request = api.post("/api/webhooks/stripe").body("application/json; charset=utf-8", payload);
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return request.send();
    }

    private static String succeeded(String eventId, String intent, UUID payment, long amountMinor) {
        return StripeStub.event(
                eventId,
                "payment_intent.succeeded",
                StripeStub.paymentIntent(intent, "succeeded", amountMinor, "usd", StripeStub.id("ch"), payment));
    }

    private UUID processingPayment(Funded contract, String intent, long amountMinor) {
        UUID payment = UUID.randomUUID();
        db.app()
                .sql("""
                        INSERT INTO payments (id, contract_id, provider, provider_payment_id, amount_minor, currency,
                                              status, idempotency_key)
                        VALUES (?, ?, 'STRIPE', ?, ?, 'USD', 'PROCESSING', ?)""")
                .params(payment, contract.contract(), intent, amountMinor, "fund:" + contract.contract() + ":1")
                .update();
        return payment;
    }

    private int recorded(String eventId) {
        return db.owner()
                .sql("SELECT count(*) FROM webhook_events WHERE provider = 'STRIPE' AND event_id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
    }

    private JsonNode statement(Funded funded) {
        ApiClient.Response response = escrow.statement(funded.homeowner(), funded.contract());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
