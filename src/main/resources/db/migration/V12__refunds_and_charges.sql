-- escrow module: money going back to the payer at the payment provider, one record per REFUND or SPLIT journal
-- transaction (the ledger moves at once; the provider's refund follows, retried until it succeeds), like payouts.

CREATE TABLE refunds (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    contract_id        uuid        NOT NULL,
    payment_id         uuid        NOT NULL,
    -- The REFUND or SPLIT journal transaction that paid the escrow back to the provider's cash.
    transaction_id     uuid        NOT NULL,
    amount_minor       bigint      NOT NULL,
    currency           char(3)     NOT NULL,
    status             text        NOT NULL DEFAULT 'PENDING',
    -- Sent to the provider so a retried call never refunds twice.
    idempotency_key    text        NOT NULL,
    provider_refund_id text,
    attempts           integer     NOT NULL DEFAULT 0,
    failure_reason     text,
    refunded_at        timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT refunds_pkey PRIMARY KEY (id),
    CONSTRAINT refunds_transaction_key UNIQUE (transaction_id),
    CONSTRAINT refunds_idempotency_key_key UNIQUE (idempotency_key),
    CONSTRAINT refunds_provider_refund_id_key UNIQUE (provider_refund_id),
    CONSTRAINT refunds_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT refunds_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id),
    CONSTRAINT refunds_transaction_fk FOREIGN KEY (transaction_id) REFERENCES transactions (id),
    CONSTRAINT refunds_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000000),
    CONSTRAINT refunds_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT refunds_status_check CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT refunds_idempotency_key_check CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    CONSTRAINT refunds_provider_refund_id_check CHECK (char_length(provider_refund_id) BETWEEN 1 AND 255),
    CONSTRAINT refunds_attempts_check CHECK (attempts >= 0),
    CONSTRAINT refunds_failure_reason_check CHECK (char_length(failure_reason) <= 1000),
    CONSTRAINT refunds_succeeded_check
        CHECK ((status = 'SUCCEEDED') = (refunded_at IS NOT NULL AND provider_refund_id IS NOT NULL))
);

CREATE TRIGGER refunds_set_updated_at
    BEFORE INSERT OR UPDATE ON refunds
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX refunds_contract_idx ON refunds (contract_id);
CREATE INDEX refunds_payment_idx ON refunds (payment_id);

-- The provider's charge behind a successful payment: the source of the transfers that pay the contractor.
ALTER TABLE payments ADD COLUMN provider_charge_id text;
ALTER TABLE payments ADD CONSTRAINT payments_provider_charge_id_check CHECK (char_length(provider_charge_id) BETWEEN 1 AND 255);
