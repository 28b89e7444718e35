-- reviews module: one rating window per contract that ended with money moved through escrow and may be reviewed
-- (RELEASED, SPLIT, or REFUNDED by a dispute's decision; never a mutual cancellation). The row is written in the
-- transaction that moves the money, with the rating clock (due timer REVIEW_RATING_WINDOW_CLOSES, subject = the
-- contract). It is also the row both parties' submissions and the clock lock, so the reviews of a contract are
-- published together exactly once: published_at is set when both parties have reviewed or the window closed.
-- The parties are copied from the contract (bid_contracts keeps the authoritative ones).

CREATE TABLE review_windows (
    contract_id   uuid        NOT NULL,
    homeowner_id  uuid        NOT NULL,
    contractor_id uuid        NOT NULL,
    outcome       text        NOT NULL,
    exit_cause    text        NOT NULL,
    ended_at      timestamptz NOT NULL,
    closes_at     timestamptz NOT NULL,
    published_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT review_windows_pkey PRIMARY KEY (contract_id),
    CONSTRAINT review_windows_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT review_windows_parties_check CHECK (homeowner_id <> contractor_id),
    CONSTRAINT review_windows_outcome_check CHECK (outcome IN ('RELEASED', 'REFUNDED', 'SPLIT')),
    CONSTRAINT review_windows_exit_cause_check
        CHECK (exit_cause IN ('APPROVAL', 'APPROVAL_WINDOW', 'DISPUTE_RESOLUTION', 'DISPUTE_RESPONSE_WINDOW')),
    -- A refund opens a window only when a dispute decided it (a mutual cancellation never reaches this table).
    CONSTRAINT review_windows_refund_check
        CHECK (outcome <> 'REFUNDED' OR exit_cause IN ('DISPUTE_RESOLUTION', 'DISPUTE_RESPONSE_WINDOW')),
    CONSTRAINT review_windows_closes_check CHECK (closes_at > ended_at),
    CONSTRAINT review_windows_published_check CHECK (published_at IS NULL OR published_at >= ended_at)
);

CREATE TRIGGER review_windows_set_updated_at
    BEFORE INSERT OR UPDATE ON review_windows
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

