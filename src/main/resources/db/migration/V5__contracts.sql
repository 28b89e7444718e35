-- contracts module: an accepted bid becomes a contract holding a snapshot of the accepted terms.

CREATE TABLE bid_contracts (
    id                       uuid        NOT NULL DEFAULT gen_random_uuid(),
    job_id                   uuid        NOT NULL,
    bid_id                   uuid        NOT NULL,
    homeowner_id             uuid        NOT NULL,
    contractor_id            uuid        NOT NULL,
    -- Snapshot of the accepted terms.
    amount_minor             bigint      NOT NULL,
    currency                 char(3)     NOT NULL,
    fee_rate_bps             integer     NOT NULL,
    scope_text               text        NOT NULL,
    job_title                text        NOT NULL,
    estimated_duration_days  integer,
    status                   text        NOT NULL DEFAULT 'PENDING_FUNDING',
    -- Where a withdrawn dispute returns the contract to.
    status_before_dispute    text,
    -- Payment-provider grouping of the charge and the transfers that belong to this contract.
    transfer_group           text,
    -- Mutual cancellation of a funded contract: one party proposes, the other accepts.
    cancellation_proposed_by uuid,
    cancellation_proposed_at timestamptz,
    accepted_at              timestamptz NOT NULL DEFAULT now(),
    funded_at                timestamptz,
    ended_at                 timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bid_contracts_pkey PRIMARY KEY (id),
    -- One contract per job, one per bid.
    CONSTRAINT bid_contracts_job_key UNIQUE (job_id),
    CONSTRAINT bid_contracts_bid_key UNIQUE (bid_id),
    CONSTRAINT bid_contracts_transfer_group_key UNIQUE (transfer_group),
    -- Target of escrow_accounts' composite key: escrow is held in the contract's currency.
    CONSTRAINT bid_contracts_id_currency_key UNIQUE (id, currency),
    CONSTRAINT bid_contracts_job_homeowner_fk FOREIGN KEY (job_id, homeowner_id) REFERENCES jobs (id, homeowner_id),
    CONSTRAINT bid_contracts_bid_job_contractor_fk
        FOREIGN KEY (bid_id, job_id, contractor_id) REFERENCES bids (id, job_id, contractor_id),
    CONSTRAINT bid_contracts_homeowner_fk FOREIGN KEY (homeowner_id) REFERENCES users (id),
    CONSTRAINT bid_contracts_contractor_fk FOREIGN KEY (contractor_id) REFERENCES users (id),
    CONSTRAINT bid_contracts_cancellation_proposed_by_fk FOREIGN KEY (cancellation_proposed_by) REFERENCES users (id),
    CONSTRAINT bid_contracts_parties_check CHECK (homeowner_id <> contractor_id),
    CONSTRAINT bid_contracts_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000000),
    CONSTRAINT bid_contracts_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT bid_contracts_fee_rate_check CHECK (fee_rate_bps BETWEEN 0 AND 10000),
    CONSTRAINT bid_contracts_scope_text_check CHECK (char_length(scope_text) BETWEEN 1 AND 5000),
    CONSTRAINT bid_contracts_job_title_check CHECK (char_length(job_title) BETWEEN 1 AND 120),
    CONSTRAINT bid_contracts_estimated_duration_check CHECK (estimated_duration_days BETWEEN 1 AND 3650),
    CONSTRAINT bid_contracts_transfer_group_check CHECK (char_length(transfer_group) BETWEEN 1 AND 255),
    CONSTRAINT bid_contracts_status_check CHECK (status IN (
        'PENDING_FUNDING', 'FUNDED', 'COMPLETION_SUBMITTED', 'DISPUTED', 'RELEASED', 'REFUNDED', 'SPLIT', 'CANCELLED')),
    -- Disputes open only from FUNDED or COMPLETION_SUBMITTED, and a disputed contract knows where to return.
    CONSTRAINT bid_contracts_status_before_dispute_check
        CHECK (status_before_dispute IN ('FUNDED', 'COMPLETION_SUBMITTED')),
    CONSTRAINT bid_contracts_disputed_check CHECK (status <> 'DISPUTED' OR status_before_dispute IS NOT NULL),
    CONSTRAINT bid_contracts_cancellation_check
        CHECK ((cancellation_proposed_by IS NULL) = (cancellation_proposed_at IS NULL)
            AND (cancellation_proposed_by IS NULL OR cancellation_proposed_by IN (homeowner_id, contractor_id))),
    -- Every state past PENDING_FUNDING except CANCELLED was reached through funding.
    CONSTRAINT bid_contracts_funded_check CHECK (status IN ('PENDING_FUNDING', 'CANCELLED') OR funded_at IS NOT NULL),
    CONSTRAINT bid_contracts_ended_check
        CHECK ((status IN ('RELEASED', 'REFUNDED', 'SPLIT', 'CANCELLED')) = (ended_at IS NOT NULL))
);

CREATE TRIGGER bid_contracts_set_updated_at
    BEFORE INSERT OR UPDATE ON bid_contracts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX bid_contracts_homeowner_idx ON bid_contracts (homeowner_id, created_at DESC);
CREATE INDEX bid_contracts_contractor_idx ON bid_contracts (contractor_id, created_at DESC);
CREATE INDEX bid_contracts_cancellation_proposed_by_idx ON bid_contracts (cancellation_proposed_by);
CREATE INDEX bid_contracts_status_idx ON bid_contracts (status, updated_at);
