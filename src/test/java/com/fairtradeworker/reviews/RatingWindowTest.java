package com.fairtradeworker.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.reviews.ReviewEvents.ReviewPublished;
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
import com.fairtradeworker.timers.TimerPoller;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The rating window: it opens when a contract ends with money moved through escrow in a reviewable way (never after a
 * mutual cancellation), and when it closes (14 days later) whatever was submitted is published as it stands.
 */
@IntegrationTest
class RatingWindowTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller poller;

    @Autowired
    ReviewEventLog events;

    ReviewFixtures reviews;
    Instant start;

    @BeforeEach
    void pinClock() {
        start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(start);
        reviews = new ReviewFixtures(api, accounts, db, new MarketplaceFixtures(api, accounts, db, clock));
    }

    @AfterEach
    void moneyInvariantsHoldAndTheClockRuns() {
        clock.reset();
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void theClockPublishesWhatWasSubmittedWhenTheWindowCloses() {
        Funded contract = reviews.released(70_000);
        UUID review =
                reviews.reviewed(contract.contractor(), contract.contract(), 2, "Paid, but changed the brief daily.");
        Map<String, Object> window = db.owner()
                .sql("SELECT outcome, exit_cause, ended_at, closes_at FROM review_windows WHERE contract_id = ?")
                .param(contract.contract())
                .query()
                .singleRow();
        assertThat(window.get("outcome")).isEqualTo("RELEASED");
        assertThat(window.get("exit_cause")).isEqualTo("APPROVAL");
        assertThat(((Timestamp) window.get("ended_at")).toInstant()).isEqualTo(start);
        assertThat(((Timestamp) window.get("closes_at")).toInstant()).isEqualTo(start.plus(Duration.ofDays(14)));

        clock.advance(Duration.ofDays(14).minusMillis(1));
        poller.fireDue();
        assertThat(reviews.reviewStatus(review)).isEqualTo("SUBMITTED");

        clock.advance(Duration.ofMillis(1));
        poller.fireDue();

        assertThat(reviews.reviewStatus(review)).isEqualTo("PUBLISHED");
        assertThat(db.owner()
                        .sql("SELECT published_at FROM reviews WHERE id = ?")
                        .param(review)
                        .query(Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(start.plus(Duration.ofDays(14)));
        assertThat(reviews.ratingTimers(contract.contract())).containsExactly("FIRED");
        assertThat(db.owner()
                        .sql("SELECT count(*) FROM audit_logs WHERE action = 'REVIEW_PUBLISHED' AND entity_id = ?"
                                + " AND actor_id IS NULL AND details ->> 'trigger' = 'RATING_WINDOW_CLOSED'")
                        .param(review.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(events.about(ReviewPublished.class, contract.contract()))
                .containsExactly(new ReviewPublished(
                        review,
                        contract.contract(),
                        contract.contractor().userId(),
                        contract.homeowner().userId(),
                        2,
                        true));
        assertThat(reviews.figures("homeowner_profiles", contract.homeowner().userId()))
                .isEqualTo("1 2");
        // The window is closed: the homeowner can no longer review, and sees the contractor's review.
        var homeowner = reviews.again(contract.homeowner());
        Response late = reviews.submit(homeowner, contract.contract(), 5, "Too late?");
        assertThat(late.status()).isEqualTo(409);
        var view = reviews.ofContract(homeowner, contract.contract()).json();
        assertThat(view.get("canReview").asBoolean()).isFalse();
        assertThat(view.get("items")).hasSize(1);
        // Firing again changes nothing.
        poller.fireDue();
        assertThat(events.about(ReviewPublished.class, contract.contract())).hasSize(1);
    }

    @Test
    void aWindowWithoutReviewsClosesQuietly() {
        Funded contract = reviews.released(30_000);

        clock.advance(Duration.ofDays(15));
        poller.fireDue();

        assertThat(reviews.ratingTimers(contract.contract())).containsExactly("FIRED");
        assertThat(db.owner()
                        .sql("SELECT published_at IS NOT NULL FROM review_windows WHERE contract_id = ?")
                        .param(contract.contract())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        Response late = reviews.submit(reviews.again(contract.homeowner()), contract.contract(), 5, "Late");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void aMutualCancellationOpensNoWindow() {
        Funded cancelled = reviews.mutuallyCancelled(40_000);

        Response homeowner = reviews.submit(cancelled.homeowner(), cancelled.contract(), 1, "Never started.");
        Response contractor = reviews.submit(cancelled.contractor(), cancelled.contract(), 1, "Changed plans.");

        assertThat(homeowner.status()).isEqualTo(409);
        assertThat(homeowner.json().get("detail").asString()).contains("REFUNDED", "mutual cancellation");
        assertThat(contractor.status()).isEqualTo(409);
        assertThat(reviews.windows(cancelled.contract())).isZero();
        assertThat(reviews.ratingTimers(cancelled.contract())).isEmpty();
        var view =
                reviews.ofContract(cancelled.homeowner(), cancelled.contract()).json();
        assertThat(view.get("ratingWindow").isNull()).isTrue();
        assertThat(view.get("canReview").asBoolean()).isFalse();
    }

    @Test
    void aRefundADisputeDecidedMayBeReviewed() {
        Funded refunded = reviews.refundedByDispute(50_000);

        Response review = reviews.submit(refunded.homeowner(), refunded.contract(), 1, "Never showed up.");

        assertThat(review.status()).as(review.body()).isEqualTo(201);
        assertThat(db.owner()
                        .sql("SELECT outcome || ' ' || exit_cause FROM review_windows WHERE contract_id = ?")
                        .param(refunded.contract())
                        .query(String.class)
                        .single())
                .isEqualTo("REFUNDED DISPUTE_RESOLUTION");
    }

    @Test
    void aContractThatHasNotEndedTakesNoReviews() {
        Funded funded = new EscrowFixtures(api, reviews.market()).fundedContract(20_000);

        Response review = reviews.submit(funded.homeowner(), funded.contract(), 5, "So far so good.");

        assertThat(review.status()).isEqualTo(409);
        assertThat(review.json().get("detail").asString()).startsWith("The contract is FUNDED");
    }
}
