package com.fairtradeworker.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The money invariants of the domain guide, checked over the whole database (every test's money shares it), after
 * every money test and after every step of the property test:
 *
 * <ul>
 *   <li>the entries of every journal transaction, and of all of them, sum to zero per currency;
 *   <li>no escrow account holds less than zero;
 *   <li>released + refunded never exceeds funded, per escrow, from the entries;
 *   <li>each escrow left HELD at most once (at most one RELEASE, REFUND or SPLIT per contract, one FUND);
 *   <li>every cached escrow figure equals what its entries say;
 *   <li>a closed escrow holds nothing, a HELD one holds its amount.
 * </ul>
 */
public final class LedgerInvariants {

    private final JdbcClient db;

    public LedgerInvariants(DatabaseRoles roles) {
        this.db = roles.owner();
    }

    public void assertHold() {
        assertThat(rows("""
                SELECT currency, sum(amount_minor) AS total FROM ledger_entries
                 GROUP BY currency HAVING sum(amount_minor) <> 0""")).as("entries sum to zero per currency").isEmpty();
        assertThat(rows("""
                SELECT transaction_id, currency FROM ledger_entries
                 GROUP BY transaction_id, currency HAVING sum(amount_minor) <> 0""")).as("every journal transaction balances").isEmpty();
        assertThat(rows("SELECT contract_id, held_minor FROM escrow_balances WHERE held_minor < 0"))
                .as("no escrow below zero")
                .isEmpty();
        assertThat(rows("""
                SELECT contract_id FROM escrow_balances
                 WHERE released_minor + refunded_minor > funded_minor""")).as("released + refunded <= funded").isEmpty();
        assertThat(rows("""
                SELECT contract_id, count(*) FILTER (WHERE kind IN ('RELEASE', 'REFUND', 'SPLIT')) AS exits,
                       count(*) FILTER (WHERE kind = 'FUND') AS funds
                  FROM transactions WHERE contract_id IS NOT NULL
                 GROUP BY contract_id
                HAVING count(*) FILTER (WHERE kind = 'FUND') > 1
                    OR count(*) FILTER (WHERE kind IN ('RELEASE', 'REFUND', 'SPLIT')
                                         AND coalesce(idempotency_key, '') NOT LIKE 'late-payment:%') > 1"""))
                .as("each escrow funded once and left HELD at most once")
                .isEmpty();
        assertThat(rows("""
                SELECT contract_id FROM escrow_balances
                 WHERE cached_funded_minor <> funded_minor OR cached_released_minor <> released_minor
                    OR cached_refunded_minor <> refunded_minor""")).as("cached escrow figures equal the entries").isEmpty();
        assertThat(rows("""
                SELECT contract_id, status, held_minor FROM escrow_balances
                 WHERE (status IN ('RELEASED', 'REFUNDED', 'SPLIT', 'CANCELLED', 'UNFUNDED') AND held_minor <> 0)
                    OR (status = 'HELD' AND held_minor <> amount_minor)"""))
                .as("closed escrows hold nothing, held ones their amount")
                .isEmpty();
    }

    private List<Map<String, Object>> rows(String sql) {
        return db.sql(sql).query().listOfRows();
    }
}
