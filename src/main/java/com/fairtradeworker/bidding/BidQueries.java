package com.fairtradeworker.bidding;

import com.fairtradeworker.bidding.BidVisibility.Viewer;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.jobs.JobSnapshot;
import com.fairtradeworker.jobs.JobStatus;
import com.fairtradeworker.jobs.JobsApi;
import com.fairtradeworker.shared.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Reading bids through {@link BidVisibility}: what is not visible to the caller is "not found", with the same answer
 * as for an id that never existed.
 */
@Service
class BidQueries {

    /** The job's bids as its homeowner or an admin sees them, with the job-level figures. */
    record AllBidsOfJob(List<Bid> bids, LiveBidStats stats, String nextCursor) {}

    /** The caller's own bids, newest first. */
    record OwnBidsPage(List<Bid> bids, String nextCursor) {}

    private final BidRepository bids;
    private final JobsApi jobs;

    BidQueries(BidRepository bids, JobsApi jobs) {
        this.bids = bids;
        this.jobs = jobs;
    }

    Bid visibleBid(AuthenticatedUser user, UUID bidId) {
        return bids.find(bidId)
                .filter(bid -> viewerOf(user, bid).isPresent())
                .orElseThrow(() -> new NotFoundException("bid"));
    }

    List<BidRevision> revisions(AuthenticatedUser user, UUID bidId) {
        return bids.revisions(visibleBid(user, bidId).id());
    }

    /** For the job's homeowner and admins: every bid on the job, a page at a time, in submission order. */
    Optional<AllBidsOfJob> allBidsOfJob(AuthenticatedUser user, UUID jobId, PageCursor after, int limit) {
        Optional<JobSnapshot> job = jobs.find(jobId);
        if (job.isEmpty() || !BidVisibility.seesAllBidsOfJob(user, job.get().homeownerId())) {
            return Optional.empty();
        }
        List<Bid> page = bids.pageOfJob(jobId, after.at(), after.id(), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Bid last = page.get(limit - 1);
            next = PageCursor.of(last.submittedAt(), last.id());
        }
        return Optional.of(
                new AllBidsOfJob(page, bids.liveStats(jobId, job.get().currency()), next));
    }

    /**
     * A contractor's view of a job's bids: their own bid or nothing. The job must be visible to them (open, or one
     * they bid on); the answer never depends on anyone else's bid.
     */
    List<Bid> ownBidOnJob(AuthenticatedUser user, UUID jobId) {
        Optional<JobSnapshot> job = jobs.find(jobId);
        Optional<Bid> own = user.is(Role.CONTRACTOR)
                ? job.flatMap(found -> bids.findByJobAndContractor(found.id(), user.userId()))
                : Optional.empty();
        boolean jobVisible = job.isPresent() && (job.get().status() == JobStatus.OPEN || own.isPresent());
        if (!jobVisible || !user.is(Role.CONTRACTOR)) {
            throw new NotFoundException("job");
        }
        return own.stream().toList();
    }

    OwnBidsPage ownBids(AuthenticatedUser user, PageCursor before, int limit) {
        List<Bid> page = bids.pageOfContractor(user.userId(), before.at(), before.id(), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Bid last = page.get(limit - 1);
            next = PageCursor.of(last.submittedAt(), last.id());
        }
        return new OwnBidsPage(page, next);
    }

    /** The same two lookups whoever asks, so a competitor's bid costs no other work than one's own. */
    private Optional<Viewer> viewerOf(AuthenticatedUser user, Bid bid) {
        return jobs.find(bid.jobId())
                .flatMap(job -> BidVisibility.viewerOf(user, bid.contractorId(), job.homeownerId()));
    }
}
