package com.fairtradeworker.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.TimerPoller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Random sequences of money operations on fresh contracts, through the real routes against the real database: funding
 * (retried with the same key, and raced by two keys), cancellation before funding, completion, changes, approval, the
 * clocks running out (funding window, approval window, dispute response window), mutual cancellation, disputes opened,
 * answered, withdrawn and resolved by release, refund or split, and retries of every money request. A small model of
 * the contract says which steps must succeed and which must be refused (409); after every step the contract and escrow
 * must match it and the ledger invariants must hold.
 *
 * <p>Each sequence comes from its own seed, printed with any failure so it can be replayed:
 * {@code -Descrow.sequences.seed=<seed> -Descrow.sequences.runs=1}. The suite runs {@value #DEFAULT_RUNS} sequences
 * from a random base seed; {@code -Descrow.sequences.runs=500} runs more by hand.
 */
@IntegrationTest
class EscrowSequencesPropertyTest {

    static final int DEFAULT_RUNS = 30;
    static final int MAX_STEPS = 10;
    static final long AMOUNT = 100_000;

    enum Step {
        FUND,
        FUND_RACED,
        RETRY_LAST_MONEY_REQUEST,
        CANCEL_UNFUNDED,
        SUBMIT_COMPLETION,
        REQUEST_CHANGES,
        APPROVE,
        CLOCKS_RUN_OUT,
        PROPOSE_CANCELLATION,
        ACCEPT_CANCELLATION,
        OPEN_DISPUTE,
        ANSWER_DISPUTE,
        WITHDRAW_DISPUTE,
        RESOLVE_RELEASE,
        RESOLVE_REFUND,
        RESOLVE_SPLIT
    }

    record Action(Step step, long splitMinor) {}

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller timers;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    SignedIn homeowner;
    SignedIn admin;
    SignedIn contractor;
    int contractsOfContractor;

    @BeforeEach
    void parties() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        homeowner = market.homeowner();
        admin = accounts.admin();
    }

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @Test
    void everySequenceKeepsTheModelAndTheInvariants() {
        long baseSeed = Long.getLong("escrow.sequences.seed", new Random().nextLong());
        int runs = Integer.getInteger("escrow.sequences.runs", DEFAULT_RUNS);
        for (int run = 0; run < runs; run++) {
            long seed = baseSeed + run;
            List<Action> actions = sequence(new Random(seed));
            try {
                play(actions);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("Sequence with seed " + seed + " failed: " + actions, failure);
            }
        }
    }

    /** One to {@value #MAX_STEPS} steps; three in four sequences start by funding, so later steps have money to move. */
    static List<Action> sequence(Random random) {
        List<Action> actions = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            actions.add(new Action(Step.FUND, 1));
        }
        int steps = 1 + random.nextInt(MAX_STEPS - 1);
        for (int i = 0; i < steps; i++) {
            Step step = Step.values()[random.nextInt(Step.values().length)];
            actions.add(new Action(step, 1 + (long) random.nextInt((int) AMOUNT - 1)));
        }
        return actions;
    }

    /** The last money-moving request, to send again under the same key, and what the model says of a new attempt. */
    private record MoneyRequest(Function<String, Response> send, String key, Response first, BooleanSupplier model) {}

    private void play(List<Action> actions) {
        Funded contract = newContract();
        String path = "/api/contracts/" + contract.contract();
        Model model = new Model();
        LedgerInvariants invariants = new LedgerInvariants(db);
        MoneyRequest last = null;
        for (Action action : actions) {
            switch (action.step()) {
                case FUND -> last = money(key -> escrow.fund(homeowner, contract.contract(), key), model::fund);
                case FUND_RACED -> {
                    boolean allowed = model.fund();
                    List<Response> raced = raceFunding(contract);
                    assertThat(raced)
                            .allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(200, 409));
                    assertThat(raced.stream().filter(r -> r.status() == 200).count())
                            .isEqualTo(allowed ? 1 : 0);
                }
                case RETRY_LAST_MONEY_REQUEST -> {
                    if (last != null) {
                        Response retried = last.send().apply(last.key());
                        if (last.first().status() == 200) {
                            // A stored success replays, whatever happened since.
                            assertThat(retried.status()).isEqualTo(200);
                            assertThat(retried.body()).isEqualTo(last.first().body());
                            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
                        } else {
                            // A refused request released its key: the retry is a new attempt.
                            expect(retried, last.model().getAsBoolean());
                            last = new MoneyRequest(last.send(), last.key(), retried, last.model());
                        }
                    }
                }
                case CANCEL_UNFUNDED -> expect(post(path + "/cancel", homeowner, null), model.cancel());
                case SUBMIT_COMPLETION ->
                    expect(
                            post(path + "/completion", contractor, "{\"summary\": \"Done and tidied up.\"}"),
                            model.submit());
                case REQUEST_CHANGES ->
                    expect(
                            post(path + "/completion/changes", homeowner, "{\"reason\": \"The tap still drips.\"}"),
                            model.requestChanges());
                case APPROVE ->
                    last = money(key -> post(path + "/completion/approve", homeowner, null, key), model::approve);
                case CLOCKS_RUN_OUT -> {
                    clock.pinAt(clock.instant().plus(Duration.ofDays(31)));
                    timers.fireDue();
                    clock.reset();
                    model.clocksRunOut();
                }
                case PROPOSE_CANCELLATION ->
                    expect(post(path + "/cancellation-proposal", contractor, null), model.propose());
                case ACCEPT_CANCELLATION ->
                    last = money(
                            key -> post(path + "/cancellation-proposal/accept", homeowner, null, key),
                            model::acceptCancellation);
                case OPEN_DISPUTE -> {
                    Response opened = post(path + "/disputes", homeowner, """
                            {"reason": "POOR_QUALITY", "desiredOutcome": "REFUND",
                             "statement": "The new heater leaks."}""");
                    expect(opened, model.dispute());
                    if (opened.status() == 201) {
                        model.disputeId =
                                UUID.fromString(opened.json().get("id").asString());
                    }
                }
                case ANSWER_DISPUTE -> {
                    if (model.disputeId != null) {
                        expect(post("/api/disputes/" + model.disputeId + "/response", contractor, """
                                        {"statement": "It was fitted as agreed."}"""), model.answer());
                    }
                }
                case WITHDRAW_DISPUTE -> {
                    if (model.disputeId != null) {
                        expect(
                                post("/api/disputes/" + model.disputeId + "/withdraw", homeowner, null),
                                model.withdraw());
                    }
                }
                case RESOLVE_RELEASE, RESOLVE_REFUND, RESOLVE_SPLIT -> {
                    if (model.disputeId != null) {
                        String body = resolution(action);
                        UUID dispute = model.disputeId;
                        ContractStatus outcome = switch (action.step()) {
                            case RESOLVE_RELEASE -> ContractStatus.RELEASED;
                            case RESOLVE_REFUND -> ContractStatus.REFUNDED;
                            default -> ContractStatus.SPLIT;
                        };
                        last = money(
                                key -> post("/api/admin/disputes/" + dispute + "/resolution", admin, body, key),
                                () -> model.resolve(outcome));
                    }
                }
            }
            timers.fireDue();
            assertStateMatches(contract, model);
            invariants.assertHold();
        }
    }

    private MoneyRequest money(Function<String, Response> send, BooleanSupplier model) {
        String key = UUID.randomUUID().toString();
        Response first = send.apply(key);
        expect(first, model.getAsBoolean());
        return new MoneyRequest(send, key, first, model);
    }

    private static String resolution(Action action) {
        return switch (action.step()) {
            case RESOLVE_RELEASE -> "{\"outcome\": \"RELEASE\", \"reason\": \"The work was done as agreed.\"}";
            case RESOLVE_REFUND -> "{\"outcome\": \"REFUND\", \"reason\": \"The work was not done.\"}";
            default -> """
                    {"outcome": "SPLIT", "splitToContractor": {"amountMinor": %d, "currency": "USD"},
                     "reason": "Part of the work was done."}""".formatted(action.splitMinor());
        };
    }

    /** What the domain guide allows next; each method answers whether the step must succeed, and applies it. */
    static final class Model {
        ContractStatus status = ContractStatus.PENDING_FUNDING;
        ContractStatus beforeDispute;
        boolean proposal;
        UUID disputeId;
        boolean disputeAnswered;

        boolean fund() {
            return move(status == ContractStatus.PENDING_FUNDING, ContractStatus.FUNDED);
        }

        boolean cancel() {
            return move(status == ContractStatus.PENDING_FUNDING, ContractStatus.CANCELLED);
        }

        boolean submit() {
            return move(status == ContractStatus.FUNDED, ContractStatus.COMPLETION_SUBMITTED);
        }

        boolean requestChanges() {
            return move(status == ContractStatus.COMPLETION_SUBMITTED, ContractStatus.FUNDED);
        }

        boolean approve() {
            return move(status == ContractStatus.COMPLETION_SUBMITTED, ContractStatus.RELEASED);
        }

        boolean propose() {
            boolean allowed = status == ContractStatus.FUNDED;
            proposal |= allowed;
            return allowed;
        }

        boolean acceptCancellation() {
            return move(status == ContractStatus.FUNDED && proposal, ContractStatus.REFUNDED);
        }

        boolean dispute() {
            ContractStatus from = status;
            boolean allowed = move(
                    status == ContractStatus.FUNDED || status == ContractStatus.COMPLETION_SUBMITTED,
                    ContractStatus.DISPUTED);
            if (allowed) {
                beforeDispute = from;
                disputeAnswered = false;
            }
            return allowed;
        }

        boolean answer() {
            boolean allowed = status == ContractStatus.DISPUTED && !disputeAnswered;
            disputeAnswered |= allowed;
            return allowed;
        }

        boolean withdraw() {
            boolean allowed = move(status == ContractStatus.DISPUTED, beforeDispute);
            if (allowed) {
                disputeId = null;
            }
            return allowed;
        }

        /** An admin decides only after the other party answered (until then, only the response clock decides). */
        boolean resolve(ContractStatus outcome) {
            return move(status == ContractStatus.DISPUTED && disputeAnswered, outcome);
        }

        /**
         * A month passes: an unfunded contract is cancelled by its funding window, submitted work is approved by its
         * window, an unanswered dispute is decided for its opener (a refund); an answered dispute waits for an admin.
         */
        void clocksRunOut() {
            switch (status) {
                case PENDING_FUNDING -> move(true, ContractStatus.CANCELLED);
                case COMPLETION_SUBMITTED -> move(true, ContractStatus.RELEASED);
                case DISPUTED -> {
                    if (!disputeAnswered) {
                        move(true, ContractStatus.REFUNDED);
                    }
                }
                default -> {}
            }
        }

        private boolean move(boolean allowed, ContractStatus next) {
            if (allowed) {
                status = next;
                proposal = false;
            }
            return allowed;
        }
    }

    private static void expect(Response response, boolean allowed) {
        if (allowed) {
            assertThat(response.status()).as(response.body()).isBetween(200, 299);
        } else {
            assertThat(response.status()).as(response.body()).isEqualTo(409);
        }
    }

    private void assertStateMatches(Funded contract, Model model) {
        Response statement = escrow.statement(homeowner, contract.contract());
        assertThat(statement.status()).isEqualTo(200);
        assertThat(statement.json().get("contractStatus").asString()).isEqualTo(model.status.name());
        String escrowStatus = statement.json().get("escrow").get("status").asString();
        switch (model.status) {
            case PENDING_FUNDING -> assertThat(escrowStatus).isEqualTo("UNFUNDED");
            case CANCELLED -> assertThat(escrowStatus).isIn("UNFUNDED", "CANCELLED");
            case FUNDED, COMPLETION_SUBMITTED, DISPUTED ->
                assertThat(escrowStatus).isEqualTo("HELD");
            default -> assertThat(escrowStatus).isEqualTo(model.status.name());
        }
        boolean frozen = statement.json().get("escrow").get("frozen").asBoolean();
        assertThat(frozen).isEqualTo(model.status == ContractStatus.DISPUTED);
        if (Set.of(ContractStatus.RELEASED, ContractStatus.REFUNDED, ContractStatus.SPLIT)
                .contains(model.status)) {
            long released = statement
                    .json()
                    .get("escrow")
                    .get("released")
                    .get("amountMinor")
                    .asLong();
            long refunded = statement
                    .json()
                    .get("escrow")
                    .get("refunded")
                    .get("amountMinor")
                    .asLong();
            assertThat(released + refunded).isEqualTo(AMOUNT);
        }
    }

    private Response post(String path, SignedIn user, String json) {
        return post(path, user, json, null);
    }

    private Response post(String path, SignedIn user, String json, String idempotencyKey) {
        ApiClient.Request request = api.post(path).bearer(user.accessToken());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (json != null) {
            request.json(json);
        }
        return request.send();
    }

    private List<Response> raceFunding(Funded contract) {
        try {
            return EscrowRaceTest.race(
                    2,
                    i -> () -> escrow.fund(
                            homeowner, contract.contract(), UUID.randomUUID().toString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new contract between the shared homeowner and a contractor (a new one every 40, under the daily bid cap). */
    private Funded newContract() {
        if (contractor == null || contractsOfContractor == 40) {
            contractor = market.contractor();
            contractsOfContractor = 0;
        }
        contractsOfContractor++;
        UUID job = market.openJob(homeowner);
        UUID contract = market.contract(homeowner, market.bid(contractor, job, AMOUNT));
        return new Funded(homeowner, contractor, job, contract);
    }
}
