package com.fairtradeworker.identity.account;

import static com.fairtradeworker.identity.account.UserRepository.instant;
import static com.fairtradeworker.identity.account.UserRepository.timestamp;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reset tokens, stored by hash only. A token is usable while unused, not invalidated and not expired. */
@Repository
class PasswordResetRepository {

    record Reset(UUID id, UUID userId, Instant expiresAt, Instant usedAt, Instant invalidatedAt) {

        boolean usableAt(Instant now) {
            return usedAt == null && invalidatedAt == null && now.isBefore(expiresAt);
        }
    }

    private final JdbcClient jdbc;

    PasswordResetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID userId, byte[] tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO password_resets (user_id, token_hash, expires_at, created_at)
                VALUES (:userId, :tokenHash, :expiresAt, :now)
                """)
                .param("userId", userId)
                .param("tokenHash", tokenHash)
                .param("expiresAt", timestamp(expiresAt))
                .param("now", timestamp(now))
                .update();
    }

    /** Makes every outstanding token of the user unusable: a newer request or a password change supersedes them. */
    int invalidateOutstanding(UUID userId, Instant now) {
        return jdbc.sql("""
                UPDATE password_resets SET invalidated_at = :now
                 WHERE user_id = :userId AND used_at IS NULL AND invalidated_at IS NULL
                """)
                .param("now", timestamp(now))
                .param("userId", userId)
                .update();
    }

    void deleteAllOf(UUID userId) {
        jdbc.sql("DELETE FROM password_resets WHERE user_id = ?").param(userId).update();
    }

    /** A plain read, for checks before the transaction that then {@linkplain #lockByTokenHash locks} the row. */
    Optional<Reset> findByTokenHash(byte[] tokenHash) {
        return select(tokenHash, "");
    }

    Optional<Reset> lockByTokenHash(byte[] tokenHash) {
        return select(tokenHash, " FOR UPDATE");
    }

    private Optional<Reset> select(byte[] tokenHash, String lock) {
        return jdbc.sql("""
                SELECT id, user_id, expires_at, used_at, invalidated_at
                  FROM password_resets WHERE token_hash = ?""" + lock)
                .param(tokenHash)
                .query((row, n) -> new Reset(
                        row.getObject("id", UUID.class),
                        row.getObject("user_id", UUID.class),
                        instant(row.getTimestamp("expires_at")),
                        instant(row.getTimestamp("used_at")),
                        instant(row.getTimestamp("invalidated_at"))))
                .optional();
    }

    void markUsed(UUID id, Instant now) {
        jdbc.sql("UPDATE password_resets SET used_at = ? WHERE id = ?")
                .param(timestamp(now))
                .param(id)
                .update();
    }
}
