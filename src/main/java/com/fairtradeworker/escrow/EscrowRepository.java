package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code escrow_accounts}. */
@Repository
class EscrowRepository {

    private static final String COLUMNS = """
            id, contract_id, ledger_account_id, amount_minor, currency, status, frozen, funded_minor, released_minor,
            refunded_minor, held_at, closed_at""";

    private final JdbcClient jdbc;

    EscrowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the contract's UNFUNDED escrow unless it exists (callers hold the contract's lock). */
    void createIfMissing(UUID contractId, UUID ledgerAccountId, Money amount, Instant now) {
        jdbc.sql("""
                INSERT INTO escrow_accounts (contract_id, ledger_account_id, amount_minor, currency, status,
                                             created_at, updated_at)
                VALUES (:contract, :ledgerAccount, :amount, :currency, 'UNFUNDED', :now, :now)
                ON CONFLICT (contract_id) DO NOTHING
                """)
                .param("contract", contractId)
                .param("ledgerAccount", ledgerAccountId)
                .param("amount", amount.amountMinor())
                .param("currency", amount.currency())
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<EscrowAccount> find(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM escrow_accounts WHERE contract_id = ?")
                .param(contractId)
                .query(EscrowRepository::map)
                .optional();
    }

    /** Row lock, taken after the contract's. */
    Optional<EscrowAccount> lock(UUID contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM escrow_accounts WHERE contract_id = ? FOR UPDATE")
                .param(contractId)
                .query(EscrowRepository::map)
                .optional();
    }

    void update(EscrowAccount escrow, Instant now) {
        jdbc.sql("""
                UPDATE escrow_accounts
                   SET status = :status, frozen = :frozen, funded_minor = :funded, released_minor = :released,
                       refunded_minor = :refunded, held_at = :heldAt, closed_at = :closedAt, updated_at = :now
                 WHERE id = :id
                """)
                .param("status", escrow.status().name())
                .param("frozen", escrow.frozen())
                .param("funded", escrow.fundedMinor())
                .param("released", escrow.releasedMinor())
                .param("refunded", escrow.refundedMinor())
                .param("heldAt", timestamp(escrow.heldAt()))
                .param("closedAt", timestamp(escrow.closedAt()))
                .param("now", Timestamp.from(now))
                .param("id", escrow.id())
                .update();
    }

    private static EscrowAccount map(ResultSet row, int number) throws SQLException {
        return new EscrowAccount(
                row.getObject("id", UUID.class),
                row.getObject("contract_id", UUID.class),
                row.getObject("ledger_account_id", UUID.class),
                new Money(row.getLong("amount_minor"), row.getString("currency")),
                EscrowStatus.valueOf(row.getString("status")),
                row.getBoolean("frozen"),
                row.getLong("funded_minor"),
                row.getLong("released_minor"),
                row.getLong("refunded_minor"),
                instant(row.getTimestamp("held_at")),
                instant(row.getTimestamp("closed_at")));
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
