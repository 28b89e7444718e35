-- jobs module (postings, geo and full-text search) and bidding module (sealed bids and their revisions).
-- Money: bigint minor units + char(3) ISO currency, amounts capped at 10^10 minor units so fee arithmetic
-- (amount x basis points) never overflows a bigint.

CREATE TABLE jobs (
    id                 uuid             NOT NULL DEFAULT gen_random_uuid(),
    homeowner_id       uuid             NOT NULL,
    title              text             NOT NULL,
    description        text             NOT NULL,
    trade              ltree            NOT NULL,
    latitude           double precision NOT NULL,
    longitude          double precision NOT NULL,
    address_text       text             NOT NULL,
    postcode           text             NOT NULL,
    budget_min_minor   bigint,
    budget_max_minor   bigint,
    currency           char(3)          NOT NULL DEFAULT 'USD',
    bidding_deadline   timestamptz,
    desired_start_date date,
    status             text             NOT NULL DEFAULT 'DRAFT',
    published_at       timestamptz,
    awarded_at         timestamptz,
    closed_at          timestamptz,
    created_at         timestamptz      NOT NULL DEFAULT now(),
    updated_at         timestamptz      NOT NULL DEFAULT now(),
    search_vector      tsvector         GENERATED ALWAYS AS (
                           setweight(to_tsvector('english', title), 'A')
                           || setweight(to_tsvector('english', description), 'B')) STORED,
    CONSTRAINT jobs_pkey PRIMARY KEY (id),
    -- Target of bid_contracts' composite key: a contract's homeowner is the job's homeowner.
    CONSTRAINT jobs_id_homeowner_key UNIQUE (id, homeowner_id),
    CONSTRAINT jobs_homeowner_fk FOREIGN KEY (homeowner_id) REFERENCES users (id),
    CONSTRAINT jobs_title_check CHECK (char_length(title) BETWEEN 1 AND 120),
    CONSTRAINT jobs_description_check CHECK (char_length(description) BETWEEN 1 AND 5000),
    CONSTRAINT jobs_trade_check CHECK (nlevel(trade) >= 1),
    CONSTRAINT jobs_latitude_check CHECK (latitude BETWEEN -90 AND 90),
    CONSTRAINT jobs_longitude_check CHECK (longitude BETWEEN -180 AND 180),
    CONSTRAINT jobs_address_text_check CHECK (char_length(address_text) BETWEEN 1 AND 300),
    CONSTRAINT jobs_postcode_check CHECK (char_length(postcode) BETWEEN 1 AND 16),
    CONSTRAINT jobs_budget_min_check CHECK (budget_min_minor > 0 AND budget_min_minor <= 10000000000),
    CONSTRAINT jobs_budget_max_check CHECK (budget_max_minor > 0 AND budget_max_minor <= 10000000000),
    CONSTRAINT jobs_budget_range_check CHECK (budget_min_minor <= budget_max_minor),
    CONSTRAINT jobs_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT jobs_status_check
        CHECK (status IN ('DRAFT', 'OPEN', 'AWARDED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'EXPIRED')),
    -- Only a draft may lack its publication time and bidding deadline.
    CONSTRAINT jobs_published_check
        CHECK (status = 'DRAFT' OR (published_at IS NOT NULL AND bidding_deadline IS NOT NULL)),
    CONSTRAINT jobs_deadline_after_publication_check CHECK (bidding_deadline > published_at),
    CONSTRAINT jobs_awarded_check CHECK (status NOT IN ('AWARDED', 'IN_PROGRESS', 'COMPLETED') OR awarded_at IS NOT NULL),
    -- closed_at is the moment the job reached a terminal state.
    CONSTRAINT jobs_closed_check CHECK ((status IN ('COMPLETED', 'CANCELLED', 'EXPIRED')) = (closed_at IS NOT NULL))
);

CREATE TRIGGER jobs_set_updated_at
    BEFORE INSERT OR UPDATE ON jobs
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE INDEX jobs_homeowner_idx ON jobs (homeowner_id, created_at DESC);
-- trade <@ 'plumbing' finds plumbing and every sub-trade.
CREATE INDEX jobs_trade_gist ON jobs USING gist (trade);
-- Open jobs by distance: earth_box(ll_to_earth(:lat, :lon), :metres) @> ll_to_earth(latitude, longitude).
CREATE INDEX jobs_open_location_gist ON jobs USING gist (ll_to_earth(latitude, longitude)) WHERE status = 'OPEN';
-- Full text over open jobs: search_vector @@ websearch_to_tsquery('english', :q).
CREATE INDEX jobs_open_search_vector_gin ON jobs USING gin (search_vector) WHERE status = 'OPEN';
-- Typo-tolerant matching: title % :q, word_similarity(:q, title); description for open jobs only.
CREATE INDEX jobs_title_trgm_gin ON jobs USING gin (title gin_trgm_ops);
CREATE INDEX jobs_open_description_trgm_gin ON jobs USING gin (description gin_trgm_ops) WHERE status = 'OPEN';
-- Keyset pages of open jobs: newest first, and soonest deadline first.
CREATE INDEX jobs_open_newest_idx ON jobs (published_at DESC, id) WHERE status = 'OPEN';
CREATE INDEX jobs_open_deadline_idx ON jobs (bidding_deadline, id) WHERE status = 'OPEN';
-- Admin and clock sweeps by state.
CREATE INDEX jobs_status_idx ON jobs (status, created_at);

CREATE TABLE bids (
    id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
    job_id                  uuid        NOT NULL,
    contractor_id           uuid        NOT NULL,
    amount_minor            bigint      NOT NULL,
    currency                char(3)     NOT NULL,
    proposal                text        NOT NULL,
    estimated_duration_days integer,
    earliest_start          date,
    -- The platform fee rate in force when the bid was submitted, so both sides see the net amount.
    fee_rate_bps            integer     NOT NULL,
    status                  text        NOT NULL DEFAULT 'SUBMITTED',
    revision                integer     NOT NULL DEFAULT 1,
    submitted_at            timestamptz NOT NULL DEFAULT now(),
    decided_at              timestamptz,
    withdrawn_at            timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bids_pkey PRIMARY KEY (id),
    -- One bid per contractor per job, ever: withdrawing is final for that job.
    CONSTRAINT bids_job_contractor_key UNIQUE (job_id, contractor_id),
    -- Target of bid_contracts' composite key: the contract's job and contractor are the bid's.
    CONSTRAINT bids_id_job_contractor_key UNIQUE (id, job_id, contractor_id),
    CONSTRAINT bids_job_fk FOREIGN KEY (job_id) REFERENCES jobs (id),
    CONSTRAINT bids_contractor_fk FOREIGN KEY (contractor_id) REFERENCES users (id),
    CONSTRAINT bids_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000000),
    CONSTRAINT bids_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT bids_proposal_check CHECK (char_length(proposal) BETWEEN 1 AND 5000),
    CONSTRAINT bids_estimated_duration_check CHECK (estimated_duration_days BETWEEN 1 AND 3650),
    CONSTRAINT bids_fee_rate_check CHECK (fee_rate_bps BETWEEN 0 AND 10000),
    CONSTRAINT bids_status_check CHECK (status IN ('SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')),
    CONSTRAINT bids_revision_check CHECK (revision >= 1),
    CONSTRAINT bids_decided_check CHECK ((status IN ('ACCEPTED', 'REJECTED')) = (decided_at IS NOT NULL)),
    CONSTRAINT bids_withdrawn_check CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL))
);

CREATE TRIGGER bids_set_updated_at
    BEFORE INSERT OR UPDATE ON bids
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- At most one accepted bid per job (the contract's uniqueness is enforced again on bid_contracts).
CREATE UNIQUE INDEX bids_one_accepted_per_job_key ON bids (job_id) WHERE status = 'ACCEPTED';
CREATE INDEX bids_contractor_idx ON bids (contractor_id, created_at DESC);
-- Bid count and lowest live amount per job (homeowner and admin only).
CREATE INDEX bids_job_live_amount_idx ON bids (job_id, amount_minor) WHERE status IN ('SUBMITTED', 'ACCEPTED');

-- Every version of a bid's terms, revision 1 being the original submission.
CREATE TABLE bid_revisions (
    id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
    bid_id                  uuid        NOT NULL,
    revision                integer     NOT NULL,
    amount_minor            bigint      NOT NULL,
    currency                char(3)     NOT NULL,
    proposal                text        NOT NULL,
    estimated_duration_days integer,
    earliest_start          date,
    fee_rate_bps            integer     NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT bid_revisions_pkey PRIMARY KEY (id),
    CONSTRAINT bid_revisions_bid_revision_key UNIQUE (bid_id, revision),
    CONSTRAINT bid_revisions_bid_fk FOREIGN KEY (bid_id) REFERENCES bids (id),
    CONSTRAINT bid_revisions_revision_check CHECK (revision >= 1),
    CONSTRAINT bid_revisions_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000000),
    CONSTRAINT bid_revisions_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT bid_revisions_proposal_check CHECK (char_length(proposal) BETWEEN 1 AND 5000),
    CONSTRAINT bid_revisions_estimated_duration_check CHECK (estimated_duration_days BETWEEN 1 AND 3650),
    CONSTRAINT bid_revisions_fee_rate_check CHECK (fee_rate_bps BETWEEN 0 AND 10000)
);
