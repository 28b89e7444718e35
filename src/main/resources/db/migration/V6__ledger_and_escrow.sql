-- escrow module: the double-entry ledger, escrow accounts, payments and payouts.
--
-- Signed amounts. The entries of one journal transaction sum to zero per currency; the amount an escrow account
-- holds is minus the sum of its entries.
--   FUND:    PROVIDER_CASH +A, ESCROW -A
--   RELEASE: ESCROW +A, CONTRACTOR_PAYABLE -(A - fee), PLATFORM_FEE_REVENUE -fee
--   REFUND:  ESCROW +A, PROVIDER_CASH -A
--   SPLIT:   a release part and a refund part in one journal transaction
--   PAYOUT:  CONTRACTOR_PAYABLE +P, PROVIDER_CASH -P
--   PROCESSING_FEE: PROCESSING_FEES +f, PROVIDER_CASH -f

CREATE TABLE ledger_accounts (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    kind       text        NOT NULL,
    currency   char(3)     NOT NULL,
    -- The contract for ESCROW, the contractor (user id) for CONTRACTOR_PAYABLE, NULL for the platform's own accounts.
    owner_id   uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_accounts_pkey PRIMARY KEY (id),
    -- Target of the composite keys that keep an entry in its account's currency.
    CONSTRAINT ledger_accounts_id_currency_key UNIQUE (id, currency),
    -- One account per kind, owner and currency. PostgreSQL 14 (the embedded server) has no NULLS NOT DISTINCT,
    -- so the owner-less accounts get their own partial unique index below; together they are
    -- UNIQUE NULLS NOT DISTINCT (kind, owner_id, currency).
    CONSTRAINT ledger_accounts_kind_owner_currency_key UNIQUE (kind, owner_id, currency),
    CONSTRAINT ledger_accounts_kind_check
        CHECK (kind IN ('PROVIDER_CASH', 'ESCROW', 'CONTRACTOR_PAYABLE', 'PLATFORM_FEE_REVENUE', 'PROCESSING_FEES')),
    CONSTRAINT ledger_accounts_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT ledger_accounts_owner_check
        CHECK ((kind IN ('ESCROW', 'CONTRACTOR_PAYABLE')) = (owner_id IS NOT NULL))
);

CREATE UNIQUE INDEX ledger_accounts_unowned_kind_currency_key ON ledger_accounts (kind, currency) WHERE owner_id IS NULL;

-- Journal transaction header: one per money movement.
CREATE TABLE transactions (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    kind               text        NOT NULL,
    contract_id        uuid,
    idempotency_key    text,
    provider_reference text,
    description        text,
    occurred_at        timestamptz NOT NULL DEFAULT now(),
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT transactions_pkey PRIMARY KEY (id),
    -- A retried operation finds its journal transaction instead of writing a second one (NULL keys never collide).
    CONSTRAINT transactions_kind_idempotency_key_key UNIQUE (kind, idempotency_key),
    CONSTRAINT transactions_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT transactions_kind_check
        CHECK (kind IN ('FUND', 'RELEASE', 'REFUND', 'SPLIT', 'PAYOUT', 'PROCESSING_FEE')),
    CONSTRAINT transactions_idempotency_key_check CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    CONSTRAINT transactions_provider_reference_check CHECK (char_length(provider_reference) BETWEEN 1 AND 255),
    CONSTRAINT transactions_description_check CHECK (char_length(description) <= 500),
    -- Escrow movements always name their contract.
    CONSTRAINT transactions_contract_check
        CHECK (kind NOT IN ('FUND', 'RELEASE', 'REFUND', 'SPLIT') OR contract_id IS NOT NULL)
);

CREATE INDEX transactions_contract_idx ON transactions (contract_id, occurred_at);
CREATE INDEX transactions_provider_reference_idx ON transactions (provider_reference) WHERE provider_reference IS NOT NULL;
CREATE INDEX transactions_occurred_at_idx ON transactions (occurred_at);
-- Escrow is funded once and leaves HELD once (release, refund or split), whatever the retries or races.
CREATE UNIQUE INDEX transactions_one_fund_per_contract_key ON transactions (contract_id) WHERE kind = 'FUND';
CREATE UNIQUE INDEX transactions_one_exit_per_contract_key ON transactions (contract_id)
    WHERE kind IN ('RELEASE', 'REFUND', 'SPLIT');

CREATE TABLE ledger_entries (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    transaction_id    uuid        NOT NULL,
    ledger_account_id uuid        NOT NULL,
    amount_minor      bigint      NOT NULL,
    currency          char(3)     NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_entries_pkey PRIMARY KEY (id),
    CONSTRAINT ledger_entries_transaction_fk FOREIGN KEY (transaction_id) REFERENCES transactions (id),
    -- An entry is always in its account's currency.
    CONSTRAINT ledger_entries_account_currency_fk
        FOREIGN KEY (ledger_account_id, currency) REFERENCES ledger_accounts (id, currency),
    CONSTRAINT ledger_entries_amount_check CHECK (amount_minor <> 0),
    CONSTRAINT ledger_entries_currency_check CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id);
CREATE INDEX ledger_entries_account_idx ON ledger_entries (ledger_account_id, currency) INCLUDE (amount_minor);

-- At commit: every journal transaction touched in this database transaction sums to zero per currency.
CREATE FUNCTION check_journal_transaction_balanced() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    unbalanced record;
BEGIN
    SELECT e.currency, sum(e.amount_minor) AS total
      INTO unbalanced
      FROM public.ledger_entries e
     WHERE e.transaction_id = NEW.transaction_id
     GROUP BY e.currency
    HAVING sum(e.amount_minor) <> 0
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal transaction % does not balance: its % entries sum to %',
            NEW.transaction_id, unbalanced.currency, unbalanced.total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entries_balanced';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_entries_balanced
    AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_journal_transaction_balanced();

-- At commit: a journal transaction has at least two entries (an empty or one-sided header is refused).
CREATE FUNCTION check_journal_transaction_has_entries() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF (SELECT count(*) FROM public.ledger_entries e WHERE e.transaction_id = NEW.id) < 2 THEN
        RAISE EXCEPTION 'journal transaction % has fewer than two ledger entries', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'transactions_have_entries';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER transactions_have_entries
    AFTER INSERT ON transactions
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_journal_transaction_has_entries();

-- At commit: no escrow account holds less than zero (its entries never sum above zero).
-- Two concurrent transactions moving money out of one escrow could each see only their own entries, so the check
-- first takes a NO KEY UPDATE lock on the escrow's ledger account: it does not conflict with the KEY SHARE locks
-- that the entries' foreign keys hold, and the second committer waits for the first and then sees its entries.
CREATE FUNCTION check_escrow_not_negative() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    total bigint;
BEGIN
    PERFORM 1 FROM public.ledger_accounts a
      WHERE a.id = NEW.ledger_account_id AND a.kind = 'ESCROW'
      FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT sum(e.amount_minor) INTO total FROM public.ledger_entries e WHERE e.ledger_account_id = NEW.ledger_account_id;
    IF total > 0 THEN
        RAISE EXCEPTION 'escrow ledger account % would hold % (below zero)', NEW.ledger_account_id, -total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_entries_escrow_not_negative';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER ledger_entries_escrow_not_negative
    AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    WHEN (NEW.amount_minor > 0)
    EXECUTE FUNCTION check_escrow_not_negative();

-- The journal is append-only.
CREATE TRIGGER transactions_append_only
    BEFORE UPDATE OR DELETE ON transactions
    FOR EACH ROW EXECUTE FUNCTION forbid_modification();
CREATE TRIGGER transactions_no_truncate
    BEFORE TRUNCATE ON transactions
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_modification();
CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION forbid_modification();
CREATE TRIGGER ledger_entries_no_truncate
    BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_modification();

-- One per contract. The cached figures are kept by the escrow module under the row lock;
-- escrow_balances (V10) derives the same figures from the ledger.
CREATE TABLE escrow_accounts (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    contract_id       uuid        NOT NULL,
    ledger_account_id uuid        NOT NULL,
    amount_minor      bigint      NOT NULL,
    currency          char(3)     NOT NULL,
    status            text        NOT NULL DEFAULT 'UNFUNDED',
    -- Set while a dispute is open: no release and no refund except through its resolution.
    frozen            boolean     NOT NULL DEFAULT false,
    funded_minor      bigint      NOT NULL DEFAULT 0,
    released_minor    bigint      NOT NULL DEFAULT 0,
    refunded_minor    bigint      NOT NULL DEFAULT 0,
    held_at           timestamptz,
    closed_at         timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT escrow_accounts_pkey PRIMARY KEY (id),
    -- One escrow account per contract, one ledger account per escrow account.
    CONSTRAINT escrow_accounts_contract_key UNIQUE (contract_id),
    CONSTRAINT escrow_accounts_ledger_account_key UNIQUE (ledger_account_id),
    CONSTRAINT escrow_accounts_contract_currency_fk FOREIGN KEY (contract_id, currency) REFERENCES bid_contracts (id, currency),
    CONSTRAINT escrow_accounts_ledger_account_currency_fk
        FOREIGN KEY (ledger_account_id, currency) REFERENCES ledger_accounts (id, currency),
    CONSTRAINT escrow_accounts_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000000),
    CONSTRAINT escrow_accounts_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT escrow_accounts_status_check
        CHECK (status IN ('UNFUNDED', 'HELD', 'RELEASED', 'REFUNDED', 'SPLIT', 'CANCELLED')),
    CONSTRAINT escrow_accounts_figures_check
        CHECK (funded_minor >= 0 AND released_minor >= 0 AND refunded_minor >= 0
            AND funded_minor <= amount_minor AND released_minor + refunded_minor <= funded_minor),
    CONSTRAINT escrow_accounts_held_check CHECK (status IN ('UNFUNDED', 'CANCELLED') OR held_at IS NOT NULL),
    CONSTRAINT escrow_accounts_closed_check
        CHECK ((status IN ('RELEASED', 'REFUNDED', 'SPLIT', 'CANCELLED')) = (closed_at IS NOT NULL))
);

CREATE TRIGGER escrow_accounts_set_updated_at
    BEFORE INSERT OR UPDATE ON escrow_accounts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE payments (
    id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
    contract_id         uuid        NOT NULL,
    provider            text        NOT NULL,
    -- The provider's id (a Stripe PaymentIntent id); NULL until the provider has answered.
    provider_payment_id text,
    amount_minor        bigint      NOT NULL,
    currency            char(3)     NOT NULL,
    status              text        NOT NULL DEFAULT 'PENDING',
    -- Sent to the provider so a retried call never charges twice.
    idempotency_key     text        NOT NULL,
    failure_reason      text,
    succeeded_at        timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_provider_payment_id_key UNIQUE (provider_payment_id),
    CONSTRAINT payments_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT payments_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT payments_provider_check CHECK (provider IN ('SIMULATED', 'STRIPE')),
    CONSTRAINT payments_provider_payment_id_check CHECK (char_length(provider_payment_id) BETWEEN 1 AND 255),
    CONSTRAINT payments_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000000),
    CONSTRAINT payments_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT payments_status_check
        CHECK (status IN ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'REFUNDED')),
    CONSTRAINT payments_idempotency_key_check CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    CONSTRAINT payments_failure_reason_check CHECK (char_length(failure_reason) <= 1000),
    CONSTRAINT payments_succeeded_check CHECK (status NOT IN ('SUCCEEDED', 'REFUNDED') OR succeeded_at IS NOT NULL)
);

CREATE TRIGGER payments_set_updated_at
    BEFORE INSERT OR UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX payments_contract_idx ON payments (contract_id, created_at);
-- A contract has at most one live payment (pending, processing or succeeded).
CREATE UNIQUE INDEX payments_one_live_per_contract_key ON payments (contract_id)
    WHERE status IN ('PENDING', 'PROCESSING', 'SUCCEEDED');

-- Money owed to a contractor after a release; moves contractor payable to the provider when paid.
CREATE TABLE payouts (
    id                     uuid        NOT NULL DEFAULT gen_random_uuid(),
    contract_id            uuid        NOT NULL,
    contractor_id          uuid        NOT NULL,
    -- The RELEASE or SPLIT journal transaction that created the payable.
    release_transaction_id uuid        NOT NULL,
    -- The PAYOUT journal transaction, once paid.
    payout_transaction_id  uuid,
    amount_minor           bigint      NOT NULL,
    currency               char(3)     NOT NULL,
    status                 text        NOT NULL DEFAULT 'PENDING_ACCOUNT',
    provider_transfer_id   text,
    failure_reason         text,
    paid_at                timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payouts_pkey PRIMARY KEY (id),
    CONSTRAINT payouts_release_transaction_key UNIQUE (release_transaction_id),
    CONSTRAINT payouts_payout_transaction_key UNIQUE (payout_transaction_id),
    CONSTRAINT payouts_provider_transfer_id_key UNIQUE (provider_transfer_id),
    CONSTRAINT payouts_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT payouts_contractor_fk FOREIGN KEY (contractor_id) REFERENCES users (id),
    CONSTRAINT payouts_release_transaction_fk FOREIGN KEY (release_transaction_id) REFERENCES transactions (id),
    CONSTRAINT payouts_payout_transaction_fk FOREIGN KEY (payout_transaction_id) REFERENCES transactions (id),
    CONSTRAINT payouts_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000000),
    CONSTRAINT payouts_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT payouts_status_check CHECK (status IN ('PENDING_ACCOUNT', 'PAID', 'FAILED')),
    CONSTRAINT payouts_provider_transfer_id_check CHECK (char_length(provider_transfer_id) BETWEEN 1 AND 255),
    CONSTRAINT payouts_failure_reason_check CHECK (char_length(failure_reason) <= 1000),
    CONSTRAINT payouts_paid_check CHECK ((status = 'PAID') = (paid_at IS NOT NULL))
);

CREATE TRIGGER payouts_set_updated_at
    BEFORE INSERT OR UPDATE ON payouts
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX payouts_contract_idx ON payouts (contract_id);
CREATE INDEX payouts_contractor_idx ON payouts (contractor_id, created_at DESC);
-- Payouts waiting for the contractor's payout account.
CREATE INDEX payouts_pending_idx ON payouts (contractor_id) WHERE status = 'PENDING_ACCOUNT';
