package com.fairtradeworker.identity.account;

import static com.fairtradeworker.identity.account.UserRepository.instant;
import static com.fairtradeworker.identity.account.UserRepository.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Verification tokens, stored by hash only. */
@Repository
class EmailVerificationRepository {

    enum Purpose {
        SIGNUP,
        EMAIL_CHANGE
    }

    record Verification(UUID id, UUID userId, String email, Purpose purpose, Instant expiresAt, Instant usedAt) {}

    private final JdbcClient jdbc;

    EmailVerificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID userId, String email, Purpose purpose, byte[] tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO email_verifications (user_id, email, purpose, token_hash, expires_at, created_at)
                VALUES (:userId, :email, :purpose, :tokenHash, :expiresAt, :now)
                """)
                .param("userId", userId)
                .param("email", email)
                .param("purpose", purpose.name())
                .param("tokenHash", tokenHash)
                .param("expiresAt", timestamp(expiresAt))
                .param("now", timestamp(now))
                .update();
    }

    /** Locks the token's row so that two clicks on one link verify once. */
    Optional<Verification> lockByTokenHash(byte[] tokenHash) {
        return jdbc.sql("""
                SELECT id, user_id, email, purpose, expires_at, used_at
                  FROM email_verifications WHERE token_hash = ? FOR UPDATE
                """)
                .param(tokenHash)
                .query((row, n) -> new Verification(
                        row.getObject("id", UUID.class),
                        row.getObject("user_id", UUID.class),
                        row.getString("email"),
                        Purpose.valueOf(row.getString("purpose")),
                        instant(row.getTimestamp("expires_at")),
                        instant(row.getTimestamp("used_at"))))
                .optional();
    }

    void markUsed(UUID id, Instant now) {
        jdbc.sql("UPDATE email_verifications SET used_at = ? WHERE id = ?")
                .param(timestamp(now))
                .param(id)
                .update();
    }

    /** Every address the user asked to verify, confirmed or not. */
    List<String> addressesOf(UUID userId) {
        return jdbc.sql("SELECT DISTINCT email::text FROM email_verifications WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .list();
    }

    void deleteAllOf(UUID userId) {
        jdbc.sql("DELETE FROM email_verifications WHERE user_id = ?")
                .param(userId)
                .update();
    }

    /** A newer link replaces older unused ones of the same purpose. */
    void expireOutstanding(UUID userId, Purpose purpose, Instant now) {
        jdbc.sql("""
                UPDATE email_verifications SET expires_at = :now
                 WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL AND expires_at > :now
                """)
                .param("now", timestamp(now))
                .param("userId", userId)
                .param("purpose", purpose.name())
                .update();
    }
}
