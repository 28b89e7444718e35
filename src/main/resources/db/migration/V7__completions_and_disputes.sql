-- completions module (completion submissions, evidence) and disputes module (disputes, responses, statements).

CREATE TABLE job_completions (
    id                    uuid        NOT NULL DEFAULT gen_random_uuid(),
    contract_id           uuid        NOT NULL,
    submitted_by          uuid        NOT NULL,
    summary               text        NOT NULL,
    notes                 text,
    status                text        NOT NULL DEFAULT 'SUBMITTED',
    change_request_reason text,
    submitted_at          timestamptz NOT NULL DEFAULT now(),
    decided_at            timestamptz,
    -- The homeowner who approved or asked for changes; NULL when the approval window ran out (AUTO_APPROVED).
    decided_by            uuid,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT job_completions_pkey PRIMARY KEY (id),
    CONSTRAINT job_completions_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT job_completions_submitted_by_fk FOREIGN KEY (submitted_by) REFERENCES users (id),
    CONSTRAINT job_completions_decided_by_fk FOREIGN KEY (decided_by) REFERENCES users (id),
    CONSTRAINT job_completions_summary_check CHECK (char_length(summary) BETWEEN 1 AND 2000),
    CONSTRAINT job_completions_notes_check CHECK (char_length(notes) <= 5000),
    CONSTRAINT job_completions_status_check
        CHECK (status IN ('SUBMITTED', 'APPROVED', 'AUTO_APPROVED', 'CHANGES_REQUESTED')),
    CONSTRAINT job_completions_change_request_reason_check
        CHECK ((status = 'CHANGES_REQUESTED') = (change_request_reason IS NOT NULL)
            AND char_length(change_request_reason) BETWEEN 1 AND 2000),
    CONSTRAINT job_completions_decided_check CHECK ((status = 'SUBMITTED') = (decided_at IS NULL)),
    CONSTRAINT job_completions_decided_by_check
        CHECK (CASE status
                   WHEN 'SUBMITTED' THEN decided_by IS NULL
                   WHEN 'AUTO_APPROVED' THEN decided_by IS NULL
                   ELSE decided_by IS NOT NULL
               END)
);

CREATE TRIGGER job_completions_set_updated_at
    BEFORE INSERT OR UPDATE ON job_completions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX job_completions_contract_idx ON job_completions (contract_id, submitted_at DESC);
CREATE INDEX job_completions_submitted_by_idx ON job_completions (submitted_by);
CREATE INDEX job_completions_decided_by_idx ON job_completions (decided_by);
-- One submission awaiting a decision per contract, and at most one approval.
CREATE UNIQUE INDEX job_completions_one_submitted_per_contract_key ON job_completions (contract_id)
    WHERE status = 'SUBMITTED';
CREATE UNIQUE INDEX job_completions_one_approved_per_contract_key ON job_completions (contract_id)
    WHERE status IN ('APPROVED', 'AUTO_APPROVED');

CREATE TABLE disputes (
    id                     uuid        NOT NULL DEFAULT gen_random_uuid(),
    contract_id            uuid        NOT NULL,
    opened_by              uuid        NOT NULL,
    reason                 text        NOT NULL,
    desired_outcome        text        NOT NULL,
    -- Amount to the contractor the opener asks for when desired_outcome is SPLIT.
    desired_split_minor    bigint,
    statement              text        NOT NULL,
    status                 text        NOT NULL DEFAULT 'OPEN',
    resolution             text,
    -- Amount to the contractor when resolved as SPLIT (the rest is refunded).
    resolution_split_minor bigint,
    resolution_reason      text,
    -- The admin who resolved it; NULL when the response clock resolved it.
    resolved_by            uuid,
    resolved_at            timestamptz,
    -- The response clock: it never pauses.
    response_due_at        timestamptz NOT NULL,
    responded_at           timestamptz,
    withdrawn_at           timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT disputes_pkey PRIMARY KEY (id),
    CONSTRAINT disputes_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT disputes_opened_by_fk FOREIGN KEY (opened_by) REFERENCES users (id),
    CONSTRAINT disputes_resolved_by_fk FOREIGN KEY (resolved_by) REFERENCES users (id),
    CONSTRAINT disputes_reason_check CHECK (char_length(reason) BETWEEN 1 AND 500),
    CONSTRAINT disputes_desired_outcome_check CHECK (desired_outcome IN ('RELEASE', 'REFUND', 'SPLIT')),
    CONSTRAINT disputes_desired_split_check
        CHECK ((desired_outcome = 'SPLIT') = (desired_split_minor IS NOT NULL) AND desired_split_minor > 0),
    CONSTRAINT disputes_statement_check CHECK (char_length(statement) BETWEEN 1 AND 5000),
    CONSTRAINT disputes_status_check CHECK (status IN ('OPEN', 'AWAITING_MEDIATION', 'RESOLVED', 'WITHDRAWN')),
    CONSTRAINT disputes_resolution_value_check CHECK (resolution IN ('RELEASE', 'REFUND', 'SPLIT')),
    -- The resolution and its time are set exactly when the dispute is RESOLVED; an admin's resolution has a reason.
    CONSTRAINT disputes_resolution_check
        CHECK (CASE WHEN status = 'RESOLVED'
                    THEN resolution IS NOT NULL AND resolved_at IS NOT NULL
                         AND (resolved_by IS NULL OR resolution_reason IS NOT NULL)
                    ELSE resolution IS NULL AND resolution_reason IS NULL AND resolved_at IS NULL
                         AND resolved_by IS NULL AND resolution_split_minor IS NULL
               END),
    CONSTRAINT disputes_resolution_split_check
        CHECK ((resolution = 'SPLIT') = (resolution_split_minor IS NOT NULL) AND resolution_split_minor > 0),
    CONSTRAINT disputes_resolution_reason_check CHECK (char_length(resolution_reason) BETWEEN 1 AND 5000),
    CONSTRAINT disputes_withdrawn_check CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL))
);

CREATE TRIGGER disputes_set_updated_at
    BEFORE INSERT OR UPDATE ON disputes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX disputes_contract_idx ON disputes (contract_id, created_at DESC);
CREATE INDEX disputes_opened_by_idx ON disputes (opened_by);
CREATE INDEX disputes_resolved_by_idx ON disputes (resolved_by);
-- One open dispute per contract.
CREATE UNIQUE INDEX disputes_one_open_per_contract_key ON disputes (contract_id)
    WHERE status IN ('OPEN', 'AWAITING_MEDIATION');
-- The admin queue and the response-clock sweep.
CREATE INDEX disputes_open_queue_idx ON disputes (created_at) WHERE status IN ('OPEN', 'AWAITING_MEDIATION');

CREATE TABLE dispute_responses (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    dispute_id uuid        NOT NULL,
    author_id  uuid        NOT NULL,
    kind       text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dispute_responses_pkey PRIMARY KEY (id),
    CONSTRAINT dispute_responses_dispute_fk FOREIGN KEY (dispute_id) REFERENCES disputes (id),
    CONSTRAINT dispute_responses_author_fk FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT dispute_responses_kind_check CHECK (kind IN ('RESPONSE', 'STATEMENT')),
    CONSTRAINT dispute_responses_body_check CHECK (char_length(body) BETWEEN 1 AND 5000)
);

CREATE INDEX dispute_responses_dispute_idx ON dispute_responses (dispute_id, created_at);
CREATE INDEX dispute_responses_author_idx ON dispute_responses (author_id);
-- The other party's response (which moves the dispute to AWAITING_MEDIATION) happens once.
CREATE UNIQUE INDEX dispute_responses_one_response_per_dispute_key ON dispute_responses (dispute_id)
    WHERE kind = 'RESPONSE';

-- Photos and documents attached to a completion submission or to a dispute (exactly one of them).
-- Files live in object storage under storage_key and are never served from a public URL.
CREATE TABLE evidence_files (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    completion_id     uuid,
    dispute_id        uuid,
    uploaded_by       uuid        NOT NULL,
    storage_key       text        NOT NULL,
    original_filename text,
    -- Checked by content (magic bytes), not by the declared type.
    content_type      text        NOT NULL,
    size_bytes        bigint      NOT NULL,
    sha256            bytea       NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT evidence_files_pkey PRIMARY KEY (id),
    CONSTRAINT evidence_files_storage_key_key UNIQUE (storage_key),
    CONSTRAINT evidence_files_completion_fk FOREIGN KEY (completion_id) REFERENCES job_completions (id),
    CONSTRAINT evidence_files_dispute_fk FOREIGN KEY (dispute_id) REFERENCES disputes (id),
    CONSTRAINT evidence_files_uploaded_by_fk FOREIGN KEY (uploaded_by) REFERENCES users (id),
    CONSTRAINT evidence_files_owner_check CHECK (num_nonnulls(completion_id, dispute_id) = 1),
    CONSTRAINT evidence_files_storage_key_check CHECK (char_length(storage_key) BETWEEN 1 AND 1024),
    CONSTRAINT evidence_files_original_filename_check CHECK (char_length(original_filename) BETWEEN 1 AND 255),
    CONSTRAINT evidence_files_content_type_check
        CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')),
    CONSTRAINT evidence_files_size_check CHECK (size_bytes BETWEEN 1 AND 10485760),
    CONSTRAINT evidence_files_sha256_check CHECK (octet_length(sha256) = 32)
);

CREATE INDEX evidence_files_completion_idx ON evidence_files (completion_id);
CREATE INDEX evidence_files_dispute_idx ON evidence_files (dispute_id);
CREATE INDEX evidence_files_uploaded_by_idx ON evidence_files (uploaded_by);
