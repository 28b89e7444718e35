package com.fairtradeworker.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code phone_verification_codes} rows: at most one live code per user, stored as an HMAC. */
@Repository
class PhoneCodes {

    record StoredCode(String phone, byte[] codeHash, Instant expiresAt, int attempts, Instant createdAt) {
        @Override
        public String toString() {
            return "StoredCode[expiresAt=" + expiresAt + ", attempts=" + attempts + "]";
        }
    }

    private final JdbcClient jdbc;

    PhoneCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredCode> find(UUID userId) {
        return select(userId, "");
    }

    /** Locks the user's code row until the transaction ends, so concurrent guesses are counted one after another. */
    Optional<StoredCode> lock(UUID userId) {
        return select(userId, "FOR UPDATE");
    }

    /** Stores a new code, replacing any earlier one (and its count of wrong guesses). */
    void replace(UUID userId, String phone, byte[] codeHash, Instant expiresAt, Instant now) {
        jdbc.sql("""
                        INSERT INTO phone_verification_codes (user_id, phone, code_hash, expires_at, attempts, created_at)
                        VALUES (:userId, :phone, :codeHash, :expiresAt, 0, :now)
                        ON CONFLICT (user_id) DO UPDATE
                        SET phone = EXCLUDED.phone, code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at,
                            attempts = 0, created_at = EXCLUDED.created_at
                        """)
                .param("userId", userId)
                .param("phone", phone)
                .param("codeHash", codeHash)
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("now", Timestamp.from(now))
                .update();
    }

    void countWrongGuess(UUID userId) {
        jdbc.sql("UPDATE phone_verification_codes SET attempts = attempts + 1 WHERE user_id = :userId")
                .param("userId", userId)
                .update();
    }

    void delete(UUID userId) {
        jdbc.sql("DELETE FROM phone_verification_codes WHERE user_id = :userId")
                .param("userId", userId)
                .update();
    }

    private Optional<StoredCode> select(UUID userId, String lock) {
        return jdbc.sql("""
                        SELECT phone, code_hash, expires_at, attempts, created_at
                        FROM phone_verification_codes
                        WHERE user_id = :userId
                        """ + lock)
                .param("userId", userId)
                .query((row, rowNumber) -> new StoredCode(
                        row.getString("phone"),
                        row.getBytes("code_hash"),
                        row.getTimestamp("expires_at").toInstant(),
                        row.getInt("attempts"),
                        row.getTimestamp("created_at").toInstant()))
                .optional();
    }
}
