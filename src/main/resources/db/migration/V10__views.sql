-- Views for the common reads. They run with the owner's rights; the runtime role gets SELECT on them only (V11).

-- Open jobs as anyone may see them: no exact address. The location is rounded to 0.01 degree (about 1 km) and the
-- postcode cut to its area: the outward code when the postcode has a space ('SW1A 1AA' -> 'SW1A'), otherwise its
-- first three characters ('94107' -> '941'). Distance search runs on jobs itself (exact coordinates, GiST index).
CREATE VIEW open_job_summaries AS
SELECT j.id,
       j.title,
       j.description,
       j.trade,
       round(j.latitude::numeric, 2)::double precision  AS approx_latitude,
       round(j.longitude::numeric, 2)::double precision AS approx_longitude,
       upper(CASE WHEN position(' ' IN btrim(j.postcode)) > 0 THEN split_part(btrim(j.postcode), ' ', 1)
                  ELSE left(btrim(j.postcode), 3) END)   AS postcode_area,
       j.budget_min_minor,
       j.budget_max_minor,
       j.currency,
       j.bidding_deadline,
       j.desired_start_date,
       j.published_at,
       j.search_vector
  FROM jobs j
 WHERE j.status = 'OPEN';

-- Balance of every ledger account, derived from its entries (signed: see V6).
CREATE VIEW ledger_account_balances AS
SELECT a.id                                   AS ledger_account_id,
       a.kind,
       a.owner_id,
       a.currency,
       coalesce(sum(e.amount_minor), 0)::bigint AS balance_minor,
       count(e.id)                            AS entry_count
  FROM ledger_accounts a
  LEFT JOIN ledger_entries e ON e.ledger_account_id = a.id
 GROUP BY a.id;

-- Each escrow account's figures derived from the ledger, beside the cached ones kept on escrow_accounts:
--   held     = minus the sum of the escrow's entries
--   funded   = the escrow's credits (its negative entries), as a positive amount
--   released = what RELEASE and SPLIT transactions of the contract credited to contractor payable and fee revenue
--   refunded = what REFUND and SPLIT transactions of the contract paid back to the provider's cash
CREATE VIEW escrow_balances AS
SELECT ea.id                              AS escrow_account_id,
       ea.contract_id,
       ea.ledger_account_id,
       ea.currency,
       ea.amount_minor,
       ea.status,
       ea.frozen,
       (-coalesce(own.total, 0))::bigint  AS held_minor,
       coalesce(own.credited, 0)::bigint  AS funded_minor,
       coalesce(exits.released, 0)::bigint AS released_minor,
       coalesce(exits.refunded, 0)::bigint AS refunded_minor,
       ea.funded_minor                    AS cached_funded_minor,
       ea.released_minor                  AS cached_released_minor,
       ea.refunded_minor                  AS cached_refunded_minor
  FROM escrow_accounts ea
  LEFT JOIN LATERAL (
       SELECT sum(e.amount_minor)                                   AS total,
              -sum(e.amount_minor) FILTER (WHERE e.amount_minor < 0) AS credited
         FROM ledger_entries e
        WHERE e.ledger_account_id = ea.ledger_account_id) own ON true
  LEFT JOIN LATERAL (
       SELECT -sum(e.amount_minor) FILTER (WHERE a.kind IN ('CONTRACTOR_PAYABLE', 'PLATFORM_FEE_REVENUE')) AS released,
              -sum(e.amount_minor) FILTER (WHERE a.kind = 'PROVIDER_CASH')                            AS refunded
         FROM transactions t
         JOIN ledger_entries e ON e.transaction_id = t.id
         JOIN ledger_accounts a ON a.id = e.ledger_account_id
        WHERE t.contract_id = ea.contract_id
          AND t.kind IN ('RELEASE', 'REFUND', 'SPLIT')) exits ON true;

-- A contract with its job, escrow and open dispute, and the fee both sides were shown:
-- fee = floor(amount x rate / 10,000) on a full release (integer division of non-negative numbers floors).
CREATE VIEW contract_overviews AS
SELECT c.id                                                     AS contract_id,
       c.job_id,
       c.bid_id,
       c.homeowner_id,
       c.contractor_id,
       c.job_title,
       c.amount_minor,
       c.currency,
       c.fee_rate_bps,
       c.amount_minor * c.fee_rate_bps / 10000                  AS full_release_fee_minor,
       c.amount_minor - c.amount_minor * c.fee_rate_bps / 10000 AS full_release_contractor_net_minor,
       c.status,
       c.status_before_dispute,
       c.cancellation_proposed_by,
       c.accepted_at,
       c.funded_at,
       c.ended_at,
       j.status                                                 AS job_status,
       eb.escrow_account_id,
       eb.status                                                AS escrow_status,
       eb.frozen                                                AS escrow_frozen,
       eb.held_minor                                            AS escrow_held_minor,
       eb.funded_minor                                          AS escrow_funded_minor,
       eb.released_minor                                        AS escrow_released_minor,
       eb.refunded_minor                                        AS escrow_refunded_minor,
       d.id                                                     AS open_dispute_id,
       d.status                                                 AS open_dispute_status
  FROM bid_contracts c
  JOIN jobs j ON j.id = c.job_id
  LEFT JOIN escrow_balances eb ON eb.contract_id = c.id
  LEFT JOIN disputes d ON d.contract_id = c.id AND d.status IN ('OPEN', 'AWAITING_MEDIATION');

-- Ratings of every contractor from their published reviews.
CREATE VIEW contractor_rating_summaries AS
SELECT p.user_id                                  AS contractor_id,
       p.business_name,
       p.verification_status,
       count(r.id)                                AS review_count,
       round(avg(r.rating), 2)                    AS average_rating,
       count(r.id) FILTER (WHERE r.rating = 5)    AS five_star_count,
       count(r.id) FILTER (WHERE r.rating = 4)    AS four_star_count,
       count(r.id) FILTER (WHERE r.rating = 3)    AS three_star_count,
       count(r.id) FILTER (WHERE r.rating = 2)    AS two_star_count,
       count(r.id) FILTER (WHERE r.rating = 1)    AS one_star_count
  FROM contractor_profiles p
  LEFT JOIN reviews r ON r.subject_id = p.user_id AND r.status = 'PUBLISHED'
 GROUP BY p.user_id;

-- Bid count and lowest live amount per job: for the job's homeowner and admins only, never for contractors.
CREATE VIEW job_bid_stats AS
SELECT j.id                                                                    AS job_id,
       j.homeowner_id,
       j.currency,
       count(b.id)                                                             AS bid_count,
       count(b.id) FILTER (WHERE b.status IN ('SUBMITTED', 'ACCEPTED'))        AS live_bid_count,
       min(b.amount_minor) FILTER (WHERE b.status IN ('SUBMITTED', 'ACCEPTED')) AS lowest_live_amount_minor
  FROM jobs j
  LEFT JOIN bids b ON b.job_id = j.id
 GROUP BY j.id;

-- The admins' queue of disputes awaiting a response or mediation, oldest first by created_at.
CREATE VIEW open_dispute_queue AS
SELECT d.id            AS dispute_id,
       d.contract_id,
       d.status,
       d.opened_by,
       d.desired_outcome,
       d.created_at    AS opened_at,
       d.response_due_at,
       c.homeowner_id,
       c.contractor_id,
       c.job_title,
       c.amount_minor,
       c.currency
  FROM disputes d
  JOIN bid_contracts c ON c.id = d.contract_id
 WHERE d.status IN ('OPEN', 'AWAITING_MEDIATION');
