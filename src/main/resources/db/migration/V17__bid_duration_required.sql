-- Every bid states how many days the work takes: the API has always required it (BidTerms), and accepting a bid
-- copies it into the contract. V4 left the columns nullable, so data written around the API (the benchmark
-- generator did, for about 10% of its bids) could hold a NULL that the application then read as 0 and failed to
-- write back. A CHECK added NOT VALID and then validated refuses new NULLs at once and checks the existing rows
-- without holding the table's write lock for the scan.
ALTER TABLE bids
    ADD CONSTRAINT bids_estimated_duration_required CHECK (estimated_duration_days IS NOT NULL) NOT VALID;
ALTER TABLE bids VALIDATE CONSTRAINT bids_estimated_duration_required;

ALTER TABLE bid_revisions
    ADD CONSTRAINT bid_revisions_estimated_duration_required CHECK (estimated_duration_days IS NOT NULL) NOT VALID;
ALTER TABLE bid_revisions VALIDATE CONSTRAINT bid_revisions_estimated_duration_required;
