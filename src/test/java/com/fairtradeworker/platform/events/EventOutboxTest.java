package com.fairtradeworker.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After-commit reactions go through Modulith's JDBC publication registry: the event is stored with the transaction
 * that publishes it, stays incomplete while its listener fails (as after a crash), and is delivered again when
 * incomplete publications are resubmitted, which the service does on every restart
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 */
@IntegrationTest
class EventOutboxTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    IncompleteEventPublications incomplete;

    @Autowired
    FlakyOutboxListener listener;

    @Autowired
    DatabaseRoles db;

    @Test
    void aFailedAfterCommitReactionIsKeptAndRedelivered() {
        UUID subject = UUID.randomUUID();
        listener.failNextDeliveryOf(subject);

        transactions.executeWithoutResult(status -> events.publishEvent(new OutboxProbeEvent(subject)));

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.attempts(subject) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> publicationsOf(subject, false) == 1);
        assertThat(listener.deliveries(subject)).isZero();

        incomplete.resubmitIncompletePublications(
                publication -> publication.getEvent() instanceof OutboxProbeEvent probe
                        && probe.subject().equals(subject));

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.deliveries(subject) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> publicationsOf(subject, true) == 1);
    }

    @Test
    void nothingIsPublishedWhenThePublishingTransactionRollsBack() {
        UUID subject = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            events.publishEvent(new OutboxProbeEvent(subject));
            status.setRollbackOnly();
        });

        assertThat(publicationsOf(subject, false) + publicationsOf(subject, true))
                .isZero();
        assertThat(listener.attempts(subject)).isZero();
    }

    private long publicationsOf(UUID subject, boolean completed) {
        return db.app()
                .sql("""
                        SELECT count(*) FROM event_publication
                        WHERE serialized_event LIKE :subject
                          AND (completion_date IS NOT NULL) = :completed
                        """)
                .param("subject", "%" + subject + "%")
                .param("completed", completed)
                .query(Long.class)
                .single();
    }
}
