package com.fairtradeworker.bidding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BidStatusTest {

    @Test
    void onlyASubmittedBidMovesAndOnlyToItsThreeOutcomes() {
        assertThat(EnumSet.allOf(BidStatus.class).stream()
                        .filter(BidStatus.SUBMITTED::canTransitionTo)
                        .toList())
                .containsExactlyInAnyOrder(BidStatus.ACCEPTED, BidStatus.REJECTED, BidStatus.WITHDRAWN);
        for (BidStatus from : EnumSet.complementOf(EnumSet.of(BidStatus.SUBMITTED))) {
            assertThat(from.terminal()).as(from.name()).isTrue();
            for (BidStatus to : BidStatus.values()) {
                assertThat(from.canTransitionTo(to)).as(from + " -> " + to).isFalse();
            }
        }
    }
}
