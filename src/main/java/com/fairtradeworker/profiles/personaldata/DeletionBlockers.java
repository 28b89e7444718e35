package com.fairtradeworker.profiles.personaldata;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What keeps an account from being deleted: money or obligations still in flight. Read-only SQL over the contracts,
 * disputes and payouts tables, which later modules write.
 */
@Repository
class DeletionBlockers {

    /** One open thing, named by its kind, id and state. */
    record Blocker(Kind kind, UUID id, String status) {}

    enum Kind {
        /** A contract of theirs that has not reached RELEASED, REFUNDED, SPLIT or CANCELLED. */
        CONTRACT("open contract"),
        /** A dispute on one of their contracts that is OPEN or AWAITING_MEDIATION. */
        DISPUTE("open dispute"),
        /** Money owed to them as a contractor that has not been paid out (PENDING_ACCOUNT or FAILED). */
        PAYOUT("unpaid payout");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        String describe(int count) {
            return count + " " + label + (count == 1 ? "" : "s");
        }
    }

    private final JdbcClient jdbc;

    DeletionBlockers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Blocker> of(UUID userId) {
        return jdbc.sql("""
                SELECT 'CONTRACT' AS kind, c.id, c.status
                  FROM bid_contracts c
                 WHERE (c.homeowner_id = :userId OR c.contractor_id = :userId)
                   AND c.status NOT IN ('RELEASED', 'REFUNDED', 'SPLIT', 'CANCELLED')
                UNION ALL
                SELECT 'DISPUTE', d.id, d.status
                  FROM disputes d
                  JOIN bid_contracts c ON c.id = d.contract_id
                 WHERE (c.homeowner_id = :userId OR c.contractor_id = :userId)
                   AND d.status IN ('OPEN', 'AWAITING_MEDIATION')
                UNION ALL
                SELECT 'PAYOUT', p.id, p.status
                  FROM payouts p
                 WHERE p.contractor_id = :userId
                   AND p.status <> 'PAID'
                """)
                .param("userId", userId)
                .query((row, number) -> new Blocker(
                        Kind.valueOf(row.getString("kind")), row.getObject("id", UUID.class), row.getString("status")))
                .list();
    }
}
