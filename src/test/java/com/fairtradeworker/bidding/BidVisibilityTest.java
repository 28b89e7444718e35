package com.fairtradeworker.bidding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.bidding.BidVisibility.Viewer;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The policy behind the visibility table's "bid" and "bid count, lowest amount" rows. */
class BidVisibilityTest {

    private final UUID homeowner = UUID.randomUUID();
    private final UUID contractor = UUID.randomUUID();

    @Test
    void theBidsContractorSeesItAsItsOwner() {
        assertThat(BidVisibility.viewerOf(user(contractor, Role.CONTRACTOR), contractor, homeowner))
                .contains(Viewer.CONTRACTOR_OWNER);
    }

    @Test
    void theJobsHomeownerSeesEveryBidOnIt() {
        assertThat(BidVisibility.viewerOf(user(homeowner, Role.HOMEOWNER), contractor, homeowner))
                .contains(Viewer.HOMEOWNER_OWNER);
        assertThat(BidVisibility.seesAllBidsOfJob(user(homeowner, Role.HOMEOWNER), homeowner))
                .isTrue();
    }

    @Test
    void adminsSeeEverything() {
        UUID admin = UUID.randomUUID();
        assertThat(BidVisibility.viewerOf(user(admin, Role.ADMIN), contractor, homeowner))
                .contains(Viewer.ADMIN);
        assertThat(BidVisibility.seesAllBidsOfJob(user(admin, Role.ADMIN), homeowner))
                .isTrue();
    }

    @Test
    void otherContractorsAndOtherHomeownersSeeNothing() {
        assertThat(BidVisibility.viewerOf(user(UUID.randomUUID(), Role.CONTRACTOR), contractor, homeowner))
                .isEmpty();
        assertThat(BidVisibility.viewerOf(user(UUID.randomUUID(), Role.HOMEOWNER), contractor, homeowner))
                .isEmpty();
        assertThat(BidVisibility.seesAllBidsOfJob(user(UUID.randomUUID(), Role.HOMEOWNER), homeowner))
                .isFalse();
    }

    @Test
    void aContractorNeverSeesAllBidsOrTheFiguresEvenOfAJobTheyBidOn() {
        assertThat(BidVisibility.seesAllBidsOfJob(user(contractor, Role.CONTRACTOR), homeowner))
                .isFalse();
    }

    @Test
    void anIdMatchWithTheWrongRoleGrantsNothing() {
        // Ids are unique across roles, but the rule must not rest on that alone.
        assertThat(BidVisibility.viewerOf(user(homeowner, Role.CONTRACTOR), contractor, homeowner))
                .isEmpty();
        assertThat(BidVisibility.viewerOf(user(contractor, Role.HOMEOWNER), contractor, homeowner))
                .isEmpty();
        assertThat(BidVisibility.seesAllBidsOfJob(user(homeowner, Role.CONTRACTOR), homeowner))
                .isFalse();
    }

    private static AuthenticatedUser user(UUID id, Role role) {
        return new AuthenticatedUser(id, role, "session");
    }
}
