package com.fairtradeworker.bidding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.bidding.BiddingEvents.BidRejected;
import com.fairtradeworker.bidding.BiddingEvents.RejectionReason;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceEventLog;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.timers.TimerPoller;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A job that is cancelled or expires rejects its live bids in the same transaction; withdrawn bids stay withdrawn. */
@IntegrationTest
class JobClosureTest {

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

    @Autowired
    MarketplaceEventLog events;

    MarketplaceFixtures market;
    SignedIn homeowner;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        homeowner = market.homeowner();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void cancellingAnOpenJobRejectsItsSubmittedBids() {
        UUID job = market.publishedJobViaApi(homeowner);
        UUID live = market.bid(market.contractor(), job, 100_000);
        SignedIn quitter = market.contractor();
        UUID withdrawn = market.bid(quitter, job, 90_000);
        api.post("/api/bids/" + withdrawn + "/withdraw")
                .bearer(quitter.accessToken())
                .send();

        assertThat(api.post("/api/jobs/" + job + "/cancel")
                        .bearer(homeowner.accessToken())
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(market.bidStatus(live)).isEqualTo("REJECTED");
        assertThat(market.bidStatus(withdrawn)).isEqualTo("WITHDRAWN");
        assertThat(events.about(BidRejected.class, live))
                .extracting(BidRejected::reason)
                .containsExactly(RejectionReason.JOB_CANCELLED);
        assertThat(events.about(BidRejected.class, withdrawn)).isEmpty();
        assertThat(rejectionAudits(live)).isEqualTo(1);
    }

    @Test
    void anExpiredJobRejectsItsSubmittedBidsWhenItsClockFires() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.pinAt(now);
        UUID job = market.publishedJobViaApi(homeowner); // deadline in 7 days, acceptance window 14 days after
        UUID live = market.bid(market.contractor(), job, 100_000);

        clock.advance(Duration.ofDays(21).minusSeconds(1));
        timers.fireDue();
        assertThat(market.bidStatus(live)).isEqualTo("SUBMITTED");

        clock.advance(Duration.ofSeconds(1));
        timers.fireDue();
        timers.fireDue();

        assertThat(market.jobStatus(job)).isEqualTo("EXPIRED");
        assertThat(market.bidStatus(live)).isEqualTo("REJECTED");
        assertThat(events.about(BidRejected.class, live))
                .extracting(BidRejected::reason)
                .containsExactly(RejectionReason.JOB_EXPIRED);
        assertThat(rejectionAudits(live)).isEqualTo(1);
    }

    private long rejectionAudits(UUID bid) {
        return db.app()
                .sql("SELECT count(*) FROM audit_logs WHERE action = 'BID_REJECTED' AND entity_id = ?")
                .param(bid.toString())
                .query(Long.class)
                .single();
    }
}
