-- reviews module: double-blind reviews. A review stays SUBMITTED (visible to its author and admins only) until both
-- parties have reviewed or the rating window closes, then both are PUBLISHED together.

CREATE TABLE reviews (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    contract_id   uuid        NOT NULL,
    author_id     uuid        NOT NULL,
    subject_id    uuid        NOT NULL,
    rating        smallint    NOT NULL,
    body          text        NOT NULL,
    status        text        NOT NULL DEFAULT 'SUBMITTED',
    submitted_at  timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    -- The reviewed party's one public reply.
    reply_body    text,
    replied_at    timestamptz,
    hidden_reason text,
    hidden_by     uuid,
    hidden_at     timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reviews_pkey PRIMARY KEY (id),
    -- One review per party per contract.
    CONSTRAINT reviews_contract_author_key UNIQUE (contract_id, author_id),
    CONSTRAINT reviews_contract_fk FOREIGN KEY (contract_id) REFERENCES bid_contracts (id),
    CONSTRAINT reviews_author_fk FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT reviews_subject_fk FOREIGN KEY (subject_id) REFERENCES users (id),
    CONSTRAINT reviews_hidden_by_fk FOREIGN KEY (hidden_by) REFERENCES users (id),
    CONSTRAINT reviews_author_subject_check CHECK (author_id <> subject_id),
    CONSTRAINT reviews_rating_check CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT reviews_body_check CHECK (char_length(body) <= 2000),
    CONSTRAINT reviews_status_check CHECK (status IN ('SUBMITTED', 'PUBLISHED', 'HIDDEN')),
    -- A published review has its publication time, a submitted one has none (a hidden one may have either).
    CONSTRAINT reviews_published_check
        CHECK (CASE status WHEN 'PUBLISHED' THEN published_at IS NOT NULL
                           WHEN 'SUBMITTED' THEN published_at IS NULL
                           ELSE true END),
    CONSTRAINT reviews_reply_check
        CHECK ((reply_body IS NULL) = (replied_at IS NULL) AND (reply_body IS NULL OR status <> 'SUBMITTED')),
    CONSTRAINT reviews_reply_body_check CHECK (char_length(reply_body) BETWEEN 1 AND 2000),
    CONSTRAINT reviews_hidden_check
        CHECK ((status = 'HIDDEN') = (hidden_at IS NOT NULL)
            AND (status <> 'HIDDEN' OR (hidden_by IS NOT NULL AND hidden_reason IS NOT NULL))),
    CONSTRAINT reviews_hidden_reason_check CHECK (char_length(hidden_reason) BETWEEN 1 AND 1000)
);

CREATE TRIGGER reviews_set_updated_at
    BEFORE INSERT OR UPDATE ON reviews
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX reviews_author_idx ON reviews (author_id);
-- A user's published reviews, newest first.
CREATE INDEX reviews_subject_idx ON reviews (subject_id, published_at DESC);
CREATE INDEX reviews_hidden_by_idx ON reviews (hidden_by);
