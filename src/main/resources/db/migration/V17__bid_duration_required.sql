-- Every bid states how many days the work takes: the API has always required it (BidTerms), and accepting a bid
-- copies it into the contract. V4 left the columns nullable, so data written around the API (the benchmark
-- generator did, for about 10% of its bids) could hold a NULL that the application then read as 0 and failed to
-- write back. The CHECKs are added NOT VALID: every new or changed row must state a duration, while rows written
-- before are not scanned (Flyway runs this file in one transaction, so a VALIDATE here would hold the tables' lock for
-- the whole scan, and would stop start-up on old generated data). The lock for adding them is brief; lock_timeout
-- makes the migration give up rather than queue every query on bids behind a long transaction.
SET LOCAL lock_timeout = '10s';

ALTER TABLE bids
    ADD CONSTRAINT bids_estimated_duration_required CHECK (estimated_duration_days IS NOT NULL) NOT VALID;

ALTER TABLE bid_revisions
    ADD CONSTRAINT bid_revisions_estimated_duration_required CHECK (estimated_duration_days IS NOT NULL) NOT VALID;
