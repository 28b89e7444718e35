package com.fairtradeworker.escrow.stripe;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook inbox ({@code webhook_events}, V9): each Stripe event id is recorded once, in the transaction that applies
 * its effect, so the {@code UNIQUE (provider, event_id)} constraint makes a duplicate delivery a no-op even when two
 * deliveries race (the second insert waits for the first to commit and then inserts nothing).
 */
@Repository
class WebhookEvents {

    static final String PROVIDER = "STRIPE";

    private final JdbcClient jdbc;

    WebhookEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean seen(String eventId) {
        return jdbc.sql("SELECT count(*) FROM webhook_events WHERE provider = ? AND event_id = ?")
                        .params(PROVIDER, eventId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Records the event as processed now; false when it was recorded before (a duplicate: apply nothing). */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean record(String eventId, String type, String payloadJson, Instant now) {
        return jdbc.sql("""
                        INSERT INTO webhook_events (provider, event_id, event_type, payload, received_at, processed_at)
                        VALUES (:provider, :eventId, :type, CAST(:payload AS jsonb), :now, :now)
                        ON CONFLICT (provider, event_id) DO NOTHING
                        """)
                        .param("provider", PROVIDER)
                        .param("eventId", eventId)
                        .param("type", type)
                        .param("payload", payloadJson)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }
}
