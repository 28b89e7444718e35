package com.fairtradeworker.bidding;

import com.fairtradeworker.profiles.ProfilesApi;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Turns bids into their API form, with each bidder's profile summary fetched in one query per list. */
@Component
class BidViews {

    private final ProfilesApi profiles;

    BidViews(ProfilesApi profiles) {
        this.profiles = profiles;
    }

    BidView of(Bid bid) {
        return of(List.of(bid)).get(0);
    }

    List<BidView> of(List<Bid> bids) {
        Set<java.util.UUID> bidders = bids.stream().map(Bid::contractorId).collect(Collectors.toSet());
        var summaries = profiles.contractorSummaries(bidders);
        return bids.stream()
                .map(bid -> BidView.of(bid, summaries.get(bid.contractorId())))
                .toList();
    }
}
