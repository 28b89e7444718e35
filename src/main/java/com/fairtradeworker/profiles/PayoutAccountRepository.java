package com.fairtradeworker.profiles;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payout-account columns of {@code contractor_profiles}. */
@Repository
class PayoutAccountRepository {

    private final JdbcClient jdbc;

    PayoutAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PayoutAccount> find(UUID contractorId) {
        return jdbc.sql("""
                SELECT payout_account_id, payouts_enabled_at FROM contractor_profiles
                 WHERE user_id = ? AND payout_account_id IS NOT NULL
                """)
                .param(contractorId)
                .query((row, number) -> new PayoutAccount(
                        row.getString("payout_account_id"),
                        Optional.ofNullable(row.getTimestamp("payouts_enabled_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null)))
                .optional();
    }

    Optional<UUID> contractorOf(String accountId) {
        return jdbc.sql("SELECT user_id FROM contractor_profiles WHERE payout_account_id = ?")
                .param(accountId)
                .query(UUID.class)
                .optional();
    }

    /** Returns false when the contractor has no profile to attach the account to. */
    boolean save(UUID contractorId, String accountId, Instant payoutsEnabledAt, Instant now) {
        return jdbc.sql("""
                        UPDATE contractor_profiles
                           SET payout_account_id = :account, payouts_enabled_at = :enabledAt, updated_at = :now
                         WHERE user_id = :contractor
                        """)
                        .param("account", accountId)
                        .param("enabledAt", payoutsEnabledAt == null ? null : Timestamp.from(payoutsEnabledAt))
                        .param("now", Timestamp.from(now))
                        .param("contractor", contractorId)
                        .update()
                == 1;
    }
}
