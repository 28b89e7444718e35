-- profiles module: one profile per user, keyed by the user's id.
-- rating_count/rating_total are aggregates of published reviews kept by the reviews module for sorting;
-- contractor_rating_summaries (V10) derives the same figures from the reviews themselves.

CREATE TABLE homeowner_profiles (
    user_id      uuid             NOT NULL,
    address_line text,
    postcode     text,
    latitude     double precision,
    longitude    double precision,
    rating_count integer          NOT NULL DEFAULT 0,
    rating_total bigint           NOT NULL DEFAULT 0,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT homeowner_profiles_pkey PRIMARY KEY (user_id),
    CONSTRAINT homeowner_profiles_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT homeowner_profiles_address_line_check CHECK (char_length(address_line) <= 300),
    CONSTRAINT homeowner_profiles_postcode_check CHECK (char_length(postcode) BETWEEN 1 AND 16),
    CONSTRAINT homeowner_profiles_latitude_check CHECK (latitude BETWEEN -90 AND 90),
    CONSTRAINT homeowner_profiles_longitude_check CHECK (longitude BETWEEN -180 AND 180),
    CONSTRAINT homeowner_profiles_location_pair_check CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT homeowner_profiles_rating_check
        CHECK (rating_count >= 0 AND rating_total BETWEEN rating_count AND 5 * rating_count::bigint)
);

CREATE TRIGGER homeowner_profiles_set_updated_at
    BEFORE INSERT OR UPDATE ON homeowner_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE contractor_profiles (
    user_id              uuid             NOT NULL,
    business_name        text,
    -- Trade taxonomy codes as ltree paths: 'plumbing', 'plumbing.water_heaters'.
    trades               ltree[]          NOT NULL DEFAULT '{}',
    service_latitude     double precision,
    service_longitude    double precision,
    service_radius_km    integer,
    licence_number       text,
    licence_region       text,
    licence_expires_on   date,
    insurance_provider   text,
    insurance_expires_on date,
    bio                  text,
    years_experience     integer,
    verification_status  text             NOT NULL DEFAULT 'UNVERIFIED',
    verification_note    text,
    verified_at          timestamptz,
    verified_by          uuid,
    -- Connected payout account at the payment provider; payouts stay PENDING_ACCOUNT until it can receive them.
    payout_account_id    text,
    payouts_enabled_at   timestamptz,
    rating_count         integer          NOT NULL DEFAULT 0,
    rating_total         bigint           NOT NULL DEFAULT 0,
    created_at           timestamptz      NOT NULL DEFAULT now(),
    updated_at           timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT contractor_profiles_pkey PRIMARY KEY (user_id),
    CONSTRAINT contractor_profiles_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT contractor_profiles_verified_by_fk FOREIGN KEY (verified_by) REFERENCES users (id),
    CONSTRAINT contractor_profiles_payout_account_id_key UNIQUE (payout_account_id),
    CONSTRAINT contractor_profiles_business_name_check CHECK (char_length(business_name) BETWEEN 1 AND 200),
    CONSTRAINT contractor_profiles_trades_check
        CHECK (cardinality(trades) <= 50 AND array_position(trades, NULL) IS NULL),
    CONSTRAINT contractor_profiles_service_latitude_check CHECK (service_latitude BETWEEN -90 AND 90),
    CONSTRAINT contractor_profiles_service_longitude_check CHECK (service_longitude BETWEEN -180 AND 180),
    CONSTRAINT contractor_profiles_service_location_pair_check
        CHECK ((service_latitude IS NULL) = (service_longitude IS NULL)),
    CONSTRAINT contractor_profiles_service_radius_km_check CHECK (service_radius_km BETWEEN 1 AND 500),
    CONSTRAINT contractor_profiles_licence_number_check CHECK (char_length(licence_number) BETWEEN 1 AND 100),
    CONSTRAINT contractor_profiles_licence_region_check CHECK (char_length(licence_region) BETWEEN 1 AND 100),
    CONSTRAINT contractor_profiles_insurance_provider_check CHECK (char_length(insurance_provider) BETWEEN 1 AND 200),
    CONSTRAINT contractor_profiles_bio_check CHECK (char_length(bio) <= 2000),
    CONSTRAINT contractor_profiles_years_experience_check CHECK (years_experience BETWEEN 0 AND 80),
    CONSTRAINT contractor_profiles_verification_status_check
        CHECK (verification_status IN ('UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED')),
    CONSTRAINT contractor_profiles_verification_note_check CHECK (char_length(verification_note) <= 2000),
    -- A badge always names the admin who granted it and when.
    CONSTRAINT contractor_profiles_verified_check
        CHECK (verification_status <> 'VERIFIED' OR (verified_at IS NOT NULL AND verified_by IS NOT NULL)),
    CONSTRAINT contractor_profiles_payouts_enabled_check CHECK (payouts_enabled_at IS NULL OR payout_account_id IS NOT NULL),
    CONSTRAINT contractor_profiles_rating_check
        CHECK (rating_count >= 0 AND rating_total BETWEEN rating_count AND 5 * rating_count::bigint)
);

CREATE TRIGGER contractor_profiles_set_updated_at
    BEFORE INSERT OR UPDATE ON contractor_profiles
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- GiST (gist__ltree_ops) serves the hierarchical forms: trades <@ 'plumbing' (some trade is plumbing or below it)
-- and trades ~ 'plumbing.*'. It cannot serve trades @> 'plumbing.water_heaters' (some trade is that path or an
-- ancestor of it); contractors covering a job's trade are found with the GIN index instead, by overlap with the
-- path's ancestors: trades && ARRAY['plumbing', 'plumbing.water_heaters']::ltree[].
CREATE INDEX contractor_profiles_trades_gist ON contractor_profiles USING gist (trades);
CREATE INDEX contractor_profiles_trades_gin ON contractor_profiles USING gin (trades);
-- Contractors whose service area may cover a point (new-job notifications).
CREATE INDEX contractor_profiles_service_location_gist ON contractor_profiles
    USING gist (ll_to_earth(service_latitude, service_longitude))
    WHERE service_latitude IS NOT NULL;
CREATE INDEX contractor_profiles_verification_queue_idx ON contractor_profiles (updated_at)
    WHERE verification_status = 'PENDING';
CREATE INDEX contractor_profiles_verified_by_idx ON contractor_profiles (verified_by);
