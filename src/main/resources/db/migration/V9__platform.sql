-- Cross-cutting tables: audit log, due timers, idempotency records, webhook inbox, notification outbox and
-- preferences, and Spring Modulith's event publication registry.

-- audit module: append-only. Rows carry user ids, never names or e-mail addresses. actor_id NULL = the system.
-- No foreign keys: an audit row must always be writable and outlives whatever it names.
CREATE TABLE audit_logs (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    action      text        NOT NULL,
    entity_type text        NOT NULL,
    -- Text, not uuid: some audited things are not uuid-keyed.
    entity_id   text,
    ip          inet,
    user_agent  text,
    request_id  text,
    details     jsonb       NOT NULL DEFAULT '{}',
    CONSTRAINT audit_logs_pkey PRIMARY KEY (id),
    CONSTRAINT audit_logs_action_check CHECK (char_length(action) BETWEEN 1 AND 100),
    CONSTRAINT audit_logs_entity_type_check CHECK (char_length(entity_type) BETWEEN 1 AND 100),
    CONSTRAINT audit_logs_entity_id_check CHECK (char_length(entity_id) BETWEEN 1 AND 200),
    CONSTRAINT audit_logs_user_agent_check CHECK (char_length(user_agent) <= 1000),
    CONSTRAINT audit_logs_request_id_check CHECK (char_length(request_id) <= 200),
    CONSTRAINT audit_logs_details_check CHECK (jsonb_typeof(details) = 'object')
);

CREATE TRIGGER audit_logs_append_only
    BEFORE UPDATE OR DELETE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION forbid_modification();
CREATE TRIGGER audit_logs_no_truncate
    BEFORE TRUNCATE ON audit_logs
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_modification();

-- Admin search: by actor, by entity, by action, each newest first; and the whole log by time.
CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_id, occurred_at DESC);
CREATE INDEX audit_logs_entity_idx ON audit_logs (entity_type, entity_id, occurred_at DESC);
CREATE INDEX audit_logs_action_idx ON audit_logs (action, occurred_at DESC);
CREATE INDEX audit_logs_occurred_at_idx ON audit_logs (occurred_at DESC);

-- Every clock in domain.md. A poller claims due rows with FOR UPDATE SKIP LOCKED and fires each in the transaction
-- that marks it FIRED, so no timer fires twice however many instances run. While paused (a dispute is open) the
-- remaining time is kept in remaining_ms and due_at is NULL; resuming sets due_at = now + remaining.
CREATE TABLE due_timers (
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    kind         text        NOT NULL,
    subject_id   uuid        NOT NULL,
    due_at       timestamptz,
    remaining_ms bigint,
    status       text        NOT NULL DEFAULT 'SCHEDULED',
    fired_at     timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT due_timers_pkey PRIMARY KEY (id),
    CONSTRAINT due_timers_kind_check CHECK (kind ~ '^[A-Z][A-Z0-9_]{0,63}$'),
    CONSTRAINT due_timers_status_check CHECK (status IN ('SCHEDULED', 'PAUSED', 'FIRED', 'CANCELLED')),
    CONSTRAINT due_timers_scheduled_check
        CHECK (status <> 'SCHEDULED' OR (due_at IS NOT NULL AND remaining_ms IS NULL)),
    CONSTRAINT due_timers_paused_check
        CHECK (status <> 'PAUSED' OR (due_at IS NULL AND remaining_ms IS NOT NULL)),
    CONSTRAINT due_timers_remaining_check CHECK (remaining_ms >= 0),
    CONSTRAINT due_timers_fired_check CHECK ((status = 'FIRED') = (fired_at IS NOT NULL))
);

CREATE TRIGGER due_timers_set_updated_at
    BEFORE INSERT OR UPDATE ON due_timers
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One live timer of a kind per subject.
CREATE UNIQUE INDEX due_timers_one_live_per_kind_subject_key ON due_timers (kind, subject_id)
    WHERE status IN ('SCHEDULED', 'PAUSED');
-- The poller: WHERE status = 'SCHEDULED' AND due_at <= now() ORDER BY due_at FOR UPDATE SKIP LOCKED.
CREATE INDEX due_timers_scheduled_due_idx ON due_timers (due_at) WHERE status = 'SCHEDULED';
-- Pausing and resuming every clock of a contract.
CREATE INDEX due_timers_live_subject_idx ON due_timers (subject_id) WHERE status IN ('SCHEDULED', 'PAUSED');

-- Idempotency-Key records for money-moving requests, unique per user and key.
CREATE TABLE idempotency_keys (
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id          uuid        NOT NULL,
    idem_key         text        NOT NULL,
    method           text        NOT NULL,
    route            text        NOT NULL,
    request_hash     bytea       NOT NULL,
    status           text        NOT NULL DEFAULT 'IN_PROGRESS',
    response_status  integer,
    response_body    text,
    response_headers jsonb,
    created_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    expires_at       timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (id),
    CONSTRAINT idempotency_keys_user_key_key UNIQUE (user_id, idem_key),
    CONSTRAINT idempotency_keys_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT idempotency_keys_idem_key_check CHECK (char_length(idem_key) BETWEEN 1 AND 255),
    CONSTRAINT idempotency_keys_method_check CHECK (method IN ('POST', 'PUT', 'PATCH', 'DELETE')),
    CONSTRAINT idempotency_keys_route_check CHECK (char_length(route) BETWEEN 1 AND 500),
    CONSTRAINT idempotency_keys_request_hash_check CHECK (octet_length(request_hash) BETWEEN 16 AND 64),
    CONSTRAINT idempotency_keys_status_check CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
    CONSTRAINT idempotency_keys_response_status_check CHECK (response_status BETWEEN 100 AND 599),
    CONSTRAINT idempotency_keys_completed_check
        CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL AND response_status IS NOT NULL)),
    CONSTRAINT idempotency_keys_response_headers_check CHECK (jsonb_typeof(response_headers) = 'object')
);

CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);

-- Inbound provider webhooks: each event id is recorded once, so a duplicate delivery changes nothing.
CREATE TABLE webhook_events (
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    provider     text        NOT NULL,
    event_id     text        NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    processed_at timestamptz,
    CONSTRAINT webhook_events_pkey PRIMARY KEY (id),
    CONSTRAINT webhook_events_provider_event_key UNIQUE (provider, event_id),
    CONSTRAINT webhook_events_provider_check CHECK (provider ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    CONSTRAINT webhook_events_event_id_check CHECK (char_length(event_id) BETWEEN 1 AND 255),
    CONSTRAINT webhook_events_event_type_check CHECK (char_length(event_type) BETWEEN 1 AND 255)
);

CREATE INDEX webhook_events_unprocessed_idx ON webhook_events (received_at) WHERE processed_at IS NULL;

-- notifications module: e-mail and SMS outbox, delivered by a worker with retries.
CREATE TABLE notifications (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id         uuid        NOT NULL,
    channel         text        NOT NULL,
    template        text        NOT NULL,
    dedupe_key      text        NOT NULL,
    recipient       text        NOT NULL,
    subject         text,
    body            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    CONSTRAINT notifications_pkey PRIMARY KEY (id),
    CONSTRAINT notifications_dedupe_key_key UNIQUE (dedupe_key),
    CONSTRAINT notifications_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT notifications_channel_check CHECK (channel IN ('EMAIL', 'SMS')),
    CONSTRAINT notifications_template_check CHECK (char_length(template) BETWEEN 1 AND 100),
    CONSTRAINT notifications_dedupe_key_check CHECK (char_length(dedupe_key) BETWEEN 1 AND 255),
    CONSTRAINT notifications_recipient_check CHECK (char_length(recipient) BETWEEN 1 AND 320),
    CONSTRAINT notifications_subject_check CHECK (char_length(subject) <= 300),
    CONSTRAINT notifications_body_check CHECK (char_length(body) <= 100000),
    CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    CONSTRAINT notifications_attempts_check CHECK (attempts >= 0),
    CONSTRAINT notifications_pending_check CHECK (status <> 'PENDING' OR next_attempt_at IS NOT NULL),
    CONSTRAINT notifications_sent_check CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);

CREATE TRIGGER notifications_set_updated_at
    BEFORE INSERT OR UPDATE ON notifications
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
-- The delivery worker: WHERE status = 'PENDING' AND next_attempt_at <= now() ... FOR UPDATE SKIP LOCKED.
CREATE INDEX notifications_pending_due_idx ON notifications (next_attempt_at) WHERE status = 'PENDING';

CREATE TABLE notification_preferences (
    user_id     uuid        NOT NULL,
    event_group text        NOT NULL,
    channel     text        NOT NULL,
    enabled     boolean     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_preferences_pkey PRIMARY KEY (user_id, event_group, channel),
    CONSTRAINT notification_preferences_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT notification_preferences_event_group_check CHECK (event_group ~ '^[A-Z][A-Z0-9_]{0,63}$'),
    CONSTRAINT notification_preferences_channel_check CHECK (channel IN ('EMAIL', 'SMS'))
);

CREATE TRIGGER notification_preferences_set_updated_at
    BEFORE INSERT OR UPDATE ON notification_preferences
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Spring Modulith 2.0 JDBC event publication registry (schema v2), verbatim: the transactional outbox for
-- after-commit reactions. Do not rename anything here; Modulith's own SQL addresses these names.
CREATE TABLE IF NOT EXISTS event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_by_completion_date_idx ON event_publication (completion_date);

CREATE TABLE IF NOT EXISTS event_publication_archive
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS event_publication_archive_serialized_event_hash_idx ON event_publication_archive USING hash(serialized_event);
CREATE INDEX IF NOT EXISTS event_publication_archive_by_completion_date_idx ON event_publication_archive (completion_date);
