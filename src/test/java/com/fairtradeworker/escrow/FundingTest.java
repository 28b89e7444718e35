package com.fairtradeworker.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.SwitchablePaymentProvider;
import com.fairtradeworker.support.TestAccounts;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The homeowner funds escrow: HELD only on the provider's success, the contract FUNDED and the job started with it. */
@IntegrationTest
class FundingTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    SwitchablePaymentProvider provider;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    Funded pending;

    @BeforeEach
    void contractWaitingForFunding() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        pending = escrow.pendingContract(150_000);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void fundingHoldsTheMoneyFundsTheContractAndStartsTheJob() {
        Response funded = escrow.fund(pending.homeowner(), pending.contract(), "fund-1");

        assertThat(funded.status()).as(funded.body()).isEqualTo(200);
        assertThat(funded.json().get("provider").asString()).isEqualTo("SIMULATED");
        assertThat(funded.json().get("simulated").asBoolean()).isTrue();
        assertThat(funded.json().get("payment").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(funded.json().get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(funded.json().get("escrow").get("status").asString()).isEqualTo("HELD");
        assertThat(funded.json().get("escrow").get("held").get("amountMinor").asLong())
                .isEqualTo(150_000);
        assertThat(market.jobStatus(pending.job())).isEqualTo("IN_PROGRESS");

        Response statement = escrow.statement(pending.contractor(), pending.contract());
        assertThat(statement.status()).isEqualTo(200);
        assertThat(statement.json().get("movements")).hasSize(1);
        assertThat(statement.json().get("movements").get(0).get("kind").asString())
                .isEqualTo("FUND");
        assertThat(statement
                        .json()
                        .get("movements")
                        .get(0)
                        .get("heldAfter")
                        .get("amountMinor")
                        .asLong())
                .isEqualTo(150_000);
        assertThat(statement
                        .json()
                        .get("platformFeeIfReleased")
                        .get("amountMinor")
                        .asLong())
                .isEqualTo(7_500);
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstAnswerAndAnotherKeyFindsTheContractFunded() {
        Response first = escrow.fund(pending.homeowner(), pending.contract(), "same-key");
        Response replay = escrow.fund(pending.homeowner(), pending.contract(), "same-key");
        Response another = escrow.fund(pending.homeowner(), pending.contract(), "another-key");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(another.status()).isEqualTo(409);
        assertThat(another.json().get("status").asString()).isEqualTo("FUNDED");
        assertThat(paymentsOf(pending.contract())).isEqualTo(1);
    }

    @Test
    void fundingWithoutAnIdempotencyKeyIsRefused() {
        Response refused = escrow.fund(pending.homeowner(), pending.contract(), null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).endsWith("/idempotency-key-missing");
        assertThat(paymentsOf(pending.contract())).isZero();
    }

    @Test
    void anotherHomeownersContractIsMissingAndTheContractorCannotFund() {
        Response stranger = escrow.fund(market.homeowner(), pending.contract(), "k1");
        Response contractor = escrow.fund(pending.contractor(), pending.contract(), "k2");
        Response strangersStatement = escrow.statement(market.homeowner(), pending.contract());
        Response otherContractorsStatement = escrow.statement(market.contractor(), pending.contract());

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(contractor.status()).isEqualTo(403);
        assertThat(strangersStatement.status()).isEqualTo(404);
        assertThat(otherContractorsStatement.status()).isEqualTo(404);
        assertThat(paymentsOf(pending.contract())).isZero();
        assertThat(escrow.statement(accounts.admin(), pending.contract()).status())
                .isEqualTo(200);
    }

    @Test
    void aCancelledContractCannotBeFunded() {
        api.post("/api/contracts/" + pending.contract() + "/cancel")
                .bearer(pending.homeowner().accessToken())
                .send();

        Response refused = escrow.fund(pending.homeowner(), pending.contract(), "late");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(paymentsOf(pending.contract())).isZero();
    }

    private int paymentsOf(UUID contract) {
        return db.owner()
                .sql("SELECT count(*) FROM payments WHERE contract_id = ?")
                .param(contract)
                .query(Integer.class)
                .single();
    }

    @Test
    void theProviderIsAskedWithNoTransactionOpenAndNoLockHeldOnTheContract() {
        List<String> observed = new CopyOnWriteArrayList<>();
        PaymentProvider simulated = new SimulatedPaymentProvider("test");
        provider.use(new ObservingProvider(simulated, () -> {
            observed.add("in a transaction: " + TransactionSynchronizationManager.isActualTransactionActive());
            // Fails at once (55P03) if the funding request still held the contract's row lock.
            db.owner()
                    .sql("SELECT id FROM bid_contracts WHERE id = ? FOR UPDATE NOWAIT")
                    .param(pending.contract())
                    .query(UUID.class)
                    .single();
            observed.add("contract lockable");
        }));
        Response funded;
        try {
            funded = escrow.fund(pending.homeowner(), pending.contract(), "fund-outside-transaction");
        } finally {
            provider.reset();
        }

        assertThat(funded.status()).as(funded.body()).isEqualTo(200);
        assertThat(funded.json().get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(observed).containsExactly("in a transaction: false", "contract lockable");
    }

    @Test
    void aProviderOutageAnswers503AndTheRetryWithTheSameKeyUsesTheSamePayment() {
        AtomicInteger calls = new AtomicInteger();
        provider.use(new ObservingProvider(new SimulatedPaymentProvider("test"), () -> {
            if (calls.incrementAndGet() == 1) {
                throw new PaymentProviderException("Stripe create_payment failed (ApiConnectionException): timed out");
            }
        }));
        Response unavailable;
        Response retried;
        try {
            unavailable = escrow.fund(pending.homeowner(), pending.contract(), "fund-after-outage");
            retried = escrow.fund(pending.homeowner(), pending.contract(), "fund-after-outage");
        } finally {
            provider.reset();
        }

        assertThat(unavailable.status()).as(unavailable.body()).isEqualTo(503);
        assertThat(unavailable.body()).contains("Retry with the same Idempotency-Key");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed"))
                .as("the key was released, not replayed")
                .isNull();
        assertThat(retried.json().get("contractStatus").asString()).isEqualTo("FUNDED");
        assertThat(db.owner()
                        .sql("SELECT count(*) || ' ' || min(status) FROM payments WHERE contract_id = ?")
                        .param(pending.contract())
                        .query(String.class)
                        .single())
                .as("the payment committed before the outage is the one that succeeded")
                .isEqualTo("1 SUCCEEDED");
        assertThat(calls).hasValue(2);
    }

    /** The simulated provider, running a check each time a payment is created. */
    private record ObservingProvider(PaymentProvider delegate, Runnable onCreate) implements PaymentProvider {

        @Override
        public ProviderName name() {
            return delegate.name();
        }

        @Override
        public Payment createPayment(PaymentRequest request) {
            onCreate.run();
            return delegate.createPayment(request);
        }

        @Override
        public Payment retrievePayment(String providerPaymentId) {
            return delegate.retrievePayment(providerPaymentId);
        }

        @Override
        public Transfer transfer(TransferRequest request) {
            return delegate.transfer(request);
        }

        @Override
        public Refund refund(RefundRequest request) {
            return delegate.refund(request);
        }

        @Override
        public PayoutAccountLink payoutAccountLink(PayoutAccountRequest request) {
            return delegate.payoutAccountLink(request);
        }
    }
}
