package com.fairtradeworker.bidding;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.shared.Money;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sealed bids. The request body carries only the contractor's terms: status, fee rate, owner and job ids are never
 * bound (unknown fields are refused), so none of them can be set from outside.
 */
@RestController
class BidController {

    private final BidPlacement placement;
    private final BidChanges changes;
    private final BidQueries queries;
    private final BidViews views;

    BidController(BidPlacement placement, BidChanges changes, BidQueries queries, BidViews views) {
        this.placement = placement;
        this.changes = changes;
        this.queries = queries;
        this.views = views;
    }

    /** The two shapes of a job's bid list; which one depends only on who asks, never on the bids. */
    sealed interface JobBidsResponse permits AllBidsResponse, OwnBidResponse {}

    /** What the job's homeowner and admins see: every bid, the live count and the lowest live amount. */
    record AllBidsResponse(List<BidView> items, int liveBidCount, Money lowestLiveAmount, String nextCursor)
            implements JobBidsResponse {}

    /** What a contractor sees of a job's bids: their own bid, or nothing. No counts, no amounts of others. */
    record OwnBidResponse(List<BidView> items) implements JobBidsResponse {}

    record BidPage(List<BidView> items, String nextCursor) {}

    record RevisionList(List<RevisionView> items) {}

    @Operation(
            summary = "Place a bid on an open job",
            description = "CONTRACTOR with a verified e-mail and a complete profile; one bid per job, ever; before the"
                    + " bidding deadline; amount in the job's currency. At most app.bidding.max-bids-per-day bids in"
                    + " 24 hours (429).")
    @PostMapping("/api/jobs/{jobId}/bids")
    ResponseEntity<BidView> place(
            @AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID jobId, @RequestBody BidOffer offer) {
        Bid bid = placement.place(SignedIn.require(user).userId(), jobId, offer);
        return ResponseEntity.created(URI.create("/api/bids/" + bid.id())).body(views.of(bid));
    }

    @Operation(
            summary = "Bids on a job",
            description = "The job's HOMEOWNER and ADMIN: every bid with the live count and lowest live amount."
                    + " CONTRACTOR: only their own bid (a list of at most one). Anyone else: 404.")
    @GetMapping("/api/jobs/{jobId}/bids")
    JobBidsResponse bidsOfJob(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID jobId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(PageCursor.MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        SignedIn.require(user);
        return queries.allBidsOfJob(user, jobId, PageCursor.parse(cursor), limit)
                .<JobBidsResponse>map(all -> new AllBidsResponse(
                        views.of(all.bids()),
                        all.stats().liveBidCount(),
                        all.stats().lowestLiveAmount(),
                        all.nextCursor()))
                .orElseGet(() -> new OwnBidResponse(views.of(queries.ownBidOnJob(user, jobId))));
    }

    @Operation(
            summary = "One bid",
            description = "Its CONTRACTOR, the job's HOMEOWNER, ADMIN. Anyone else gets the 404 of a missing bid.")
    @GetMapping("/api/bids/{bidId}")
    BidView bid(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID bidId) {
        return views.of(queries.visibleBid(SignedIn.require(user), bidId));
    }

    @Operation(
            summary = "Revise my bid",
            description = "Its CONTRACTOR, while it is SUBMITTED and bidding is open; every revision is kept.")
    @PutMapping("/api/bids/{bidId}")
    BidView revise(
            @AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID bidId, @RequestBody BidOffer offer) {
        return views.of(changes.revise(SignedIn.require(user).userId(), bidId, offer));
    }

    @Operation(
            summary = "Withdraw my bid",
            description = "Its CONTRACTOR, while it is SUBMITTED and bidding is open. Final: no new bid on this job.")
    @PostMapping("/api/bids/{bidId}/withdraw")
    BidView withdraw(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID bidId) {
        return views.of(changes.withdraw(SignedIn.require(user).userId(), bidId));
    }

    @Operation(
            summary = "A bid's revisions, oldest first",
            description = "Its CONTRACTOR, the job's HOMEOWNER, ADMIN; anyone else 404.")
    @GetMapping("/api/bids/{bidId}/revisions")
    RevisionList revisions(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID bidId) {
        return new RevisionList(queries.revisions(SignedIn.require(user), bidId).stream()
                .map(RevisionView::of)
                .toList());
    }

    @Operation(
            summary = "My bids, newest first",
            description = "Any signed-in user; only their own bids (contractors). Keyset pagination.")
    @GetMapping("/api/me/bids")
    BidPage myBids(
            @AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(defaultValue = "20") @Min(1) @Max(PageCursor.MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        var page = queries.ownBids(SignedIn.require(user), PageCursor.parse(cursor), limit);
        return new BidPage(views.of(page.bids()), page.nextCursor());
    }
}
