package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestMailServer;
import com.fairtradeworker.support.TestServers;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox end to end: enqueued in the caller's transaction, sent by the dispatcher over real SMTP (GreenMail), with
 * retries when the server refuses. Every test mails addresses of its own, so it never depends on another's messages.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MailDeliveryTest {

    private static final TestMailServer SMTP = TestServers.mail();

    @Autowired
    MailOutbox outbox;

    @Autowired
    MailDispatcher dispatcher;

    @Autowired
    BodyCipher cipher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    private UUID userId;

    @BeforeEach
    void createUser() {
        userId = db.app()
                .sql("""
                        INSERT INTO users (email, password_hash, display_name, role)
                        VALUES (?, 'not-a-real-hash', 'Mail Test', 'HOMEOWNER')
                        RETURNING id""")
                .param(uniqueAddress("owner"))
                .query(UUID.class)
                .single();
    }

    @AfterEach
    void restore() {
        SMTP.endOutage();
        clock.reset();
    }

    @Test
    void aMailEnqueuedInACommittedTransactionIsDeliveredOnce() throws Exception {
        String to = uniqueAddress("ann");
        String link = "https://app.example/verify?token=" + UUID.randomUUID();

        transactions.executeWithoutResult(status -> outbox.enqueue(mail(to, "Confirm your address", "Open " + link)));
        dispatcher.dispatchDue();

        List<MimeMessage> received = SMTP.messagesTo(to);
        assertThat(received).hasSize(1);
        MimeMessage message = received.get(0);
        assertThat(message.getSubject()).isEqualTo("Confirm your address");
        assertThat(TestMailServer.textOf(message)).contains("Open " + link);
        assertThat(message.getFrom()).containsExactly(new InternetAddress("noreply@fairtradeworker.test"));
        assertThat(message.getMessageID()).isEqualTo("<" + rowOf(to).get("id") + "@fairtradeworker.test>");

        dispatcher.dispatchDue();
        assertThat(SMTP.messagesTo(to)).hasSize(1);
    }

    @Test
    void aMailEnqueuedInARolledBackTransactionIsNeitherStoredNorSent() {
        String to = uniqueAddress("rollback");

        transactions.executeWithoutResult(status -> {
            outbox.enqueue(mail(to, "Never", "Never sent"));
            status.setRollbackOnly();
        });
        dispatcher.dispatchDue();

        assertThat(rowsTo(to)).isZero();
        assertThat(SMTP.messagesTo(to)).isEmpty();
    }

    @Test
    void aSecondMailWithTheSameDedupeKeyIsIgnored() {
        String to = uniqueAddress("dedupe");
        String key = "test.dedupe:" + UUID.randomUUID();

        transactions.executeWithoutResult(
                status -> outbox.enqueue(new OutgoingMail(userId, to, "test.mail", key, "First", "first body")));
        transactions.executeWithoutResult(
                status -> outbox.enqueue(new OutgoingMail(userId, to, "test.mail", key, "Second", "second body")));
        dispatcher.dispatchDue();
        transactions.executeWithoutResult(
                status -> outbox.enqueue(new OutgoingMail(userId, to, "test.mail", key, "Third", "after sending")));
        dispatcher.dispatchDue();

        assertThat(rowsTo(to)).isEqualTo(1);
        assertThat(SMTP.messagesTo(to))
                .singleElement()
                .satisfies(message -> assertThat(message.getSubject()).isEqualTo("First"));
    }

    @Test
    void enqueueingOutsideATransactionIsRefused() {
        String to = uniqueAddress("no-transaction");

        assertThatThrownBy(() -> outbox.enqueue(mail(to, "Subject", "Body")))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(rowsTo(to)).isZero();
    }

    @Test
    void dispatchingInsideATransactionIsRefused() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> dispatcher.dispatchDue()))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void theBodyIsStoredEncryptedAndErasedOnceSent() {
        String to = uniqueAddress("encrypted");
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        String link = "https://app.example/reset?token=" + token;

        transactions.executeWithoutResult(status -> outbox.enqueue(mail(to, "Reset", "Open " + link)));

        Map<String, Object> pending = rowOf(to);
        String stored = (String) pending.get("body");
        assertThat(stored).startsWith("v1:").doesNotContain(token).doesNotContain("reset?token");
        assertThat(cipher.open((UUID) pending.get("id"), stored)).isEqualTo("Open " + link);

        dispatcher.dispatchDue();

        Map<String, Object> sent = rowOf(to);
        assertThat(sent)
                .containsEntry("status", "SENT")
                .containsEntry("body", "")
                .containsEntry("attempts", 1)
                .containsEntry("next_attempt_at", null);
        assertThat(sent.get("sent_at")).isNotNull();
        assertThat(TestMailServer.textOf(SMTP.messagesTo(to).get(0))).contains(link);
    }

    @Test
    void aRefusedSendIsRetriedAfterBackoffAndThenDeliveredOnce(CapturedOutput output) {
        String to = uniqueAddress("retry");
        String link = "https://app.example/verify?token=" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.enqueue(mail(to, "Confirm", "Open " + link)));
        Instant failedAt = pinClock();

        SMTP.beginOutage();
        dispatcher.dispatchDue();

        Map<String, Object> waiting = rowOf(to);
        assertThat(waiting).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        Instant retryAt = nextAttemptAt(waiting);
        // 30 s, jittered by up to 20 % either way.
        assertThat(Duration.between(failedAt, retryAt)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat((String) waiting.get("last_error")).contains("421");
        assertThat(SMTP.messagesTo(to)).isEmpty();

        SMTP.endOutage();
        clock.pinAt(retryAt.minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(rowOf(to)).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat(SMTP.messagesTo(to)).isEmpty();

        clock.pinAt(retryAt);
        dispatcher.dispatchDue();
        dispatcher.dispatchDue();

        assertThat(SMTP.messagesTo(to)).hasSize(1);
        assertThat(rowOf(to))
                .containsEntry("status", "SENT")
                .containsEntry("attempts", 2)
                .containsEntry("body", "")
                .containsEntry("last_error", null);
        assertThat(applicationLog(output))
                .contains("Mail " + waiting.get("id") + " (test.mail) attempt 1 of 10 failed")
                .doesNotContain(to)
                .doesNotContain(link);
    }

    @Test
    void afterTheLastAttemptTheMailIsFailedAndNeverSent(CapturedOutput output) {
        String to = uniqueAddress("failing");
        String link = "https://app.example/verify?token=" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.enqueue(mail(to, "Confirm", "Open " + link)));
        pinClock();

        SMTP.beginOutage();
        for (int attempt = 1; attempt <= 10; attempt++) {
            dispatcher.dispatchDue();
            Map<String, Object> row = rowOf(to);
            assertThat(row.get("attempts")).isEqualTo(attempt);
            if (attempt < 10) {
                assertThat(row.get("status")).isEqualTo("PENDING");
                clock.pinAt(nextAttemptAt(row));
            }
        }

        Map<String, Object> failed = rowOf(to);
        assertThat(failed)
                .containsEntry("status", "FAILED")
                .containsEntry("body", "")
                .containsEntry("next_attempt_at", null)
                .containsEntry("sent_at", null);
        assertThat((String) failed.get("last_error")).contains("421").doesNotContain(to);

        SMTP.endOutage();
        clock.advance(Duration.ofDays(2));
        dispatcher.dispatchDue();
        assertThat(SMTP.messagesTo(to)).isEmpty();
        assertThat(applicationLog(output))
                .contains("Mail " + failed.get("id") + " (test.mail) failed 10 times and is given up")
                .doesNotContain(to)
                .doesNotContain(link);
    }

    @Test
    void aBodyStoredUnderAnotherSecretIsFailedWithoutBeingSent(CapturedOutput output) {
        String to = uniqueAddress("earlier-run");
        UUID id = UUID.randomUUID();
        String sealedByEarlierRun = new BodyCipher("c3".repeat(32)).seal(id, "Open https://app.example/x?token=old");
        db.app()
                .sql("""
                        INSERT INTO notifications (id, user_id, channel, template, dedupe_key, recipient, subject, body,
                                                   status, next_attempt_at)
                        VALUES (?, ?, 'EMAIL', 'test.mail', ?, ?, 'Old', ?, 'PENDING', now() - interval '1 minute')
                        """)
                .params(id, userId, "test:" + id, to, sealedByEarlierRun)
                .update();

        dispatcher.dispatchDue();

        assertThat(rowOf(to)).containsEntry("status", "FAILED").containsEntry("body", "");
        assertThat((String) rowOf(to).get("last_error")).startsWith("UNREADABLE_BODY");
        assertThat(SMTP.messagesTo(to)).isEmpty();
        assertThat(applicationLog(output))
                .contains("Mail " + id + " (test.mail) cannot be decrypted")
                .doesNotContain(to)
                .doesNotContain("token=old");
    }

    @Test
    void dispatchersRacingOverTheSameDueMailsSendEachOnce() throws Exception {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            recipients.add(uniqueAddress("race" + i));
        }
        transactions.executeWithoutResult(status -> recipients.forEach(to -> outbox.enqueue(mail(to, "Race", "Body"))));

        // Own threads: the common pool may have a single worker on a small machine, which would not race at all.
        int dispatchers = 4;
        ExecutorService threads = Executors.newFixedThreadPool(dispatchers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < dispatchers; i++) {
                claims.add(threads.submit(() -> drainAfter(start)));
            }
            start.countDown();
            int claimed = 0;
            for (Future<Integer> claim : claims) {
                claimed += claim.get(60, TimeUnit.SECONDS);
            }
            assertThat(claimed).isGreaterThanOrEqualTo(recipients.size());
        } finally {
            threads.shutdownNow();
        }

        for (String to : recipients) {
            assertThat(SMTP.messagesTo(to)).as(to).hasSize(1);
            assertThat(rowOf(to)).containsEntry("status", "SENT").containsEntry("attempts", 1);
        }
    }

    @Test
    void oneCallDeliversABacklogOfSeveralBatches() {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            recipients.add(uniqueAddress("backlog" + i));
        }
        transactions.executeWithoutResult(
                status -> recipients.forEach(to -> outbox.enqueue(mail(to, "Backlog", "Body"))));

        assertThat(dispatcher.dispatchDue()).isGreaterThanOrEqualTo(recipients.size());

        dispatcher.dispatchDue();
        recipients.forEach(to -> assertThat(SMTP.messagesTo(to)).as(to).hasSize(1));
    }

    @Test
    void aMailClaimedByADispatcherThatDiedIsSentOnceItsLeaseRunsOut(@Autowired MailOutboxRows rows) {
        String to = uniqueAddress("crashed");
        Instant claimedAt = pinClockLongAgo();
        transactions.executeWithoutResult(status -> outbox.enqueue(mail(to, "Lease", "Body")));

        // A dispatcher claims the mail and dies before sending or recording anything.
        assertThat(rows.claimDue(claimedAt, claimedAt.plus(Duration.ofMinutes(2)), 20))
                .singleElement()
                .satisfies(claimed -> assertThat(claimed.recipient()).isEqualTo(to));

        clock.pinAt(claimedAt.plus(Duration.ofMinutes(2)).minusMillis(1));
        dispatcher.dispatchDue();
        assertThat(SMTP.messagesTo(to)).isEmpty();

        clock.pinAt(claimedAt.plus(Duration.ofMinutes(2)));
        dispatcher.dispatchDue();
        assertThat(SMTP.messagesTo(to)).hasSize(1);
        assertThat(rowOf(to)).containsEntry("status", "SENT").containsEntry("attempts", 2);
    }

    @Test
    void mailsLeftWhenASlowRelayUsedUpTheLeaseAreHandedBackUntried(
            @Autowired MailOutboxRows rows,
            @Autowired MailSettings settings,
            @Autowired PlatformTransactionManager transactionManager) {
        Instant start = pinClockLongAgo();
        List<String> recipients = List.of(uniqueAddress("slow1"), uniqueAddress("slow2"), uniqueAddress("slow3"));
        transactions.executeWithoutResult(status -> recipients.forEach(to -> outbox.enqueue(mail(to, "Slow", "Body"))));
        List<String> accepted = new ArrayList<>();
        MailTransport slowRelay = mail -> {
            accepted.add(mail.recipient());
            clock.advance(Duration.ofSeconds(90)); // leaves 30 s of the 2 min lease, less than one send may take
        };
        MailDispatcher slowDispatcher =
                new MailDispatcher(rows, cipher, slowRelay, settings, clock, transactionManager, "test");

        assertThat(slowDispatcher.dispatchDue()).isEqualTo(3);

        assertThat(accepted).hasSize(1);
        assertThat(rowOf(accepted.get(0))).containsEntry("status", "SENT").containsEntry("attempts", 1);
        List<String> handedBack =
                recipients.stream().filter(to -> !accepted.contains(to)).toList();
        for (String to : handedBack) {
            Map<String, Object> row = rowOf(to);
            assertThat(row).containsEntry("status", "PENDING").containsEntry("attempts", 0);
            assertThat(nextAttemptAt(row)).isEqualTo(start.plusSeconds(90));
        }

        dispatcher.dispatchDue();
        handedBack.forEach(to -> assertThat(SMTP.messagesTo(to)).as(to).hasSize(1));
    }

    @Test
    void theTestProfileHasNoBackgroundDispatcherToRaceTheTests(@Autowired ApplicationContext context) {
        assertThat(context.getBeanProvider(ScheduledMailDispatch.class).getIfAvailable())
                .isNull();
    }

    private int drainAfter(CountDownLatch start) throws InterruptedException {
        start.await();
        int total = 0;
        for (int round = dispatcher.dispatchDue(); round > 0; round = dispatcher.dispatchDue()) {
            total += round;
        }
        return total;
    }

    /**
     * Moves the service's clock ten years back, so the mails this test enqueues are due before any other test's and
     * the dispatcher, claiming at that time, sees only them.
     */
    private Instant pinClockLongAgo() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(3650)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        clock.pinAt(longAgo);
        return longAgo;
    }

    private Instant pinClock() {
        Instant now = Instant.now();
        clock.pinAt(now);
        return now;
    }

    private OutgoingMail mail(String to, String subject, String body) {
        return new OutgoingMail(userId, to, "test.mail", "test:" + UUID.randomUUID(), subject, body);
    }

    private Map<String, Object> rowOf(String to) {
        return db.app().sql("""
                        SELECT id, status, attempts, body, next_attempt_at, sent_at, last_error
                        FROM notifications WHERE recipient = ?""").param(to).query().singleRow();
    }

    private int rowsTo(String to) {
        return db.app()
                .sql("SELECT count(*) FROM notifications WHERE recipient = ?")
                .param(to)
                .query(Integer.class)
                .single();
    }

    private static Instant nextAttemptAt(Map<String, Object> row) {
        Object value = row.get("next_attempt_at");
        return value instanceof java.sql.Timestamp timestamp
                ? timestamp.toInstant()
                : ((OffsetDateTime) value).toInstant();
    }

    /** What the service logged; the test SMTP server's own lines name the addresses it serves. */
    private static String applicationLog(CapturedOutput output) {
        return output.getAll()
                .lines()
                .filter(line -> !line.contains("icegreen"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static String uniqueAddress(String name) {
        return name + "-" + UUID.randomUUID() + "@example.test";
    }
}
