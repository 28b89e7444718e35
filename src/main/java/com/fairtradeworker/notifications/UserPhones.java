package com.fairtradeworker.notifications;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The account's phone number and whether it is verified ({@code users.phone}, {@code users.phone_verified_at}). The
 * number itself belongs to identity (set through the profiles, which clears the verification when it changes); this
 * module only reads it and records that a code sent to it came back. Identity offers no call for that yet, hence the
 * SQL here, kept to these two columns.
 */
@Repository
class UserPhones {

    record Phone(String number, boolean verified) {
        @Override
        public String toString() {
            return "Phone[verified=" + verified + "]";
        }
    }

    private final JdbcClient jdbc;

    UserPhones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The active account's number, if it has one. */
    Optional<Phone> of(UUID userId) {
        return jdbc.sql("""
                        SELECT phone, phone_verified_at IS NOT NULL AS verified
                        FROM users
                        WHERE id = :id AND status = 'ACTIVE' AND phone IS NOT NULL
                        """)
                .param("id", userId)
                .query((row, rowNumber) -> new Phone(row.getString("phone"), row.getBoolean("verified")))
                .optional();
    }

    /** The active account's number, only when it is verified: the one place SMS notifications may go. */
    Optional<String> verified(UUID userId) {
        return of(userId).filter(Phone::verified).map(Phone::number);
    }

    /** Marks the number verified, unless the account's number changed meanwhile; false then. */
    boolean markVerified(UUID userId, String number, Instant verifiedAt) {
        return jdbc.sql("""
                        UPDATE users SET phone_verified_at = :verifiedAt
                        WHERE id = :id AND phone = :phone AND status = 'ACTIVE'
                        """)
                        .param("id", userId)
                        .param("phone", number)
                        .param("verifiedAt", Timestamp.from(verifiedAt))
                        .update()
                == 1;
    }
}
