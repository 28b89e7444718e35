package com.fairtradeworker.identity.account;

import com.fairtradeworker.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code users}. E-mail comparison is case-insensitive through the citext column. */
@Repository
public class UserRepository {

    private static final String COLUMNS =
            "id, email, password_hash, display_name, phone, role, status, email_verified_at, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(User user) {
        jdbc.sql("""
                INSERT INTO users (id, email, password_hash, display_name, phone, role, status, email_verified_at,
                                   created_at, updated_at)
                VALUES (:id, :email, :passwordHash, :displayName, :phone, :role, :status, :emailVerifiedAt,
                        :createdAt, :createdAt)
                """)
                .param("id", user.id())
                .param("email", user.email())
                .param("passwordHash", user.passwordHash())
                .param("displayName", user.displayName())
                .param("phone", user.phone())
                .param("role", user.role().name())
                .param("status", user.status().name())
                .param("emailVerifiedAt", timestamp(user.emailVerifiedAt()))
                .param("createdAt", timestamp(user.createdAt()))
                .update();
    }

    public Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email = ?")
                .param(email)
                .query(UserRepository::map)
                .optional();
    }

    /** Locks the row for a read-modify-write in the caller's transaction. */
    public Optional<User> lockById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ? FOR UPDATE")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE email = ?)")
                .param(email)
                .query(Boolean.class)
                .single();
    }

    public void updatePasswordHash(UUID id, String passwordHash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .param("hash", passwordHash)
                .param("now", timestamp(now))
                .param("id", id)
                .update();
    }

    public void markEmailVerified(UUID id, String email, Instant now) {
        jdbc.sql("UPDATE users SET email = :email, email_verified_at = :now, updated_at = :now WHERE id = :id")
                .param("email", email)
                .param("now", timestamp(now))
                .param("id", id)
                .update();
    }

    public void updateStatus(UUID id, UserStatus status, Instant now) {
        jdbc.sql("UPDATE users SET status = :status, updated_at = :now WHERE id = :id")
                .param("status", status.name())
                .param("now", timestamp(now))
                .param("id", id)
                .update();
    }

    /** A new number is unverified until proven again; null removes the number. */
    public void updatePhone(UUID id, String phone, Instant now) {
        jdbc.sql("""
                UPDATE users
                   SET phone = :phone,
                       phone_verified_at = CASE WHEN phone IS NOT DISTINCT FROM :phone THEN phone_verified_at END,
                       updated_at = :now
                 WHERE id = :id
                """)
                .param("phone", phone)
                .param("now", timestamp(now))
                .param("id", id)
                .update();
    }

    /**
     * Account deletion: the row stays (contracts, ledger and audit rows refer to it) but keeps nothing personal. The
     * password hash becomes a value no password matches.
     */
    public void erase(UUID id, String pseudonymousEmail, String placeholderName, Instant now) {
        jdbc.sql("""
                UPDATE users
                   SET email = :email,
                       display_name = :name,
                       password_hash = 'erased',
                       phone = NULL,
                       phone_verified_at = NULL,
                       status = 'DELETED',
                       deleted_at = :now,
                       updated_at = :now
                 WHERE id = :id
                """)
                .param("email", pseudonymousEmail)
                .param("name", placeholderName)
                .param("now", timestamp(now))
                .param("id", id)
                .update();
    }

    public boolean anyAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'ADMIN')")
                .query(Boolean.class)
                .single();
    }

    /** Newest first, keyset-paginated on (created_at, id). */
    public List<User> page(Instant beforeCreatedAt, UUID beforeId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM users
                        WHERE (CAST(:beforeCreatedAt AS timestamptz) IS NULL
                               OR (created_at, id) < (CAST(:beforeCreatedAt AS timestamptz), :beforeId))
                        ORDER BY created_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("beforeCreatedAt", timestamp(beforeCreatedAt))
                .param("beforeId", beforeId == null ? new UUID(0, 0) : beforeId)
                .param("limit", limit)
                .query(UserRepository::map)
                .list();
    }

    private static User map(ResultSet row, int number) throws SQLException {
        return new User(
                row.getObject("id", UUID.class),
                row.getString("email"),
                row.getString("password_hash"),
                row.getString("display_name"),
                row.getString("phone"),
                Role.valueOf(row.getString("role")),
                UserStatus.valueOf(row.getString("status")),
                instant(row.getTimestamp("email_verified_at")),
                instant(row.getTimestamp("created_at")));
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
