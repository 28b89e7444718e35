package com.fairtradeworker.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of the {@code notifications} table, e-mail and SMS. Every state change after the claim is fenced by the attempt
 * number, except marking a mail sent: once the relay accepted it, it was sent, whoever holds the lease now.
 */
@Repository
class MailOutboxRows {

    private final JdbcClient jdbc;

    MailOutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a pending plain-text mail; returns false when one with the same dedupe key already exists. */
    boolean insertPending(UUID id, OutgoingMail mail, String encryptedBody, Instant dueAt) {
        return insertPending(id, mail, encryptedBody, dueAt, MailFormat.TEXT);
    }

    /** Inserts a pending mail; returns false when one with the same dedupe key already exists. */
    boolean insertPending(UUID id, OutgoingMail mail, String encryptedBody, Instant dueAt, MailFormat format) {
        int inserted = jdbc.sql("""
                        INSERT INTO notifications (id, user_id, channel, format, template, dedupe_key, recipient,
                                                   subject, body, status, attempts, next_attempt_at)
                        VALUES (:id, :userId, 'EMAIL', :format, :template, :dedupeKey, :recipient,
                                :subject, :body, 'PENDING', 0, :dueAt)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        """)
                .param("id", id)
                .param("userId", mail.userId())
                .param("format", format.name())
                .param("template", mail.template())
                .param("dedupeKey", mail.dedupeKey())
                .param("recipient", mail.recipient())
                .param("subject", mail.subject())
                .param("body", encryptedBody)
                .param("dueAt", Timestamp.from(dueAt))
                .update();
        return inserted == 1;
    }

    /** Inserts a pending text message; returns false when one with the same dedupe key already exists. */
    boolean insertPendingSms(UUID id, OutgoingSms sms, String encryptedBody, Instant dueAt) {
        int inserted = jdbc.sql("""
                        INSERT INTO notifications (id, user_id, channel, format, template, dedupe_key, recipient,
                                                   subject, body, status, attempts, next_attempt_at)
                        VALUES (:id, :userId, 'SMS', 'TEXT', :template, :dedupeKey, :recipient,
                                NULL, :body, 'PENDING', 0, :dueAt)
                        ON CONFLICT (dedupe_key) DO NOTHING
                        """)
                .param("id", id)
                .param("userId", sms.userId())
                .param("template", sms.template())
                .param("dedupeKey", sms.dedupeKey())
                .param("recipient", sms.to())
                .param("body", encryptedBody)
                .param("dueAt", Timestamp.from(dueAt))
                .update();
        return inserted == 1;
    }

    /**
     * Account deletion: the user's mails, and any mail to one of their addresses, keep only their template, state and
     * times. Mails not yet sent are given up, so nothing reaches the address after deletion.
     */
    int eraseRecipient(UUID userId, List<String> addresses, String pseudonymousAddress) {
        return jdbc.sql("""
                        UPDATE notifications
                        SET recipient = :pseudonym,
                            subject = NULL,
                            body = '',
                            status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
                            next_attempt_at = CASE WHEN status = 'PENDING' THEN NULL ELSE next_attempt_at END,
                            last_error = CASE WHEN status = 'PENDING' THEN 'RECIPIENT_ERASED' END
                        WHERE user_id = :userId
                           OR lower(recipient) = ANY (CAST(:addresses AS text[]))
                        """)
                .param("pseudonym", pseudonymousAddress)
                .param("userId", userId)
                .param(
                        "addresses",
                        addresses.stream()
                                .map(address -> address.toLowerCase(Locale.ROOT))
                                .toArray(String[]::new))
                .update();
    }

    /** Leases up to {@code limit} due e-mails (see {@link #claimDue(Channel, Instant, Instant, int)}). */
    List<ClaimedMail> claimDue(Instant now, Instant leaseUntil, int limit) {
        return claimDue(Channel.EMAIL, now, leaseUntil, limit);
    }

    /**
     * Leases up to {@code limit} due messages of the channel, oldest due first: rows another dispatcher holds locked
     * are skipped, and the lease (a later {@code next_attempt_at}) hides the claimed ones from everyone once this
     * statement commits.
     */
    List<ClaimedMail> claimDue(Channel channel, Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT id
                            FROM notifications
                            WHERE status = 'PENDING' AND channel = :channel AND next_attempt_at <= :now
                            ORDER BY next_attempt_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED
                        )
                        UPDATE notifications n
                        SET attempts = n.attempts + 1, next_attempt_at = :leaseUntil
                        FROM due
                        WHERE n.id = due.id
                        RETURNING n.id, n.template, n.recipient, n.subject, n.body, n.attempts, n.next_attempt_at, n.format
                        """)
                .param("channel", channel.name())
                .param("now", Timestamp.from(now))
                .param("leaseUntil", Timestamp.from(leaseUntil))
                .param("limit", limit)
                .query(MailOutboxRows::claimedMail)
                .list();
    }

    /** The relay accepted it: keep the fact, erase the content (its links must not outlive their use). */
    void markSent(UUID id, Instant sentAt) {
        jdbc.sql("""
                        UPDATE notifications
                        SET status = 'SENT', sent_at = :sentAt, body = '', next_attempt_at = NULL, last_error = NULL
                        WHERE id = :id AND status = 'PENDING'
                        """).param("id", id).param("sentAt", Timestamp.from(sentAt)).update();
    }

    void scheduleRetry(ClaimedMail mail, Instant retryAt, String error) {
        jdbc.sql("""
                        UPDATE notifications
                        SET next_attempt_at = :retryAt, last_error = :error
                        WHERE id = :id AND status = 'PENDING' AND attempts = :attempts
                        """)
                .param("id", mail.id())
                .param("attempts", mail.attempts())
                .param("retryAt", Timestamp.from(retryAt))
                .param("error", error)
                .update();
    }

    /** Gives up on a mail; its body is erased as well, since nothing will send it any more. */
    void markFailed(ClaimedMail mail, String error) {
        jdbc.sql("""
                        UPDATE notifications
                        SET status = 'FAILED', body = '', next_attempt_at = NULL, last_error = :error
                        WHERE id = :id AND status = 'PENDING' AND attempts = :attempts
                        """)
                .param("id", mail.id())
                .param("attempts", mail.attempts())
                .param("error", error)
                .update();
    }

    /** Hands back a claimed mail that was not tried, without counting the attempt. */
    void release(ClaimedMail mail, Instant dueAt) {
        jdbc.sql("""
                        UPDATE notifications
                        SET next_attempt_at = :dueAt, attempts = attempts - 1
                        WHERE id = :id AND status = 'PENDING' AND attempts = :attempts
                        """)
                .param("id", mail.id())
                .param("attempts", mail.attempts())
                .param("dueAt", Timestamp.from(dueAt))
                .update();
    }

    private static ClaimedMail claimedMail(ResultSet row, int rowNumber) throws SQLException {
        return new ClaimedMail(
                row.getObject("id", UUID.class),
                row.getString("template"),
                row.getString("recipient"),
                row.getString("subject"),
                row.getString("body"),
                row.getInt("attempts"),
                row.getTimestamp("next_attempt_at").toInstant(),
                MailFormat.valueOf(row.getString("format")));
    }
}
