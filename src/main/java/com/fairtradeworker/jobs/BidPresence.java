package com.fairtradeworker.jobs;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the job rules need to know about bids and contracts, read directly from their tables: the bidding and contracts
 * modules depend on jobs, so jobs may not call them. Read-only.
 */
@Component
class BidPresence {

    private final JdbcClient jdbc;

    BidPresence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A job with bids is no longer editable (bidders priced what they saw). */
    boolean anyBid(UUID jobId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM bids WHERE job_id = ?)")
                .param(jobId)
                .query(Boolean.class)
                .single();
    }

    boolean hasBid(UUID jobId, UUID contractorId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM bids WHERE job_id = ? AND contractor_id = ?)")
                .params(jobId, contractorId)
                .query(Boolean.class)
                .single();
    }

    boolean isAwardedContractor(UUID jobId, UUID contractorId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM bid_contracts WHERE job_id = ? AND contractor_id = ?)")
                .params(jobId, contractorId)
                .query(Boolean.class)
                .single();
    }
}
