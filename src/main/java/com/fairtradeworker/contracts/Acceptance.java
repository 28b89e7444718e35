package com.fairtradeworker.contracts;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.bidding.BidSnapshot;
import com.fairtradeworker.bidding.BiddingApi;
import com.fairtradeworker.contracts.ContractEvents.ContractCreated;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.jobs.JobSnapshot;
import com.fairtradeworker.jobs.JobStatus;
import com.fairtradeworker.jobs.JobsApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The homeowner accepts one bid, before or after the bidding deadline, and it becomes the job's one contract. All of it
 * happens in one transaction that first takes the job's row lock, so concurrent acceptances on a job (two tabs, two
 * bids, retries) run one after the other and every later one finds the job AWARDED. The unique keys on
 * {@code bid_contracts} and the partial unique index on accepted bids stand behind the lock.
 */
@Service
class Acceptance {

    static final String FUNDING_WINDOW_ENDS = "CONTRACT_FUNDING_WINDOW_ENDS";

    private final ContractRepository contracts;
    private final BiddingApi bidding;
    private final JobsApi jobs;
    private final IdentityApi identity;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ContractSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Acceptance(
            ContractRepository contracts,
            BiddingApi bidding,
            JobsApi jobs,
            IdentityApi identity,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            ContractSettings settings,
            TransactionTemplate transactions,
            Clock clock) {
        this.contracts = contracts;
        this.bidding = bidding;
        this.jobs = jobs;
        this.identity = identity;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    Contract accept(UUID homeownerId, UUID bidId) {
        JobSnapshot job = bidding.find(bidId)
                .flatMap(bid -> jobs.find(bid.jobId()))
                .filter(found -> found.homeownerId().equals(homeownerId))
                .orElseThrow(() -> new NotFoundException("bid")); // another homeowner's bid is "missing"
        try {
            return transactions.execute(status -> acceptOnLockedJob(homeownerId, bidId, job.id()));
        } catch (DuplicateKeyException concurrentAcceptance) {
            // Only reachable if something bypassed the job lock; the unique keys still kept one contract per job.
            throw notOpen(jobs.find(job.id()).orElseThrow().status());
        }
    }

    private Contract acceptOnLockedJob(UUID homeownerId, UUID bidId, UUID jobId) {
        identity.requireVerifiedEmail(homeownerId);
        JobSnapshot job = jobs.lockOwnedBy(jobId, homeownerId);
        if (job.status() != JobStatus.OPEN) {
            throw notOpen(job.status());
        }
        BidSnapshot bid = bidding.acceptOnLockedJob(bidId, jobId, homeownerId);
        jobs.award(jobId, homeownerId);
        Instant now = clock.instant();
        Contract contract = Contract.fromAcceptedBid(bid, job, now);
        contracts.insert(contract);
        timers.schedule(FUNDING_WINDOW_ENDS, contract.id(), now.plus(settings.fundingWindow()));
        audit.record(AuditEntry.byUser(homeownerId, "CONTRACT_CREATED", "contract", contract.id())
                .with(Map.of(
                        "job",
                        jobId,
                        "bid",
                        bidId,
                        "to",
                        ContractStatus.PENDING_FUNDING,
                        "amountMinor",
                        contract.amount().amountMinor(),
                        "currency",
                        contract.amount().currency(),
                        "feeRateBps",
                        contract.feeRateBps())));
        events.publishEvent(
                new ContractCreated(contract.id(), jobId, bidId, contract.homeownerId(), contract.contractorId()));
        return contract;
    }

    private static ProblemException notOpen(JobStatus status) {
        return new ProblemException(
                ProblemType.STATE_CONFLICT,
                "The job is " + status + "; only a bid on an OPEN job can be accepted.",
                Map.of("status", status));
    }
}
