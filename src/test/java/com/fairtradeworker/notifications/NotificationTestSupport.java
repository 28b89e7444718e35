package com.fairtradeworker.notifications;

import static org.awaitility.Awaitility.await;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.TestMailServer;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waiting for the asynchronous, after-commit notification listeners without sleeping: polls Modulith's publication
 * registry (bounded) until a listener has finished handling the event about a subject, and reads the outbox rows a
 * user received.
 */
final class NotificationTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final DatabaseRoles db;

    NotificationTestSupport(DatabaseRoles db) {
        this.db = db;
    }

    /**
     * Waits until {@code listenerClass} completed {@code times} publications of events naming {@code subject} (the
     * registry keeps completed ones, marked with their completion date).
     */
    void awaitHandled(String listenerClass, UUID subject, int times) {
        await().atMost(PATIENCE).until(() -> completedPublications(listenerClass, subject) >= times);
    }

    long completedPublications(String listenerClass, UUID subject) {
        return db.app()
                .sql("""
                        SELECT count(*) FROM event_publication
                        WHERE listener_id LIKE :listener
                          AND serialized_event LIKE :subject
                          AND completion_date IS NOT NULL
                        """)
                .param("listener", "%.notifications.events." + listenerClass + ".%")
                .param("subject", "%" + subject + "%")
                .query(Long.class)
                .single();
    }

    /** The user's outbox rows of a template and channel, oldest first. */
    List<Map<String, Object>> rows(UUID userId, String template, String channel) {
        return db.app()
                .sql("""
                        SELECT id, channel, template, dedupe_key, recipient, status, attempts, format, body,
                               next_attempt_at, last_error
                        FROM notifications
                        WHERE user_id = :userId AND template = :template AND channel = :channel
                        ORDER BY created_at
                        """)
                .param("userId", userId)
                .param("template", template)
                .param("channel", channel)
                .query()
                .listOfRows();
    }

    /** Sets the account's phone number as the profiles would (not verified). */
    void setPhone(UUID userId, String phone) {
        db.app()
                .sql("UPDATE users SET phone = ?, phone_verified_at = NULL WHERE id = ?")
                .params(phone, userId)
                .update();
    }

    boolean phoneVerified(UUID userId) {
        return db.app()
                .sql("SELECT phone_verified_at IS NOT NULL FROM users WHERE id = ?")
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    /** A North American number of its own per call, so tests never read each other's messages. */
    static String uniquePhone() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "+1%03d%03d%04d".formatted(random.nextInt(201, 990), random.nextInt(200, 1000), random.nextInt(10_000));
    }

    static List<MimeMessage> withSubjectStarting(List<MimeMessage> messages, String prefix) {
        return messages.stream()
                .filter(message -> subject(message).startsWith(prefix))
                .toList();
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain and text/html parts of a multipart/alternative message. */
    record Parts(String text, String html) {}

    static Parts parts(MimeMessage message) {
        try {
            if (!(message.getContent() instanceof Multipart multipart)) {
                return new Parts(TestMailServer.textOf(message), null);
            }
            String text = null;
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            return new Parts(text, html);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Could not read the test message", e);
        }
    }
}
