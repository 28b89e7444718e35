-- identity module: accounts and their single-use tokens. Tokens are stored only as hashes.

CREATE TABLE users (
    id                uuid        NOT NULL DEFAULT gen_random_uuid(),
    email             citext      NOT NULL,
    password_hash     text        NOT NULL,
    display_name      text        NOT NULL,
    phone             text,
    phone_verified_at timestamptz,
    role              text        NOT NULL,
    status            text        NOT NULL DEFAULT 'ACTIVE',
    email_verified_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    deleted_at        timestamptz,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_email_check CHECK (char_length(email) <= 254 AND email::text ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT users_password_hash_check CHECK (char_length(password_hash) BETWEEN 1 AND 512),
    CONSTRAINT users_display_name_check CHECK (char_length(display_name) BETWEEN 1 AND 100),
    -- E.164: a plus sign and at most 15 digits, no leading zero.
    CONSTRAINT users_phone_check CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    CONSTRAINT users_phone_verified_check CHECK (phone_verified_at IS NULL OR phone IS NOT NULL),
    CONSTRAINT users_role_check CHECK (role IN ('HOMEOWNER', 'CONTRACTOR', 'ADMIN')),
    CONSTRAINT users_status_check CHECK (status IN ('ACTIVE', 'DISABLED', 'DELETED')),
    CONSTRAINT users_deleted_check CHECK ((status = 'DELETED') = (deleted_at IS NOT NULL))
);

CREATE TRIGGER users_set_updated_at
    BEFORE INSERT OR UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE email_verifications (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL,
    email      citext      NOT NULL,
    purpose    text        NOT NULL,
    token_hash bytea       NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT email_verifications_pkey PRIMARY KEY (id),
    CONSTRAINT email_verifications_token_hash_key UNIQUE (token_hash),
    CONSTRAINT email_verifications_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT email_verifications_purpose_check CHECK (purpose IN ('SIGNUP', 'EMAIL_CHANGE')),
    CONSTRAINT email_verifications_token_hash_check CHECK (octet_length(token_hash) BETWEEN 16 AND 64),
    CONSTRAINT email_verifications_email_check CHECK (char_length(email) <= 254)
);

CREATE INDEX email_verifications_user_idx ON email_verifications (user_id, created_at DESC);

CREATE TABLE password_resets (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL,
    token_hash     bytea       NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    invalidated_at timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT password_resets_pkey PRIMARY KEY (id),
    CONSTRAINT password_resets_token_hash_key UNIQUE (token_hash),
    CONSTRAINT password_resets_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT password_resets_token_hash_check CHECK (octet_length(token_hash) BETWEEN 16 AND 64),
    -- Single use: a token is either used or invalidated (by a newer request or a password change), never both.
    CONSTRAINT password_resets_single_outcome_check CHECK (used_at IS NULL OR invalidated_at IS NULL)
);

CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at DESC);
