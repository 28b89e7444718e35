package com.fairtradeworker.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Random sequences of money operations on fresh contracts, against the real database and through HTTP where the route
 * exists: funding (also retried with the same key, and raced by two different keys), cancellation before funding,
 * completion and approval, auto-release by the approval clock, mutual cancellation (retried), disputes resolved by
 * release, refund or split, in any order. A small model of the contract says which steps must succeed and which must be
 * refused; after every step the contract and escrow states must match it and the ledger invariants must hold.
 *
 * <p>Each sequence comes from its own seed, printed with any failure so it can be replayed:
 * {@code -Descrow.sequences.seed=<seed> -Descrow.sequences.runs=1}. The suite runs {@value #DEFAULT_RUNS} sequences
 * from a random base seed; {@code -Descrow.sequences.runs=500} runs more by hand.
 */
@IntegrationTest
class EscrowSequencesPropertyTest {

    static final int DEFAULT_RUNS = 40;
    static final int MAX_STEPS = 9;
    static final long AMOUNT = 100_000;

    enum Step {
        FUND,
        FUND_RETRIED,
        FUND_RACED,
        CANCEL_UNFUNDED,
        SUBMIT_COMPLETION,
        APPROVE,
        APPROVAL_WINDOW_RELEASE,
        PROPOSE_CANCELLATION,
        ACCEPT_CANCELLATION,
        ACCEPT_CANCELLATION_RETRIED,
        OPEN_DISPUTE,
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
    ContractsApi contracts;

    @Autowired
    EscrowApi escrowApi;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TimerPoller timers;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    SignedIn homeowner;
    SignedIn contractor;
    int contractsOfContractor;

    @BeforeEach
    void parties() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        homeowner = market.homeowner();
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

    private void play(List<Action> actions) {
        Funded contract = newContract();
        Model model = new Model();
        LedgerInvariants invariants = new LedgerInvariants(db);
        Response lastMoneyResponse = null;
        String lastKey = null;
        String lastRoute = null;
        for (Action action : actions) {
            switch (action.step()) {
                case FUND -> {
                    lastKey = UUID.randomUUID().toString();
                    lastRoute = "fund";
                    lastMoneyResponse = escrow.fund(homeowner, contract.contract(), lastKey);
                    expect(lastMoneyResponse, model.fund());
                }
                case FUND_RETRIED, ACCEPT_CANCELLATION_RETRIED -> {
                    if (lastMoneyResponse != null) {
                        Response retried = "fund".equals(lastRoute)
                                ? escrow.fund(homeowner, contract.contract(), lastKey)
                                : accept(contract, lastKey);
                        if (lastMoneyResponse.status() == 200) {
                            // A stored success replays, whatever happened since.
                            assertThat(retried.status()).isEqualTo(200);
                            assertThat(retried.body()).isEqualTo(lastMoneyResponse.body());
                            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
                        } else {
                            // A refused request released its key: the retry is a new attempt.
                            expect(retried, "fund".equals(lastRoute) ? model.fund() : model.acceptCancellation());
                            lastMoneyResponse = retried;
                        }
                    }
                }
                case FUND_RACED -> {
                    boolean allowed = model.fund();
                    List<Response> raced = raceFunding(contract);
                    long won = raced.stream().filter(r -> r.status() == 200).count();
                    assertThat(won).isEqualTo(allowed ? 1 : 0);
                    assertThat(raced).allSatisfy(r -> assertThat(r.status()).isIn(200, 409));
                }
                case CANCEL_UNFUNDED ->
                    expect(
                            api.post("/api/contracts/" + contract.contract() + "/cancel")
                                    .bearer(homeowner.accessToken())
                                    .send(),
                            model.cancel());
                case SUBMIT_COMPLETION -> expect(() -> submitCompletion(contract), model.submit());
                case APPROVE ->
                    expect(
                            () -> escrowApi.release(contract.contract(), ExitCause.APPROVAL, homeowner.userId()),
                            model.approve());
                case APPROVAL_WINDOW_RELEASE ->
                    expect(
                            () -> escrowApi.release(contract.contract(), ExitCause.APPROVAL_WINDOW, null),
                            model.approve());
                case PROPOSE_CANCELLATION ->
                    expect(
                            api.post("/api/contracts/" + contract.contract() + "/cancellation-proposal")
                                    .bearer(contractor.accessToken())
                                    .send(),
                            model.propose());
                case ACCEPT_CANCELLATION -> {
                    lastKey = UUID.randomUUID().toString();
                    lastRoute = "accept";
                    lastMoneyResponse = accept(contract, lastKey);
                    expect(lastMoneyResponse, model.acceptCancellation());
                }
                case OPEN_DISPUTE ->
                    expect(
                            () -> {
                                contracts.moveTo(contract.contract(), ContractStatus.DISPUTED, homeowner.userId());
                                escrowApi.freeze(contract.contract(), homeowner.userId());
                                return null;
                            },
                            model.dispute());
                case RESOLVE_RELEASE ->
                    expect(
                            () -> escrowApi.release(contract.contract(), ExitCause.DISPUTE_RESOLUTION, null),
                            model.resolve(ContractStatus.RELEASED));
                case RESOLVE_REFUND ->
                    expect(
                            () -> escrowApi.refund(contract.contract(), ExitCause.DISPUTE_RESOLUTION, null),
                            model.resolve(ContractStatus.REFUNDED));
                case RESOLVE_SPLIT ->
                    expect(
                            () -> escrowApi.split(
                                    contract.contract(),
                                    Money.of(action.splitMinor(), "USD"),
                                    ExitCause.DISPUTE_RESOLUTION,
                                    null),
                            model.resolve(ContractStatus.SPLIT));
            }
            timers.fireDue();
            assertStateMatches(contract, model);
            invariants.assertHold();
        }
    }

    /** What the domain guide allows next; each method answers whether the step must succeed, and applies it. */
    static final class Model {
        ContractStatus status = ContractStatus.PENDING_FUNDING;
        boolean proposal;

        boolean fund() {
            return move(status == ContractStatus.PENDING_FUNDING, ContractStatus.FUNDED);
        }

        boolean cancel() {
            return move(status == ContractStatus.PENDING_FUNDING, ContractStatus.CANCELLED);
        }

        boolean submit() {
            return move(status == ContractStatus.FUNDED, ContractStatus.COMPLETION_SUBMITTED);
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
            return move(
                    status == ContractStatus.FUNDED || status == ContractStatus.COMPLETION_SUBMITTED,
                    ContractStatus.DISPUTED);
        }

        boolean resolve(ContractStatus outcome) {
            return move(status == ContractStatus.DISPUTED, outcome);
        }

        private boolean move(boolean allowed, ContractStatus next) {
            if (allowed) {
                status = next;
                proposal = false;
            }
            return allowed;
        }
    }

    private void expect(Response response, boolean allowed) {
        if (allowed) {
            assertThat(response.status()).as(response.body()).isBetween(200, 299);
        } else {
            assertThat(response.status()).as(response.body()).isEqualTo(409);
        }
    }

    private void expect(Supplier<Object> operation, boolean allowed) {
        try {
            transactions.execute(status -> operation.get());
            assertThat(allowed)
                    .as("the step succeeded but the model refuses it")
                    .isTrue();
        } catch (ProblemException refused) {
            assertThat(allowed).as("refused: " + refused.getMessage()).isFalse();
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

    /** What the completions module does on submission: only a FUNDED contract (a dispute's withdrawal is not this). */
    private Object submitCompletion(Funded contract) {
        if (contracts.lock(contract.contract()).orElseThrow().status() != ContractStatus.FUNDED) {
            throw new ProblemException(ProblemType.STATE_CONFLICT, "not FUNDED");
        }
        return contracts.moveTo(contract.contract(), ContractStatus.COMPLETION_SUBMITTED, contractor.userId());
    }

    private Response accept(Funded contract, String key) {
        return api.post("/api/contracts/" + contract.contract() + "/cancellation-proposal/accept")
                .bearer(homeowner.accessToken())
                .header("Idempotency-Key", key)
                .send();
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
