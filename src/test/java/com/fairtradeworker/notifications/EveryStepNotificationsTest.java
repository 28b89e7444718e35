package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.escrow.PaymentProvider;
import com.fairtradeworker.escrow.ProviderEvents;
import com.fairtradeworker.profiles.contractor.Credential;
import com.fairtradeworker.shared.Money;
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
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.support.TestServers;
import com.fairtradeworker.timers.TimerPoller;
import jakarta.mail.internet.MimeMessage;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every step of a job's life notifies the right person, with the right message, on each channel they left on and on
 * none they switched off: driven through the real routes (and the clocks, for the reminders), the after-commit
 * listeners, the outbox, real SMTP (GreenMail) and the Twilio stand-in (WireMock).
 *
 * <p>Each event is one parameterized test, run once per {@link Choice} the recipients make for the event's group
 * through {@code PUT /api/me/notification-preferences}; the rarer events, whose channels follow the same rules, run once
 * with the defaults, to keep the class fast. Every party has a phone number verified through the real
 * verification routes, so an SMS could reach any of them; the other party, who must get none of the recipient's
 * template, keeps every channel of the group on.
 */
@IntegrationTest
class EveryStepNotificationsTest {

    private static final String FRONTEND = "http://localhost:5173";
    private static final String TITLE = "\"Replace the water heater\""; // MarketplaceFixtures.openJob, quoted
    private static final String GREETING = "Hello Test User,";
    private static final String PREFERENCES_LINK = "Change what you receive: " + FRONTEND + "/settings/notifications";
    private static final Duration REMINDER_LEAD = Duration.ofDays(2); // app.completions.reminder-before
    private static final Duration DISPUTE_REMINDER_LEAD = Duration.ofDays(1); // app.disputes.response-reminder-before
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Pattern CODE = Pattern.compile("Your FairTradeWorker code is (\\d{6})\\.");

    /** What the recipients chose for the event's group before the event happened. */
    enum Choice {
        /** Nothing set: e-mail on, SMS as the group's default. */
        DEFAULTS(null, null),
        EMAIL_OFF(false, null),
        SMS_OFF(null, false),
        SMS_ON(null, true);

        private final Boolean email;
        private final Boolean sms;

        Choice(Boolean email, Boolean sms) {
            this.email = email;
            this.sms = sms;
        }

        boolean email() {
            return email == null || email;
        }

        boolean sms(NotificationGroup group) {
            return sms == null ? group.enabledByDefault(Channel.SMS) : sms;
        }
    }

    /** The choices worth trying for a group that sends SMS by default (CONTRACTS, PAYMENTS, COMPLETIONS, DISPUTES). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Choice.class,
            names = {"DEFAULTS", "EMAIL_OFF", "SMS_OFF"})
    @interface ForAnSmsGroup {}

    /** The choices worth trying for a group that sends e-mail only by default (BIDS, REVIEWS, CREDENTIALS). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Choice.class,
            names = {"DEFAULTS", "EMAIL_OFF", "SMS_ON"})
    @interface ForAnEmailGroup {}

    /** A user of the scenario and the phone number they verified. */
    record Party(SignedIn user, String phone) {
        UUID id() {
            return user.userId();
        }

        String email() {
            return user.email();
        }
    }

    /** A contract between two parties with verified phones. */
    record Deal(Party homeowner, Party contractor, UUID job, UUID contract) {
        String contractPath() {
            return "/contracts/" + contract;
        }
    }

    /**
     * One message for one person: its template, the e-mail's subject, what its text must say, the path of its one link
     * (under {@code FRONTEND_URL}), and the start of its SMS (null: the template has no SMS).
     */
    record Note(Party to, String template, String subject, String path, String sms, List<String> text) {
        Note to(Party someoneElse) {
            return new Note(someoneElse, template, subject, path, sms, text);
        }
    }

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    MailDispatcher mail;

    @Autowired
    SmsDispatcher sms;

    @Autowired
    TimerPoller timers;

    @Autowired
    SwitchablePaymentProvider payments;

    @Autowired
    ProviderEvents providerEvents;

    @Autowired
    TransactionTemplate transactions;

    private MarketplaceFixtures market;
    private EscrowFixtures escrow;
    private NotificationTestSupport support;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        support = new NotificationTestSupport(db);
    }

    @AfterEach
    void resetClockAndCheckMoney() {
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    // ---- Bids -------------------------------------------------------------------------------------------------------

    @ForAnEmailGroup
    void aNewBidTellsTheHomeownerAndNotTheBidder(Choice choice) {
        Party homeowner = withVerifiedPhone(market.homeowner());
        Party contractor = withVerifiedPhone(market.contractor());
        UUID job = market.openJob(homeowner.user());
        choose(choice, NotificationGroup.BIDS, homeowner);
        everythingOn(NotificationGroup.BIDS, contractor);

        UUID bid = market.bid(contractor.user(), job, 123_456);
        support.awaitHandled("BiddingNotifications", bid, 1); // BidSubmitted

        Note newBid = note(
                homeowner,
                "bidding.bid-received",
                "New bid on " + TITLE,
                "/jobs/" + job,
                "FairTradeWorker: new bid on " + TITLE + ".",
                "A contractor placed a bid on your job " + TITLE + ".");
        assertDelivered(choice, NotificationGroup.BIDS, newBid);
        assertNotDelivered(contractor, newBid);
    }

    @ForAnEmailGroup
    void anAcceptedBidTellsItsContractorAndNotTheHomeowner(Choice choice) {
        Party homeowner = withVerifiedPhone(market.homeowner());
        Party contractor = withVerifiedPhone(market.contractor());
        UUID job = market.openJob(homeowner.user());
        UUID bid = market.bid(contractor.user(), job, 99_000);
        choose(choice, NotificationGroup.BIDS, contractor);
        everythingOn(NotificationGroup.BIDS, homeowner);

        market.contract(homeowner.user(), bid);
        support.awaitHandled("BiddingNotifications", bid, 2); // BidSubmitted, BidAccepted

        Note accepted = note(
                contractor,
                "bidding.bid-accepted",
                "Your bid on " + TITLE + " was accepted",
                "/jobs/" + job,
                "FairTradeWorker: your bid on " + TITLE + " was accepted.",
                "Good news: the homeowner accepted your bid on " + TITLE + ".");
        assertDelivered(choice, NotificationGroup.BIDS, accepted);
        assertNotDelivered(homeowner, accepted);
    }

    @ForAnEmailGroup
    void aBidLosingToAnotherTellsOnlyItsContractorAndNeverBySms(Choice choice) {
        Party homeowner = withVerifiedPhone(market.homeowner());
        Party winner = withVerifiedPhone(market.contractor());
        Party loser = withVerifiedPhone(market.contractor());
        UUID job = market.openJob(homeowner.user());
        UUID winningBid = market.bid(winner.user(), job, 90_000);
        UUID losingBid = market.bid(loser.user(), job, 95_000);
        choose(choice, NotificationGroup.BIDS, loser);
        everythingOn(NotificationGroup.BIDS, homeowner, winner);

        market.contract(homeowner.user(), winningBid);
        support.awaitHandled("BiddingNotifications", losingBid, 2); // BidSubmitted, BidRejected
        support.awaitHandled("BiddingNotifications", winningBid, 2); // BidSubmitted, BidAccepted

        Note rejected = note(
                loser,
                "bidding.bid-rejected",
                "Your bid on " + TITLE + " was not accepted",
                "/jobs/" + job,
                null, // no SMS, even for someone who switched BIDS SMS on
                "Your bid on " + TITLE + " was not accepted: the homeowner accepted another bid. Thank you for"
                        + " bidding.");
        assertDelivered(choice, NotificationGroup.BIDS, rejected);
        assertNotDelivered(winner, rejected);
        assertNotDelivered(homeowner, rejected);
    }

    @Test
    void aJobNobodyAcceptedInTimeExpiresOnItsClockAndTellsItsHomeownerByEmailOnly() {
        clock.pinAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Party homeowner = withVerifiedPhone(market.homeowner());
        Party contractor = withVerifiedPhone(market.contractor());
        UUID job = market.publishedJobViaApi(homeowner.user()); // bidding for a week, its clock set by the routes
        UUID bid = market.bid(contractor.user(), job, 70_000);
        everythingOn(NotificationGroup.BIDS, contractor);

        clock.advance(Duration.ofDays(7 + 14)); // the deadline, then the acceptance window; stays pinned for the mail
        timers.fireDue();
        support.awaitHandled("BiddingNotifications", job, 3); // BidSubmitted, JobExpired, BidRejected
        support.awaitHandled("BiddingNotifications", bid, 2); // BidSubmitted, BidRejected

        String title = "\"Fix the leaking kitchen sink\""; // MarketplaceFixtures.publishedJobViaApi, quoted
        Note expired = note(
                homeowner,
                "jobs.job-expired",
                "Your job " + title + " expired",
                "/jobs/" + job,
                null, // no SMS
                "Your job " + title + " expired: no bid was accepted in time. Its bids are closed.");
        assertDelivered(Choice.DEFAULTS, NotificationGroup.BIDS, expired);
        assertNotDelivered(contractor, expired);
        Note rejected = note(
                contractor,
                "bidding.bid-rejected",
                "Your bid on " + title + " was not accepted",
                "/jobs/" + job,
                null,
                "Your bid on " + title + " was not accepted: the job expired before any bid was accepted.");
        assertDelivered(Choice.SMS_ON, NotificationGroup.BIDS, rejected); // everything on, and still no SMS
        assertNotDelivered(homeowner, rejected);
    }

    // ---- Contracts and escrow ---------------------------------------------------------------------------------------

    @ForAnSmsGroup
    void aNewContractAsksTheHomeownerToFundEscrow(Choice choice) {
        Party homeowner = withVerifiedPhone(market.homeowner());
        Party contractor = withVerifiedPhone(market.contractor());
        UUID job = market.openJob(homeowner.user());
        UUID bid = market.bid(contractor.user(), job, 123_456);
        choose(choice, NotificationGroup.CONTRACTS, homeowner);
        everythingOn(NotificationGroup.CONTRACTS, contractor);

        UUID contract = market.contract(homeowner.user(), bid);
        support.awaitHandled("ContractNotifications", contract, 1); // ContractCreated

        Note fundIt = note(
                homeowner,
                "contracts.awaiting-funding",
                "Fund escrow for " + TITLE,
                "/contracts/" + contract,
                "FairTradeWorker: fund escrow for " + TITLE + " so the work can start.",
                "You accepted a bid of $1,234.56 for " + TITLE + ". The contract now waits for you to fund escrow");
        assertDelivered(choice, NotificationGroup.CONTRACTS, fundIt);
        assertNotDelivered(contractor, fundIt);
    }

    @ForAnSmsGroup
    void fundedEscrowTellsBothPartiesTheirOwnSide(Choice choice) {
        Deal deal = deal(escrow.pendingContract(250_000));
        choose(choice, NotificationGroup.PAYMENTS, deal.homeowner(), deal.contractor());

        fund(deal);
        support.awaitHandled("PaymentNotifications", deal.contract(), 1); // EscrowFunded

        String sms = "FairTradeWorker: escrow is funded for " + TITLE + ".";
        Note homeownerSide = note(
                deal.homeowner(),
                "escrow.funded",
                "Escrow funded for " + TITLE,
                deal.contractPath(),
                sms,
                "Your payment of $2,500.00 for " + TITLE + " is held in escrow.");
        Note contractorSide = note(
                deal.contractor(),
                "escrow.funded",
                "Escrow funded for " + TITLE,
                deal.contractPath(),
                sms,
                "The homeowner funded escrow with $2,500.00 for " + TITLE
                        + ": the money is held for you and the work can start.");
        assertDelivered(choice, NotificationGroup.PAYMENTS, homeownerSide, contractorSide);
        if (choice.email()) {
            assertThat(textOf(homeownerSide)).doesNotContain("The homeowner funded escrow");
            assertThat(textOf(contractorSide)).doesNotContain("Your payment");
        }
    }

    // ---- Completions ------------------------------------------------------------------------------------------------

    @ForAnSmsGroup
    void submittedWorkAsksTheHomeownerToDecideBeforeTheAutomaticApproval(Choice choice) {
        Deal deal = deal(escrow.fundedContract(150_000));
        choose(choice, NotificationGroup.COMPLETIONS, deal.homeowner());
        everythingOn(NotificationGroup.COMPLETIONS, deal.contractor());

        JsonNode completion = submitWork(deal);
        UUID completionId = UUID.fromString(completion.get("id").asString());
        String autoApproves =
                WHEN.format(Instant.parse(completion.get("autoApprovesAt").asString()));
        support.awaitHandled("CompletionNotifications", completionId, 1); // CompletionSubmitted

        Note submitted = note(
                deal.homeowner(),
                "completions.submitted",
                "Work on " + TITLE + " is ready for your approval",
                deal.contractPath(),
                "FairTradeWorker: work on " + TITLE + " is ready for approval; approved automatically on "
                        + autoApproves + ".",
                "The contractor reports the work on " + TITLE + " as complete (0 evidence files attached).",
                "If you do neither, the work is approved automatically on " + autoApproves + ".");
        assertDelivered(choice, NotificationGroup.COMPLETIONS, submitted);
        assertNotDelivered(deal.contractor(), submitted);
    }

    @ForAnSmsGroup
    void requestedChangesTellTheContractorAndNotTheHomeowner(Choice choice) {
        Deal deal = deal(escrow.fundedContract(150_000));
        choose(choice, NotificationGroup.COMPLETIONS, deal.contractor());
        everythingOn(NotificationGroup.COMPLETIONS, deal.homeowner());
        UUID completion = UUID.fromString(submitWork(deal).get("id").asString());

        Response changes = api.post("/api/contracts/" + deal.contract() + "/completion/changes")
                .bearer(deal.homeowner().user().accessToken())
                .json("{\"reason\": \"The pressure valve still drips.\"}")
                .send();
        assertThat(changes.status()).as(changes.body()).isEqualTo(200);
        support.awaitHandled("CompletionNotifications", completion, 2); // CompletionSubmitted, ChangesRequested

        Note changesRequested = note(
                deal.contractor(),
                "completions.changes-requested",
                "Changes requested on " + TITLE,
                deal.contractPath(),
                "FairTradeWorker: the homeowner requested changes on " + TITLE + ".",
                "The homeowner asked for changes to the work on " + TITLE + ".");
        assertDelivered(choice, NotificationGroup.COMPLETIONS, changesRequested);
        assertNotDelivered(deal.homeowner(), changesRequested);
    }

    @ForAnSmsGroup
    void theApprovalClockRemindsTheHomeownerBeforeItApprovesAutomatically(Choice choice) {
        Deal deal = deal(escrow.fundedContract(150_000));
        choose(choice, NotificationGroup.COMPLETIONS, deal.homeowner());
        everythingOn(NotificationGroup.COMPLETIONS, deal.contractor());
        clock.pinAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        JsonNode completion = submitWork(deal);
        UUID completionId = UUID.fromString(completion.get("id").asString());
        Instant autoApprovesAt = Instant.parse(completion.get("autoApprovesAt").asString());

        clock.pinAt(autoApprovesAt.minus(REMINDER_LEAD)); // stays pinned: its mail is due at that time
        timers.fireDue();
        support.awaitHandled("CompletionNotifications", completionId, 2); // CompletionSubmitted, AutoApprovalReminder

        String when = WHEN.format(autoApprovesAt);
        Note reminder = note(
                deal.homeowner(),
                "completions.auto-approval-reminder",
                TITLE + " will be approved automatically soon",
                deal.contractPath(),
                "FairTradeWorker: " + TITLE + " is approved automatically on " + when + " unless you act.",
                "The work on " + TITLE + " waits for your decision. On " + when
                        + " it is approved automatically and the escrow is released to the contractor.");
        assertDelivered(choice, NotificationGroup.COMPLETIONS, reminder);
        assertNotDelivered(deal.contractor(), reminder);
    }

    // ---- Money leaving escrow ---------------------------------------------------------------------------------------

    @ForAnSmsGroup
    void approvalTellsBothPartiesTheMoneyWasReleased(Choice choice) {
        Deal deal = deal(escrow.fundedContract(200_000));
        choose(choice, NotificationGroup.PAYMENTS, deal.homeowner(), deal.contractor());

        submitWork(deal);
        approve(deal);
        support.awaitHandled("PaymentNotifications", deal.contract(), 2); // EscrowFunded, EscrowExited

        String sms = "FairTradeWorker: Money released for " + TITLE + ".";
        Note contractorSide = note(
                deal.contractor(),
                "escrow.released",
                "Money released for " + TITLE,
                deal.contractPath(),
                sms,
                "for " + TITLE + " was released to you (the platform fee of $100.00 is already taken off).");
        Note homeownerSide = note(
                deal.homeowner(),
                "escrow.released",
                "Money released for " + TITLE,
                deal.contractPath(),
                sms,
                "The money held for " + TITLE + " was released to the contractor: the work was approved.");
        assertDelivered(choice, NotificationGroup.PAYMENTS, contractorSide, homeownerSide);
        if (choice.email()) {
            // $2,000.00 held, 5 % fee: $1,900.00 reaches the contractor (the approval's contractorReceives and the
            // payout). The mail says the fee "is already taken off", so the amount before it must be the net one.
            assertThat(textOf(contractorSide))
                    .as("the release mail names what reaches the contractor, after the fee")
                    .contains("$1,900.00 for " + TITLE + " was released to you")
                    .doesNotContain("$2,000.00");
        }
    }

    @ForAnSmsGroup
    void aContractCancelledBeforeFundingTellsBothParties(Choice choice) {
        Deal deal = deal(escrow.pendingContract(60_000));
        choose(choice, NotificationGroup.CONTRACTS, deal.homeowner(), deal.contractor());

        Response cancelled = api.post("/api/contracts/" + deal.contract() + "/cancel")
                .bearer(deal.homeowner().user().accessToken())
                .send();
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        support.awaitHandled("ContractNotifications", deal.contract(), 2); // ContractCreated, ContractCancelled

        List<Note> told = new ArrayList<>();
        for (Party party : List.of(deal.homeowner(), deal.contractor())) {
            told.add(note(
                    party,
                    "contracts.cancelled",
                    "Contract for " + TITLE + " cancelled",
                    deal.contractPath(),
                    "FairTradeWorker: the contract for " + TITLE + " was cancelled.",
                    "The contract for " + TITLE
                            + " was cancelled: the homeowner cancelled it before funding escrow. No money was taken."));
        }
        assertDelivered(choice, NotificationGroup.CONTRACTS, told.toArray(Note[]::new));
    }

    @ForAnSmsGroup
    void mutualCancellationTellsBothPartiesTheEscrowWasRefunded(Choice choice) {
        Deal deal = deal(escrow.fundedContract(80_000));
        choose(choice, NotificationGroup.PAYMENTS, deal.homeowner(), deal.contractor());

        Response proposed = api.post("/api/contracts/" + deal.contract() + "/cancellation-proposal")
                .bearer(deal.contractor().user().accessToken())
                .send();
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
        Response accepted = api.post("/api/contracts/" + deal.contract() + "/cancellation-proposal/accept")
                .bearer(deal.homeowner().user().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send();
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        support.awaitHandled("PaymentNotifications", deal.contract(), 2); // EscrowFunded, EscrowExited

        String sms = "FairTradeWorker: Escrow refunded for " + TITLE + ".";
        Note homeownerSide = note(
                deal.homeowner(),
                "escrow.refunded",
                "Escrow refunded for " + TITLE,
                deal.contractPath(),
                sms,
                "$800.00 held for " + TITLE + " is being refunded to you: both parties agreed to cancel the contract.");
        Note contractorSide = note(
                deal.contractor(),
                "escrow.refunded",
                "Escrow refunded for " + TITLE,
                deal.contractPath(),
                sms,
                "The escrow for " + TITLE
                        + " was refunded to the homeowner ($800.00): both parties agreed to cancel the contract.");
        assertDelivered(choice, NotificationGroup.PAYMENTS, homeownerSide, contractorSide);
    }

    @ForAnSmsGroup
    void aPayoutWaitsForAPayoutAccountAndIsReportedPaidOnceOneIsConnected(Choice choice) {
        Deal deal = deal(escrow.fundedContract(200_000)); // the contractor never connected a payout account
        choose(choice, NotificationGroup.PAYMENTS, deal.contractor());
        everythingOn(NotificationGroup.PAYMENTS, deal.homeowner());
        submitWork(deal);
        approve(deal);

        timers.fireDue(); // the payout falls due at once and finds no payout account
        // EscrowFunded, EscrowExited, PayoutWaitingForAccount
        support.awaitHandled("PaymentNotifications", deal.contract(), 3);

        Note addAccount = note(
                deal.contractor(),
                "escrow.payout-waiting",
                "Add a payout account to receive $1,900.00",
                "/settings/payouts",
                "FairTradeWorker: $1,900.00 is waiting for you. Add a payout account to receive it.",
                "$1,900.00 for " + TITLE + " is ready to be paid to you, but your account has no payout account");
        assertDelivered(choice, NotificationGroup.PAYMENTS, addAccount);
        assertNotDelivered(deal.homeowner(), addAccount);

        Response connected = api.post("/api/me/payout-account")
                .bearer(deal.contractor().user().accessToken())
                .send();
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        timers.fireDue(); // the waiting payout is due again, and now paid
        support.awaitHandled("PaymentNotifications", deal.contract(), 4); // ... and PayoutPaid

        Note paid = note(
                deal.contractor(),
                "escrow.payout-paid",
                "Payout of $1,900.00 sent",
                deal.contractPath(),
                null, // e-mail only
                "We sent $1,900.00 for " + TITLE + " to your payout account.");
        assertDelivered(choice, NotificationGroup.PAYMENTS, paid);
        assertNotDelivered(deal.homeowner(), paid);
    }

    @Test
    void aPaymentThatSucceedsAfterItsContractWasCancelledTellsTheHomeownerItIsRefunded() {
        Deal deal = deal(escrow.pendingContract(30_000));
        everythingOn(NotificationGroup.PAYMENTS, deal.contractor());
        UUID payment;
        payments.use(new StillProcessing()); // the payer's bank takes its time: the payment stays PROCESSING
        try {
            Response funding = escrow.fund(
                    deal.homeowner().user(), deal.contract(), UUID.randomUUID().toString());
            assertThat(funding.status()).as(funding.body()).isEqualTo(200);
            assertThat(funding.json().get("payment").get("status").asString()).isEqualTo("PROCESSING");
            payment = UUID.fromString(funding.json().get("payment").get("id").asString());
        } finally {
            payments.reset();
        }
        Response cancelled = api.post("/api/contracts/" + deal.contract() + "/cancel")
                .bearer(deal.homeowner().user().accessToken())
                .send();
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        // The provider's word arrives after the cancellation, as its webhook would bring it.
        transactions.executeWithoutResult(status -> providerEvents.recordPaymentOutcome(
                payment,
                new PaymentProvider.Payment(
                        "sim_pi_late_" + payment,
                        PaymentProvider.PaymentStatus.SUCCEEDED,
                        Money.of(30_000, "USD"),
                        null,
                        "sim_ch_late_" + payment,
                        null)));
        timers.fireDue(); // the refund goes out
        support.awaitHandled("PaymentNotifications", deal.contract(), 1); // LatePaymentRefunded

        Note refunded = note(
                deal.homeowner(),
                "escrow.late-payment-refunded",
                "Your late payment is being refunded",
                deal.contractPath(),
                null, // e-mail only
                "A payment of $300.00 for " + TITLE + " arrived after the contract no longer waited for it, so we are"
                        + " refunding it in full to the card or account it came from.");
        assertDelivered(Choice.DEFAULTS, NotificationGroup.PAYMENTS, refunded);
        assertNotDelivered(deal.contractor(), refunded);
        Note escrowRefunded = note(
                deal.homeowner(),
                "escrow.refunded",
                "Escrow refunded for " + TITLE,
                deal.contractPath(),
                "FairTradeWorker: Escrow refunded for " + TITLE + ".");
        assertNotDelivered(deal.homeowner(), escrowRefunded); // one message for the late payment, not two
    }

    // escrow.split has no test: only a dispute's decision splits an escrow (EscrowApi.split is called from
    // DisputeResolutions alone; approval releases, mutual cancellation refunds), and for a dispute's exit the dispute's
    // own message says where the money went (aSplitDecisionTellsBothParties... below).

    // ---- Disputes ---------------------------------------------------------------------------------------------------

    @ForAnSmsGroup
    void anOpenedDisputeConfirmsToTheOpenerAndAsksTheOtherPartyToRespondInTime(Choice choice) {
        Deal deal = deal(escrow.fundedContract(90_000));
        choose(choice, NotificationGroup.DISPUTES, deal.homeowner(), deal.contractor());

        JsonNode dispute = openDispute(deal);
        UUID disputeId = UUID.fromString(dispute.get("id").asString());
        String due = WHEN.format(Instant.parse(dispute.get("responseDueAt").asString()));
        support.awaitHandled("DisputeNotifications", disputeId, 1); // DisputeOpened

        Note confirmation = note(
                deal.homeowner(),
                "disputes.opened",
                "Your dispute on " + TITLE + " is open",
                "/disputes/" + disputeId,
                null, // the opener knows: no SMS
                "Your dispute on " + TITLE + " is open and the escrow is frozen. The other party has until " + due
                        + " to respond");
        Note respondBy = note(
                deal.contractor(),
                "disputes.response-due",
                "A dispute was opened on " + TITLE + ": respond by " + due,
                "/disputes/" + disputeId,
                "FairTradeWorker: a dispute was opened on " + TITLE + ". Respond by " + due + ".",
                "The other party opened a dispute on " + TITLE + " (reason: poor quality) and the escrow is frozen.",
                "Please respond by " + due + ".");
        assertDelivered(choice, NotificationGroup.DISPUTES, confirmation, respondBy);
        assertNotDelivered(deal.contractor(), confirmation);
        assertNotDelivered(deal.homeowner(), respondBy);
    }

    @ForAnSmsGroup
    void aResolvedDisputeTellsBothPartiesWhereTheMoneyWentAndNoEscrowMessageRepeatsIt(Choice choice) {
        Deal deal = deal(escrow.fundedContract(90_000));
        choose(choice, NotificationGroup.DISPUTES, deal.homeowner(), deal.contractor());
        UUID disputeId = UUID.fromString(openDispute(deal).get("id").asString());
        Response responded = api.post("/api/disputes/" + disputeId + "/response")
                .bearer(deal.contractor().user().accessToken())
                .json("{\"statement\": \"The valve was faulty from the factory.\"}")
                .send();
        assertThat(responded.status()).as(responded.body()).isEqualTo(200);

        Response resolved = api.post("/api/admin/disputes/" + disputeId + "/resolution")
                .bearer(accounts.admin().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json("{\"outcome\": \"REFUND\", \"reason\": \"The work was not finished.\"}")
                .send();
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        support.awaitHandled("DisputeNotifications", disputeId, 3); // opened, responded, resolved
        support.awaitHandled("PaymentNotifications", deal.contract(), 2); // EscrowFunded, EscrowExited

        List<Note> decided = new ArrayList<>();
        for (Party party : List.of(deal.homeowner(), deal.contractor())) {
            decided.add(note(
                    party,
                    "disputes.resolved",
                    "The dispute on " + TITLE + " was decided",
                    "/disputes/" + disputeId,
                    "FairTradeWorker: the dispute on " + TITLE + " was decided.",
                    "An administrator decided the dispute on " + TITLE
                            + ": the escrow is refunded in full to the homeowner."));
        }
        assertDelivered(choice, NotificationGroup.DISPUTES, decided.toArray(Note[]::new));
        Note escrowRefunded = note(
                deal.homeowner(),
                "escrow.refunded",
                "Escrow refunded for " + TITLE,
                deal.contractPath(),
                "FairTradeWorker: Escrow refunded for " + TITLE + ".");
        assertNotDelivered(deal.homeowner(), escrowRefunded); // PAYMENTS left at its defaults: e-mail and SMS
        assertNotDelivered(deal.contractor(), escrowRefunded);
    }

    @Test
    void aResponseToADisputeTellsItsOpenerByEmailOnly() {
        Deal deal = deal(escrow.fundedContract(90_000));
        everythingOn(NotificationGroup.DISPUTES, deal.contractor());
        UUID disputeId = UUID.fromString(openDispute(deal).get("id").asString());

        respond(deal, disputeId);
        support.awaitHandled("DisputeNotifications", disputeId, 2); // DisputeOpened, DisputeResponded

        Note responded = note(
                deal.homeowner(),
                "disputes.responded",
                "The other party responded to your dispute on " + TITLE,
                "/disputes/" + disputeId,
                null, // no SMS
                "The other party responded to your dispute on " + TITLE
                        + ". An administrator will now review the dispute and decide.");
        assertDelivered(Choice.DEFAULTS, NotificationGroup.DISPUTES, responded);
        assertNotDelivered(deal.contractor(), responded);
    }

    @Test
    void aWithdrawnDisputeTellsTheOtherPartyAndNotTheOpener() {
        Deal deal = deal(escrow.fundedContract(90_000));
        everythingOn(NotificationGroup.DISPUTES, deal.homeowner());
        UUID disputeId = UUID.fromString(openDispute(deal).get("id").asString());

        Response withdrawn = api.post("/api/disputes/" + disputeId + "/withdraw")
                .bearer(deal.homeowner().user().accessToken())
                .send();
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        support.awaitHandled("DisputeNotifications", disputeId, 2); // DisputeOpened, DisputeWithdrawn

        Note told = note(
                deal.contractor(),
                "disputes.withdrawn",
                "The dispute on " + TITLE + " was withdrawn",
                "/disputes/" + disputeId,
                "FairTradeWorker: the dispute on " + TITLE + " was withdrawn.",
                "The dispute on " + TITLE
                        + " was withdrawn. The contract continues where it was, and its clocks run again.");
        assertDelivered(Choice.DEFAULTS, NotificationGroup.DISPUTES, told); // DISPUTES: e-mail and SMS
        assertNotDelivered(deal.homeowner(), told);
    }

    @ForAnSmsGroup
    void anUnansweredDisputeRemindsTheOtherPartyADayBeforeItsResponseWindowCloses(Choice choice) {
        Deal deal = deal(escrow.fundedContract(90_000));
        choose(choice, NotificationGroup.DISPUTES, deal.contractor());
        everythingOn(NotificationGroup.DISPUTES, deal.homeowner());
        clock.pinAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        JsonNode dispute = openDispute(deal);
        UUID disputeId = UUID.fromString(dispute.get("id").asString());
        Instant responseDueAt = Instant.parse(dispute.get("responseDueAt").asString());

        clock.advance(Duration.ofDays(4)); // 4 of the 5 days; stays pinned: its mail is due at that time
        assertThat(clock.instant()).isEqualTo(responseDueAt.minus(DISPUTE_REMINDER_LEAD));
        timers.fireDue();
        support.awaitHandled("DisputeNotifications", disputeId, 2); // DisputeOpened, DisputeResponseDue

        String due = WHEN.format(responseDueAt);
        Note reminder = note(
                deal.contractor(),
                "disputes.response-reminder",
                "Reminder: respond to the dispute on " + TITLE + " by " + due,
                "/disputes/" + disputeId,
                "FairTradeWorker: reminder, respond to the dispute on " + TITLE + " by " + due + ".",
                "The dispute on " + TITLE + " still waits for your response. Please respond by " + due + ":");
        assertDelivered(choice, NotificationGroup.DISPUTES, reminder);
        assertNotDelivered(deal.homeowner(), reminder);
    }

    @Test
    void aSplitDecisionTellsBothPartiesHowTheEscrowWasDividedAndNoEscrowMessageRepeatsIt() {
        Deal deal = deal(escrow.fundedContract(90_000));
        UUID disputeId = UUID.fromString(openDispute(deal).get("id").asString());
        respond(deal, disputeId);

        Response resolved = api.post("/api/admin/disputes/" + disputeId + "/resolution")
                .bearer(accounts.admin().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .json("""
                        {"outcome": "SPLIT", "splitToContractor": {"amountMinor": 60000, "currency": "USD"},
                         "reason": "Half of the work was done well."}
                        """)
                .send();
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        support.awaitHandled("DisputeNotifications", disputeId, 3); // opened, responded, resolved
        support.awaitHandled("PaymentNotifications", deal.contract(), 2); // EscrowFunded, EscrowExited

        List<Note> decided = new ArrayList<>();
        for (Party party : List.of(deal.homeowner(), deal.contractor())) {
            decided.add(note(
                    party,
                    "disputes.resolved",
                    "The dispute on " + TITLE + " was decided",
                    "/disputes/" + disputeId,
                    "FairTradeWorker: the dispute on " + TITLE + " was decided.",
                    "An administrator decided the dispute on " + TITLE + ": the escrow is split: $600.00 to the"
                            + " contractor (less the platform fee on it), the rest refunded to the homeowner."));
        }
        assertDelivered(Choice.DEFAULTS, NotificationGroup.DISPUTES, decided.toArray(Note[]::new));
        Note escrowSplit = note(
                deal.homeowner(),
                "escrow.split",
                "Escrow split for " + TITLE,
                deal.contractPath(),
                "FairTradeWorker: Escrow split for " + TITLE + ".");
        assertNotDelivered(deal.homeowner(), escrowSplit); // PAYMENTS left at its defaults: e-mail and SMS
        assertNotDelivered(deal.contractor(), escrowSplit);
    }

    // ---- Reviews ----------------------------------------------------------------------------------------------------

    @ForAnEmailGroup
    void publishedReviewsTellEachSubjectAboutTheirReviewAndEachAuthorAboutTheirOwn(Choice choice) {
        Deal deal = deal(escrow.fundedContract(120_000));
        submitWork(deal);
        approve(deal);
        choose(choice, NotificationGroup.REVIEWS, deal.homeowner(), deal.contractor());

        UUID homeownersReview = review(deal.homeowner(), deal, 5, "Careful, tidy work.");
        UUID contractorsReview = review(deal.contractor(), deal, 4, "Clear brief, paid promptly."); // publishes both
        support.awaitHandled("ReviewNotifications", homeownersReview, 1); // ReviewPublished
        support.awaitHandled("ReviewNotifications", contractorsReview, 1); // ReviewPublished

        Note aboutContractor = aboutYou(deal.contractor(), deal, 5);
        Note aboutHomeowner = aboutYou(deal.homeowner(), deal, 4);
        assertDelivered(
                choice,
                NotificationGroup.REVIEWS,
                aboutContractor,
                aboutHomeowner,
                yoursPublished(deal.homeowner(), deal),
                yoursPublished(deal.contractor(), deal));
        if (choice.email()) {
            assertThat(emailRow(aboutContractor).get("dedupe_key"))
                    .as("the contractor hears of the homeowner's review")
                    .isEqualTo("reviews.published-about-you:" + homeownersReview + ":"
                            + deal.contractor().id() + ":EMAIL");
            assertThat(emailRow(aboutHomeowner).get("dedupe_key"))
                    .as("the homeowner hears of the contractor's review")
                    .isEqualTo("reviews.published-about-you:" + contractorsReview + ":"
                            + deal.homeowner().id() + ":EMAIL");
        }
    }

    // ---- Credentials ------------------------------------------------------------------------------------------------

    @ForAnEmailGroup
    void anExpiringLicenceRemindsItsContractorByEmailOnly(Choice choice) {
        clock.pinAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate licenceExpiresOn = today.plusDays(40);
        SignedIn user = accounts.verifiedUser("CONTRACTOR");
        saveContractorProfile(user, licenceExpiresOn, today.plusDays(400));
        Party contractor = withVerifiedPhone(user); // after the profile, which sets the account's phone
        Party colleague = withVerifiedPhone(market.contractor()); // a licence valid for another year
        choose(choice, NotificationGroup.CREDENTIALS, contractor);
        everythingOn(NotificationGroup.CREDENTIALS, colleague);

        clock.pinAt(Credential.expiryMoment(licenceExpiresOn).minus(Duration.ofDays(30)));
        timers.fireDue(); // profiles enqueues the reminder itself, in the timer's transaction

        Note reminder = new Note(
                contractor,
                "profiles.credential-reminder",
                "Your licence expires in 30 days",
                "/contractor/profile",
                null, // profiles' direct mails never go by SMS
                List.of(
                        GREETING,
                        "The licence on your FairTradeWorker profile is valid until " + licenceExpiresOn
                                + ", 30 days from now."));
        assertDelivered(choice, NotificationGroup.CREDENTIALS, reminder);
        assertNotDelivered(colleague, reminder);
    }

    @Test
    void anExpiredLicenceDropsTheBadgeAndTellsItsContractorByEmailOnly() {
        clock.pinAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate licenceExpiresOn = today.plusDays(5); // within 7 days: no reminder is set any more
        SignedIn user = accounts.verifiedUser("CONTRACTOR");
        saveContractorProfile(user, licenceExpiresOn, today.plusDays(400));
        verify(user, licenceExpiresOn, today.plusDays(400));
        Party contractor = withVerifiedPhone(user); // after the profile, which sets the account's phone
        Party colleague = withVerifiedPhone(market.contractor()); // a licence valid for another year
        everythingOn(NotificationGroup.CREDENTIALS, colleague);

        clock.pinAt(Credential.expiryMoment(licenceExpiresOn)); // stays pinned: its mail is due at that time
        timers.fireDue(); // profiles drops the badge and enqueues the mail itself, in the timer's transaction

        Response profile = api.get("/api/contractors/" + contractor.id()).send();
        assertThat(profile.status()).as(profile.body()).isEqualTo(200);
        assertThat(profile.json().get("verified").asBoolean()).as("the badge").isFalse();
        Note dropped = new Note(
                contractor,
                "profiles.badge-expired",
                "Your verification badge was removed",
                "/contractor/profile",
                null, // profiles' direct mails never go by SMS
                List.of(
                        GREETING,
                        "The licence on your FairTradeWorker profile expired on " + licenceExpiresOn
                                + ", so your verification badge was removed."));
        assertDelivered(Choice.DEFAULTS, NotificationGroup.CREDENTIALS, dropped);
        assertNotDelivered(colleague, dropped);
    }

    // ---- Steps ------------------------------------------------------------------------------------------------------

    private Deal deal(Funded contract) {
        return new Deal(
                withVerifiedPhone(contract.homeowner()),
                withVerifiedPhone(contract.contractor()),
                contract.job(),
                contract.contract());
    }

    /** Gives the account a phone number and verifies it with the code the Twilio stand-in received. */
    private Party withVerifiedPhone(SignedIn user) {
        String phone = NotificationTestSupport.uniquePhone();
        support.setPhone(user.userId(), phone);
        Response sent = api.post("/api/me/phone-verification")
                .bearer(user.accessToken())
                .send();
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        sms.dispatchDue();
        List<String> texts = smsTo(phone);
        assertThat(texts).as("the code SMS").hasSize(1);
        Matcher code = CODE.matcher(texts.get(0));
        assertThat(code.find()).as(texts.get(0)).isTrue();
        Response confirmed = api.post("/api/me/phone-verification/confirm")
                .bearer(user.accessToken())
                .json("{\"code\": \"" + code.group(1) + "\"}")
                .send();
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        return new Party(user, phone);
    }

    /** The parties' choice for the group, through the preferences route (nothing to send for the defaults). */
    private void choose(Choice choice, NotificationGroup group, Party... parties) {
        if (choice == Choice.DEFAULTS) {
            return;
        }
        for (Party party : parties) {
            setPreferences(party, group, choice.email, choice.sms);
        }
    }

    /** Every channel of the group on, so a message misdirected to this party would show on both. */
    private void everythingOn(NotificationGroup group, Party... parties) {
        for (Party party : parties) {
            setPreferences(party, group, true, true);
        }
    }

    private void setPreferences(Party party, NotificationGroup group, Boolean email, Boolean smsOn) {
        String channels = (email == null ? "" : ", \"email\": " + email) + (smsOn == null ? "" : ", \"sms\": " + smsOn);
        Response response = api.put("/api/me/notification-preferences")
                .bearer(party.user().accessToken())
                .json("{\"groups\": [{\"group\": \"%s\"%s}]}".formatted(group, channels))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("phone").get("verified").asBoolean()).isTrue();
        JsonNode groups = body.get("groups");
        for (int i = 0; i < groups.size(); i++) {
            if (groups.get(i).get("group").asString().equals(group.name())) {
                assertThat(groups.get(i).get("email").asBoolean()).isEqualTo(email == null || email);
                assertThat(groups.get(i).get("sms").asBoolean())
                        .isEqualTo(smsOn == null ? group.enabledByDefault(Channel.SMS) : smsOn);
                return;
            }
        }
        throw new AssertionError("no " + group + " in " + body);
    }

    private void fund(Deal deal) {
        Response funded = escrow.fund(
                deal.homeowner().user(), deal.contract(), UUID.randomUUID().toString());
        assertThat(funded.status()).as(funded.body()).isEqualTo(200);
    }

    /** The contractor submits the work without files; answers the submission. */
    private JsonNode submitWork(Deal deal) {
        Response submitted = api.post("/api/contracts/" + deal.contract() + "/completion")
                .bearer(deal.contractor().user().accessToken())
                .json("{\"summary\": \"Heater replaced and tested.\"}")
                .send();
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        return submitted.json();
    }

    private void approve(Deal deal) {
        Response approved = api.post("/api/contracts/" + deal.contract() + "/completion/approve")
                .bearer(deal.homeowner().user().accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .send();
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    }

    /** The homeowner disputes the work and asks for a refund; answers the dispute. */
    private JsonNode openDispute(Deal deal) {
        Response opened = api.post("/api/contracts/" + deal.contract() + "/disputes")
                .bearer(deal.homeowner().user().accessToken())
                .json("""
                        {"reason": "POOR_QUALITY", "desiredOutcome": "REFUND",
                         "statement": "The new heater leaks at the pressure valve."}
                        """)
                .send();
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json();
    }

    /** The contractor responds to the homeowner's dispute. */
    private void respond(Deal deal, UUID disputeId) {
        Response responded = api.post("/api/disputes/" + disputeId + "/response")
                .bearer(deal.contractor().user().accessToken())
                .json("{\"statement\": \"The valve was faulty from the factory.\"}")
                .send();
        assertThat(responded.status()).as(responded.body()).isEqualTo(200);
    }

    private UUID review(Party author, Deal deal, int rating, String text) {
        Response reviewed = api.post("/api/contracts/" + deal.contract() + "/review")
                .bearer(author.user().accessToken())
                .json("{\"rating\": %d, \"text\": \"%s\"}".formatted(rating, text))
                .send();
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(201);
        return UUID.fromString(reviewed.json().get("id").asString());
    }

    private void saveContractorProfile(SignedIn contractor, LocalDate licenceExpiresOn, LocalDate insuranceExpiresOn) {
        Response saved = api.put("/api/me/contractor-profile")
                .bearer(contractor.accessToken())
                .json("""
                        {"businessName": "Reliable Repairs", "trades": ["plumbing", "electrical"],
                         "serviceArea": {"latitude": 40.7128, "longitude": -74.006, "radiusKm": 50},
                         "licence": {"number": "LIC-12345", "region": "NY", "expiresOn": "%s"},
                         "insurance": {"provider": "Acme Mutual", "expiresOn": "%s"},
                         "bio": "Twenty years of pipes.", "yearsExperience": 20}
                        """.formatted(licenceExpiresOn, insuranceExpiresOn))
                .send();
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    /** Submits the profile's licence and insurance for verification, and an admin verifies them. */
    private void verify(SignedIn contractor, LocalDate licenceExpiresOn, LocalDate insuranceExpiresOn) {
        Response submitted = api.post("/api/me/contractor-profile/verification")
                .bearer(contractor.accessToken())
                .json("""
                        {"licence": {"number": "LIC-12345", "region": "NY", "expiresOn": "%s"},
                         "insurance": {"provider": "Acme Mutual", "expiresOn": "%s"}}
                        """.formatted(licenceExpiresOn, insuranceExpiresOn))
                .send();
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        Response decided = api.post("/api/admin/contractors/" + contractor.userId() + "/verification")
                .bearer(accounts.admin().accessToken())
                .json("{\"decision\": \"VERIFIED\", \"reason\": \"Registry entry matches.\"}")
                .send();
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    }

    // ---- Expected messages ------------------------------------------------------------------------------------------

    /** A message built from an event: greeting, what happened, the link, and the line on changing preferences. */
    private static Note note(Party to, String template, String subject, String path, String sms, String... text) {
        List<String> lines = new ArrayList<>();
        lines.add(GREETING);
        lines.addAll(List.of(text));
        lines.add(PREFERENCES_LINK);
        return new Note(to, template, subject, path, sms, lines);
    }

    private static Note aboutYou(Party subject, Deal deal, int stars) {
        return note(
                subject,
                "reviews.published-about-you",
                "A review about you was published",
                deal.contractPath(),
                null,
                "A review about your work together on " + TITLE + " was published: " + stars + " out of 5 stars.");
    }

    private static Note yoursPublished(Party author, Deal deal) {
        return note(
                author,
                "reviews.yours-published",
                "Your review for " + TITLE + " is now public",
                deal.contractPath(),
                null,
                "Your review for " + TITLE + " is now public, together with the other party's review of you.");
    }

    // ---- Assertions -------------------------------------------------------------------------------------------------

    /**
     * Delivers what is due, then checks that each note reached its person once by e-mail if the choice leaves e-mail
     * on, and once by SMS if the template has one and the choice leaves SMS on for the group; and that a channel
     * switched off has neither an outbox row nor a message.
     */
    private void assertDelivered(Choice choice, NotificationGroup group, Note... notes) {
        mail.dispatchDue();
        sms.dispatchDue();
        for (Note note : notes) {
            assertEmail(note, choice.email());
            assertSms(note, note.sms() != null && choice.sms(group));
        }
    }

    /** The party, who keeps every channel on, got nothing of the note's template. */
    private void assertNotDelivered(Party party, Note note) {
        mail.dispatchDue();
        sms.dispatchDue();
        assertEmail(note.to(party), false);
        assertSms(note.to(party), false);
    }

    private void assertEmail(Note note, boolean expected) {
        List<Map<String, Object>> rows = support.rows(note.to().id(), note.template(), "EMAIL");
        List<MimeMessage> mails = mailsWithSubject(note);
        if (!expected) {
            assertThat(rows)
                    .as("%s e-mail rows of %s", note.template(), note.to().email())
                    .isEmpty();
            assertThat(mails)
                    .as("%s mails to %s", note.template(), note.to().email())
                    .isEmpty();
            return;
        }
        assertThat(rows)
                .as("%s e-mail rows of %s", note.template(), note.to().email())
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("status", "SENT")
                        .containsEntry("recipient", note.to().email()));
        assertThat(mails)
                .as("%s mails to %s", note.template(), note.to().email())
                .hasSize(1);
        assertThat(NotificationTestSupport.parts(mails.get(0)).text())
                .as("%s to %s", note.template(), note.to().email())
                .contains(note.text())
                .containsPattern(ownLine(FRONTEND + note.path()));
    }

    private void assertSms(Note note, boolean expected) {
        List<Map<String, Object>> rows = support.rows(note.to().id(), note.template(), "SMS");
        List<String> texts = note.sms() == null
                ? List.of()
                : smsTo(note.to().phone()).stream()
                        .filter(text -> text.startsWith(note.sms()))
                        .toList();
        if (!expected) {
            assertThat(rows)
                    .as("%s SMS rows of %s", note.template(), note.to().email())
                    .isEmpty();
            assertThat(texts)
                    .as("%s SMS to %s", note.template(), note.to().phone())
                    .isEmpty();
            return;
        }
        assertThat(rows)
                .as("%s SMS rows of %s", note.template(), note.to().email())
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("status", "SENT")
                        .containsEntry("recipient", note.to().phone()));
        assertThat(texts)
                .as("%s SMS to %s", note.template(), note.to().phone())
                .containsExactly(note.sms() + " " + FRONTEND + note.path());
    }

    private List<MimeMessage> mailsWithSubject(Note note) {
        return TestServers.mail().messagesTo(note.to().email()).stream()
                .filter(message -> NotificationTestSupport.subject(message).equals(note.subject()))
                .toList();
    }

    private String textOf(Note note) {
        List<MimeMessage> mails = mailsWithSubject(note);
        assertThat(mails).hasSize(1);
        return NotificationTestSupport.parts(mails.get(0)).text();
    }

    private Map<String, Object> emailRow(Note note) {
        List<Map<String, Object>> rows = support.rows(note.to().id(), note.template(), "EMAIL");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** The link alone on its line: exactly this path, nothing appended. */
    private static Pattern ownLine(String link) {
        return Pattern.compile("(?m)^" + Pattern.quote(link) + "\\r?$");
    }

    private static List<String> smsTo(String phone) {
        return TwilioStandIn.requestsTo(phone).stream()
                .map(request -> TwilioStandIn.form(request).get("Body"))
                .toList();
    }

    /** A provider whose payments wait for the payer's bank: the fund route leaves them PROCESSING. */
    private static final class StillProcessing implements PaymentProvider {

        @Override
        public ProviderName name() {
            return ProviderName.SIMULATED;
        }

        @Override
        public Payment createPayment(PaymentRequest request) {
            return new Payment(
                    "sim_pi_late_" + request.paymentId(),
                    PaymentStatus.PROCESSING,
                    request.amount(),
                    "sim_pi_late_secret",
                    null,
                    null);
        }

        @Override
        public Payment retrievePayment(String providerPaymentId) {
            throw new UnsupportedOperationException("not while funding");
        }

        @Override
        public Transfer transfer(TransferRequest request) {
            throw new UnsupportedOperationException("not while funding");
        }

        @Override
        public Refund refund(RefundRequest request) {
            throw new UnsupportedOperationException("not while funding");
        }

        @Override
        public PayoutAccountLink payoutAccountLink(PayoutAccountRequest request) {
            throw new UnsupportedOperationException("not while funding");
        }
    }
}
