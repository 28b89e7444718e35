-- escrow module (escrow.stripe): the daily reconciliation of the ledger with Stripe. Each run covers a window of
-- journal movements (the next run starts where the last one ended); each difference it finds is kept for admins
-- (GET /api/admin/reconciliation) and also written to audit_logs.

CREATE TABLE reconciliation_runs (
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    provider     text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    checked      integer     NOT NULL DEFAULT 0,
    mismatches   integer     NOT NULL DEFAULT 0,
    completed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reconciliation_runs_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_runs_provider_check CHECK (provider IN ('STRIPE')),
    CONSTRAINT reconciliation_runs_window_check CHECK (window_start < window_end),
    CONSTRAINT reconciliation_runs_counts_check CHECK (checked >= 0 AND mismatches >= 0)
);

CREATE INDEX reconciliation_runs_window_end_idx ON reconciliation_runs (window_end DESC);

-- No foreign keys to contracts or the journal: a finding names what it found, like an audit row.
CREATE TABLE reconciliation_mismatches (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    run_id             uuid        NOT NULL,
    kind               text        NOT NULL,
    contract_id        uuid,
    transaction_id     uuid,
    provider_reference text,
    -- Our amount and Stripe's (minor units of currency), where the difference is one of amounts.
    expected_minor     bigint,
    reported_minor     bigint,
    currency           char(3),
    detail             text        NOT NULL,
    found_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reconciliation_mismatches_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_mismatches_run_fk FOREIGN KEY (run_id) REFERENCES reconciliation_runs (id),
    CONSTRAINT reconciliation_mismatches_kind_check CHECK (kind ~ '^[A-Z][A-Z_]{0,63}$'),
    CONSTRAINT reconciliation_mismatches_provider_reference_check
        CHECK (char_length(provider_reference) BETWEEN 1 AND 255),
    CONSTRAINT reconciliation_mismatches_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT reconciliation_mismatches_detail_check CHECK (char_length(detail) BETWEEN 1 AND 1000)
);

CREATE INDEX reconciliation_mismatches_found_at_idx ON reconciliation_mismatches (found_at DESC);
CREATE INDEX reconciliation_mismatches_run_idx ON reconciliation_mismatches (run_id);
