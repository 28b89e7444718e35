package com.fairtradeworker.profiles;

import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows of the later modules (jobs, bids, contracts, ledger, disputes, reviews) that no module writes yet, inserted
 * with SQL so personal-data export and deletion can be tested against them. Money uses XTS, the ISO code reserved for
 * testing.
 */
final class MarketplaceRows {

    static final String CURRENCY = "XTS";

    private final JdbcClient jdbc;

    MarketplaceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Deal(UUID jobId, UUID bidId, UUID contractId) {}

    /** A job, the contractor's accepted bid (with a second revision) and the contract made from it, in that state. */
    Deal deal(UUID homeownerId, UUID contractorId, String contractStatus) {
        boolean ended = Set.of("RELEASED", "REFUNDED", "SPLIT", "CANCELLED").contains(contractStatus);
        boolean funded = !Set.of("PENDING_FUNDING", "CANCELLED").contains(contractStatus);
        UUID jobId = jdbc.sql("""
                        INSERT INTO jobs (homeowner_id, title, description, trade, latitude, longitude, address_text,
                                          postcode, currency, status, published_at, bidding_deadline, awarded_at,
                                          closed_at)
                        VALUES (?, 'Replace the water heater', 'The old tank leaks.', 'plumbing.water_heaters',
                                51.4545, -2.5879, '12 Orchard Lane, Bristol', 'BS1 4DJ', ?, ?, now() - interval '9 days',
                                now() - interval '2 days', now() - interval '1 day',
                                CASE WHEN ? THEN now() END)
                        RETURNING id""")
                .params(homeownerId, CURRENCY, ended ? "COMPLETED" : "AWARDED", ended)
                .query(UUID.class)
                .single();
        UUID bidId = jdbc.sql("""
                        INSERT INTO bids (job_id, contractor_id, amount_minor, currency, proposal, fee_rate_bps, status,
                                          revision, decided_at, estimated_duration_days)
                        VALUES (?, ?, 150000, ?, 'New 50-gallon tank, fitted Monday.', 500, 'ACCEPTED', 2, now(), 1)
                        RETURNING id""")
                .params(jobId, contractorId, CURRENCY)
                .query(UUID.class)
                .single();
        for (int revision = 1; revision <= 2; revision++) {
            jdbc.sql("""
                            INSERT INTO bid_revisions (bid_id, revision, amount_minor, currency, proposal, fee_rate_bps,
                                                       estimated_duration_days)
                            VALUES (?, ?, ?, ?, ?, 500, 1)""")
                    .params(bidId, revision, 140000 + revision * 5000, CURRENCY, "Proposal revision " + revision)
                    .update();
        }
        UUID contractId = jdbc.sql("""
                        INSERT INTO bid_contracts (job_id, bid_id, homeowner_id, contractor_id, amount_minor, currency,
                                                   fee_rate_bps, scope_text, job_title, status, status_before_dispute,
                                                   funded_at, ended_at)
                        VALUES (?, ?, ?, ?, 150000, ?, 500, 'New 50-gallon tank, fitted Monday.',
                                'Replace the water heater', ?, CASE WHEN ? = 'DISPUTED' THEN 'FUNDED' END,
                                CASE WHEN ? THEN now() END, CASE WHEN ? THEN now() END)
                        RETURNING id""")
                .params(
                        jobId,
                        bidId,
                        homeownerId,
                        contractorId,
                        CURRENCY,
                        contractStatus,
                        contractStatus,
                        funded,
                        ended)
                .query(UUID.class)
                .single();
        return new Deal(jobId, bidId, contractId);
    }

    UUID review(UUID contractId, UUID authorId, UUID subjectId, String body) {
        return jdbc.sql("""
                        INSERT INTO reviews (contract_id, author_id, subject_id, rating, body)
                        VALUES (?, ?, ?, 5, ?)
                        RETURNING id""")
                .params(contractId, authorId, subjectId, body)
                .query(UUID.class)
                .single();
    }

    UUID openDispute(UUID contractId, UUID openedBy) {
        return jdbc.sql("""
                        INSERT INTO disputes (contract_id, opened_by, reason, desired_outcome, statement,
                                              response_due_at)
                        VALUES (?, ?, 'POOR_QUALITY', 'REFUND', 'The new tank leaks too.', now() + interval '5 days')
                        RETURNING id""").params(contractId, openedBy).query(UUID.class).single();
    }

    /** A dispute opened by one party and resolved (so it blocks nothing), with the other party's response. */
    UUID resolvedDispute(UUID contractId, UUID openedBy, UUID respondent) {
        UUID disputeId =
                jdbc.sql("""
                        INSERT INTO disputes (contract_id, opened_by, reason, desired_outcome, statement, status,
                                              resolution, resolved_at, response_due_at, responded_at)
                        VALUES (?, ?, 'DELAYED', 'RELEASE', 'It arrived a day late.', 'RESOLVED', 'RELEASE',
                                now(), now() + interval '5 days', now())
                        RETURNING id""").params(contractId, openedBy).query(UUID.class).single();
        jdbc.sql("""
                        INSERT INTO dispute_responses (dispute_id, author_id, kind, body)
                        VALUES (?, ?, 'RESPONSE', 'The supplier delivered late; fitted the same day.')""").params(disputeId, respondent).update();
        return disputeId;
    }

    /**
     * The money of a released contract in one database transaction (the balance checks run at commit): funded,
     * released with a 5% fee, and the contractor's payout in the given state (PAID moves it to the provider).
     */
    void releasedMoney(TransactionTemplate transactions, UUID contractId, UUID contractorId, String payoutStatus) {
        transactions.executeWithoutResult(status -> {
            UUID cash = platformAccount("PROVIDER_CASH");
            UUID fees = platformAccount("PLATFORM_FEE_REVENUE");
            UUID escrow = ownedAccount("ESCROW", contractId);
            UUID payable = ownedAccount("CONTRACTOR_PAYABLE", contractorId);
            journal("FUND", contractId, cash, 150000, escrow, -150000);
            UUID release = journal("RELEASE", contractId, escrow, 150000, payable, -142500, fees, -7500);
            UUID payout = payoutStatus.equals("PAID") ? journal("PAYOUT", null, payable, 142500, cash, -142500) : null;
            jdbc.sql("""
                            INSERT INTO payouts (contract_id, contractor_id, release_transaction_id,
                                                 payout_transaction_id, amount_minor, currency, status, paid_at)
                            VALUES (?, ?, ?, ?, 142500, ?, ?, CASE WHEN ? THEN now() END)""")
                    .params(contractId, contractorId, release, payout, CURRENCY, payoutStatus, payout != null)
                    .update();
        });
    }

    private UUID platformAccount(String kind) {
        jdbc.sql("""
                        INSERT INTO ledger_accounts (kind, currency) VALUES (?, ?)
                        ON CONFLICT (kind, currency) WHERE owner_id IS NULL DO NOTHING""").params(kind, CURRENCY).update();
        return jdbc.sql("SELECT id FROM ledger_accounts WHERE kind = ? AND currency = ? AND owner_id IS NULL")
                .params(kind, CURRENCY)
                .query(UUID.class)
                .single();
    }

    private UUID ownedAccount(String kind, UUID ownerId) {
        jdbc.sql("""
                        INSERT INTO ledger_accounts (kind, owner_id, currency) VALUES (?, ?, ?)
                        ON CONFLICT (kind, owner_id, currency) DO NOTHING""").params(kind, ownerId, CURRENCY).update();
        return jdbc.sql("SELECT id FROM ledger_accounts WHERE kind = ? AND owner_id = ? AND currency = ?")
                .params(kind, ownerId, CURRENCY)
                .query(UUID.class)
                .single();
    }

    /** A journal transaction with its entries as (account, amount) pairs. */
    private UUID journal(String kind, UUID contractId, Object... accountsAndAmounts) {
        UUID transactionId = jdbc.sql("""
                        INSERT INTO transactions (kind, contract_id, idempotency_key)
                        VALUES (?, ?, ?)
                        RETURNING id""")
                .params(kind, contractId, "profiles-test-" + UUID.randomUUID())
                .query(UUID.class)
                .single();
        for (int i = 0; i < accountsAndAmounts.length; i += 2) {
            jdbc.sql("""
                            INSERT INTO ledger_entries (transaction_id, ledger_account_id, amount_minor, currency)
                            VALUES (?, ?, ?, ?)""")
                    .params(transactionId, accountsAndAmounts[i], accountsAndAmounts[i + 1], CURRENCY)
                    .update();
        }
        return transactionId;
    }
}
