package com.fairtradeworker.profiles.personaldata;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only SQL over the tables of later modules (jobs, bids, contracts, disputes, reviews) for the personal-data
 * export: everything a user posted, offered, agreed to or wrote, found by their user id. It reads the tables directly
 * because profiles sits below those modules; it writes nothing. Each query answers a JSON array with camelCase keys,
 * money as {@code {"amountMinor", "currency"}} and times in UTC.
 */
@Repository
class MarketplaceRecordsOfUser {

    private final JdbcClient jdbc;

    MarketplaceRecordsOfUser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Timestamps in the JSON below are rendered in the session's time zone: make it UTC for this transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void renderTimesInUtc() {
        jdbc.sql("SET LOCAL TIME ZONE 'UTC'").update();
    }

    String jobsPosted(UUID userId) {
        return jsonArray("""
                SELECT coalesce(json_agg(json_build_object(
                           'id', j.id,
                           'title', j.title,
                           'description', j.description,
                           'trade', j.trade::text,
                           'addressText', j.address_text,
                           'postcode', j.postcode,
                           'latitude', j.latitude,
                           'longitude', j.longitude,
                           'budgetMin', CASE WHEN j.budget_min_minor IS NOT NULL THEN
                                            json_build_object('amountMinor', j.budget_min_minor, 'currency', j.currency)
                                        END,
                           'budgetMax', CASE WHEN j.budget_max_minor IS NOT NULL THEN
                                            json_build_object('amountMinor', j.budget_max_minor, 'currency', j.currency)
                                        END,
                           'biddingDeadline', j.bidding_deadline,
                           'desiredStartDate', j.desired_start_date,
                           'status', j.status,
                           'publishedAt', j.published_at,
                           'createdAt', j.created_at
                       ) ORDER BY j.created_at), '[]'::json)
                  FROM jobs j
                 WHERE j.homeowner_id = :userId
                """, userId);
    }

    String bidsPlaced(UUID userId) {
        return jsonArray("""
                SELECT coalesce(json_agg(json_build_object(
                           'id', b.id,
                           'jobId', b.job_id,
                           'amount', json_build_object('amountMinor', b.amount_minor, 'currency', b.currency),
                           'proposal', b.proposal,
                           'estimatedDurationDays', b.estimated_duration_days,
                           'earliestStart', b.earliest_start,
                           'feeRateBps', b.fee_rate_bps,
                           'status', b.status,
                           'submittedAt', b.submitted_at,
                           'revisions', (
                               SELECT coalesce(json_agg(json_build_object(
                                          'revision', r.revision,
                                          'amount', json_build_object('amountMinor', r.amount_minor, 'currency', r.currency),
                                          'proposal', r.proposal,
                                          'estimatedDurationDays', r.estimated_duration_days,
                                          'earliestStart', r.earliest_start,
                                          'createdAt', r.created_at
                                      ) ORDER BY r.revision), '[]'::json)
                                 FROM bid_revisions r
                                WHERE r.bid_id = b.id)
                       ) ORDER BY b.created_at), '[]'::json)
                  FROM bids b
                 WHERE b.contractor_id = :userId
                """, userId);
    }

    String contractsAsParty(UUID userId) {
        return jsonArray("""
                SELECT coalesce(json_agg(json_build_object(
                           'id', c.id,
                           'role', CASE WHEN c.homeowner_id = :userId THEN 'HOMEOWNER' ELSE 'CONTRACTOR' END,
                           'jobId', c.job_id,
                           'bidId', c.bid_id,
                           'homeownerId', c.homeowner_id,
                           'contractorId', c.contractor_id,
                           'jobTitle', c.job_title,
                           'scopeText', c.scope_text,
                           'amount', json_build_object('amountMinor', c.amount_minor, 'currency', c.currency),
                           'feeRateBps', c.fee_rate_bps,
                           'status', c.status,
                           'acceptedAt', c.accepted_at,
                           'fundedAt', c.funded_at,
                           'endedAt', c.ended_at
                       ) ORDER BY c.accepted_at), '[]'::json)
                  FROM bid_contracts c
                 WHERE c.homeowner_id = :userId OR c.contractor_id = :userId
                """, userId);
    }

    String reviewsWritten(UUID userId) {
        return jsonArray("""
                SELECT coalesce(json_agg(json_build_object(
                           'id', r.id,
                           'contractId', r.contract_id,
                           'subjectId', r.subject_id,
                           'rating', r.rating,
                           'body', r.body,
                           'status', r.status,
                           'submittedAt', r.submitted_at,
                           'publishedAt', r.published_at
                       ) ORDER BY r.submitted_at), '[]'::json)
                  FROM reviews r
                 WHERE r.author_id = :userId
                """, userId);
    }

    /** Disputes the user opened and every statement or response they wrote in one. */
    String disputeStatements(UUID userId) {
        return jsonArray("""
                SELECT coalesce(json_agg(statement ORDER BY written_at), '[]'::json)
                  FROM (SELECT json_build_object(
                                   'disputeId', d.id,
                                   'contractId', d.contract_id,
                                   'kind', 'OPENING',
                                   'reason', d.reason,
                                   'desiredOutcome', d.desired_outcome,
                                   'body', d.statement,
                                   'writtenAt', d.created_at) AS statement,
                               d.created_at AS written_at
                          FROM disputes d
                         WHERE d.opened_by = :userId
                        UNION ALL
                        SELECT json_build_object(
                                   'disputeId', r.dispute_id,
                                   'contractId', d.contract_id,
                                   'kind', r.kind,
                                   'reason', CAST(NULL AS text),
                                   'desiredOutcome', CAST(NULL AS text),
                                   'body', r.body,
                                   'writtenAt', r.created_at),
                               r.created_at
                          FROM dispute_responses r
                          JOIN disputes d ON d.id = r.dispute_id
                         WHERE r.author_id = :userId) statements
                """, userId);
    }

    private String jsonArray(String sql, UUID userId) {
        return jdbc.sql(sql).param("userId", userId).query(String.class).single();
    }
}
