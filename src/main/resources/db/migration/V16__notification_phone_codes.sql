-- notifications module: phone verification codes, and the format of each outgoing e-mail.
--
-- A code is sent by SMS to the account's phone number (users.phone) and proves the user holds it; confirming it sets
-- users.phone_verified_at (SMS notifications go only to verified numbers). One live code per user: a new request
-- replaces the old one. Only an HMAC of the code is stored (keyed from JWT_SECRET, bound to the user and number), so
-- the six digits cannot be recovered from the table or a backup. attempts counts wrong guesses; the code dies at the
-- limit or at expires_at (10 minutes), whichever comes first.
CREATE TABLE phone_verification_codes (
    user_id     uuid        NOT NULL,
    phone       text        NOT NULL,
    code_hash   bytea       NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT phone_verification_codes_pkey PRIMARY KEY (user_id),
    CONSTRAINT phone_verification_codes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT phone_verification_codes_phone_check CHECK (phone ~ '^\+[1-9][0-9]{1,14}$'),
    CONSTRAINT phone_verification_codes_code_hash_check CHECK (octet_length(code_hash) = 32),
    CONSTRAINT phone_verification_codes_attempts_check CHECK (attempts >= 0)
);

CREATE TRIGGER phone_verification_codes_set_updated_at
    BEFORE INSERT OR UPDATE ON phone_verification_codes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- TEXT: a plain-text message (account and security mails). TEXT_AND_HTML: the notifications about marketplace events,
-- sent as multipart/alternative; the HTML part is rendered from the text at sending time, every character of it
-- escaped, so nothing but the text is ever stored.
ALTER TABLE notifications
    ADD COLUMN format text NOT NULL DEFAULT 'TEXT',
    ADD CONSTRAINT notifications_format_check CHECK (format IN ('TEXT', 'TEXT_AND_HTML')),
    ADD CONSTRAINT notifications_sms_format_check CHECK (channel = 'EMAIL' OR format = 'TEXT');
