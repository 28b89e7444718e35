package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fairtradeworker.bidding.BiddingEvents.BidSubmitted;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.support.TestServers;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Domain events become notifications: through the real routes (a bid placed over HTTP), the after-commit listener,
 * the outbox and real SMTP (GreenMail). Every test uses accounts of its own.
 */
@IntegrationTest
class EventNotificationsTest {

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
    MailOutbox outbox;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    IncompleteEventPublications incomplete;

    private MarketplaceFixtures market;
    private NotificationTestSupport support;

    @BeforeEach
    void fixtures() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        support = new NotificationTestSupport(db);
    }

    @AfterEach
    void restore() {
        TestServers.mail().endOutage();
    }

    @Test
    void aNewBidMailsTheHomeownerExactlyOnceWithoutAmountsEvenWhenTheEventIsPublishedAgain() {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        UUID job = market.openJob(homeowner);
        UUID bid = market.bid(contractor, job, 123_456);

        support.awaitHandled("BiddingNotifications", bid, 1);
        List<MimeMessage> first = newBidMails(homeowner);

        assertThat(first).hasSize(1);
        NotificationTestSupport.Parts parts = NotificationTestSupport.parts(first.get(0));
        assertThat(parts.text())
                .contains("A contractor placed a bid on your job \"Replace the water heater\"")
                .contains("http://localhost:5173/jobs/" + job)
                .doesNotContain("1,234")
                .doesNotContain("123456")
                .doesNotContain("1234.56");
        assertThat(parts.html()).doesNotContain("1,234");
        assertThat(NotificationTestSupport.subject(first.get(0))).isEqualTo("New bid on \"Replace the water heater\"");

        // A crash after the listener ran but before its publication was marked complete delivers the event again.
        transactions.executeWithoutResult(
                status -> events.publishEvent(new BidSubmitted(bid, job, contractor.userId())));
        support.awaitHandled("BiddingNotifications", bid, 2);

        assertThat(newBidMails(homeowner)).hasSize(1);
        assertThat(support.rows(homeowner.userId(), "bidding.bid-received", "EMAIL"))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("status", "SENT")
                        .containsEntry("format", "TEXT_AND_HTML")
                        .containsEntry(
                                "dedupe_key", "bidding.bid-received:" + bid + ":" + homeowner.userId() + ":EMAIL"));
        assertThat(NotificationTestSupport.withSubjectStarting(accounts.mailTo(contractor.email()), "New bid"))
                .isEmpty();
    }

    @Test
    void userTextIsEscapedInTheHtmlPartAndKeptAsTextInThePlainPart() {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        UUID job = market.openJob(homeowner);
        String title = "<script>alert('x')</script> & <b>bold</b>";
        db.owner()
                .sql("UPDATE jobs SET title = ? WHERE id = ?")
                .params(title, job)
                .update();

        UUID bid = market.bid(contractor, job, 50_000);
        support.awaitHandled("BiddingNotifications", bid, 1);

        MimeMessage message = newBidMails(homeowner).get(0);
        NotificationTestSupport.Parts parts = NotificationTestSupport.parts(message);
        assertThat(parts.html())
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<script")
                .doesNotContain("<b>")
                .contains("<a href=\"http://localhost:5173/jobs/" + job + "\">");
        assertThat(parts.text()).contains(title);
        assertThat(NotificationTestSupport.subject(message)).isEqualTo("New bid on \"" + title + "\"");
    }

    @Test
    void aSwitchedOffGroupSendsNothingWhileSecurityMailsStillArrive() {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        UUID job = market.openJob(homeowner);
        ApiClient.Response update = api.put("/api/me/notification-preferences")
                .bearer(homeowner.accessToken())
                .json("{\"groups\": [{\"group\": \"BIDS\", \"email\": false}]}")
                .send();
        assertThat(update.status()).as(update.body()).isEqualTo(200);
        assertThat(update.body()).contains("{\"group\":\"BIDS\"").contains("\"email\":false");

        UUID bid = market.bid(contractor, job, 70_000);
        support.awaitHandled("BiddingNotifications", bid, 1);

        assertThat(newBidMails(homeowner)).isEmpty();
        assertThat(support.rows(homeowner.userId(), "bidding.bid-received", "EMAIL"))
                .isEmpty();

        api.post("/api/auth/password-reset")
                .json("{\"email\":\"%s\"}".formatted(homeowner.email()))
                .send();
        assertThat(accounts.latestToken(homeowner.email())).isNotBlank();
        assertThat(NotificationTestSupport.withSubjectStarting(
                        accounts.mailTo(homeowner.email()), "Reset your FairTradeWorker password"))
                .hasSize(1);
    }

    @Test
    void credentialRemindersFollowTheirGroupButAccountMailsCannotBeSwitchedOff() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        api.put("/api/me/notification-preferences")
                .bearer(contractor.accessToken())
                .json("{\"groups\": [{\"group\": \"CREDENTIALS\", \"email\": false}]}")
                .send();
        String key = UUID.randomUUID().toString();

        transactions.executeWithoutResult(status -> {
            outbox.enqueue(new OutgoingMail(
                    contractor.userId(),
                    contractor.email(),
                    "profiles.credential-reminder",
                    "reminder:" + key,
                    "Your licence expires in 30 days",
                    "Renew it."));
            outbox.enqueue(new OutgoingMail(
                    contractor.userId(),
                    contractor.email(),
                    "identity.password-changed",
                    "security:" + key,
                    "Your FairTradeWorker password was changed",
                    "If this was not you, reset your password."));
        });

        List<MimeMessage> received = accounts.mailTo(contractor.email());
        assertThat(NotificationTestSupport.withSubjectStarting(received, "Your licence expires"))
                .isEmpty();
        assertThat(NotificationTestSupport.withSubjectStarting(received, "Your FairTradeWorker password was changed"))
                .hasSize(1);
    }

    @Test
    void aRelayOutageNeverFailsTheActionAndTheNotificationFollowsWhenTheRelayIsBack() {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        UUID job = market.openJob(homeowner);

        TestServers.mail().beginOutage();
        UUID bid = market.bid(contractor, job, 80_000); // 201: the bid does not wait for, or depend on, any mail
        support.awaitHandled("BiddingNotifications", bid, 1);
        mail.dispatchDue();

        assertThat(support.rows(homeowner.userId(), "bidding.bid-received", "EMAIL"))
                .singleElement()
                .satisfies(row ->
                        assertThat(row).containsEntry("status", "PENDING").containsEntry("attempts", 1));
        assertThat(TestServers.mail().messagesTo(homeowner.email()).stream()
                        .filter(message ->
                                NotificationTestSupport.subject(message).startsWith("New bid"))
                        .toList())
                .isEmpty();

        TestServers.mail().endOutage();
        clock.advance(java.time.Duration.ofMinutes(1)); // past the first retry delay (30 s, jittered)
        try {
            assertThat(newBidMails(homeowner)).hasSize(1);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aFailingListenerNeverFailsTheActionAndItsMessageFollowsWhenThePublicationIsRedelivered() {
        SignedIn homeowner = market.homeowner();
        SignedIn contractor = market.contractor();
        UUID job = market.openJob(homeowner);
        String trigger =
                "test_refuse_notification_" + homeowner.userId().toString().replace("-", "");
        // The listener's insert into the outbox fails for this homeowner only, as a database fault would.
        db.owner().sql("""
                CREATE OR REPLACE FUNCTION test_refuse_notification() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'notification refused by the test';
                END $$""").update();
        db.owner()
                .sql("CREATE TRIGGER " + trigger + " BEFORE INSERT ON notifications FOR EACH ROW WHEN (NEW.user_id = '"
                        + homeowner.userId() + "'::uuid) EXECUTE FUNCTION test_refuse_notification()")
                .update();
        UUID bid;
        try {
            bid = market.bid(contractor, job, 95_000); // 201: the failing listener runs after the bid committed
            UUID placed = bid;
            await().atMost(Duration.ofSeconds(30)).until(() -> failedPublications("BiddingNotifications", placed) == 1);
            assertThat(newBidMails(homeowner)).isEmpty();
        } finally {
            db.owner()
                    .sql("DROP TRIGGER IF EXISTS " + trigger + " ON notifications")
                    .update();
        }

        UUID placed = bid;
        incomplete.resubmitIncompletePublications(
                publication -> publication.getEvent() instanceof BidSubmitted submitted
                        && submitted.bid().equals(placed));
        support.awaitHandled("BiddingNotifications", bid, 1);

        assertThat(newBidMails(homeowner)).hasSize(1);
        assertThat(support.rows(homeowner.userId(), "bidding.bid-received", "EMAIL"))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("status", "SENT"));
    }

    private long failedPublications(String listenerClass, UUID subject) {
        return db.app()
                .sql("""
                        SELECT count(*) FROM event_publication
                        WHERE listener_id LIKE :listener AND serialized_event LIKE :subject AND status = 'FAILED'
                        """)
                .param("listener", "%.notifications.events." + listenerClass + ".%")
                .param("subject", "%" + subject + "%")
                .query(Long.class)
                .single();
    }

    private List<MimeMessage> newBidMails(SignedIn homeowner) {
        return NotificationTestSupport.withSubjectStarting(accounts.mailTo(homeowner.email()), "New bid on");
    }
}
