package com.fairtradeworker.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.reviews.ReviewEvents.ReviewHidden;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The reviewed party's one reply, and an admin hiding an abusive review (which leaves the rating at once). */
@IntegrationTest
class ReplyAndModerationTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    ReviewEventLog events;

    ReviewFixtures reviews;

    @BeforeEach
    void fixtures() {
        reviews = new ReviewFixtures(api, accounts, db, new MarketplaceFixtures(api, accounts, db, clock));
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void onlyTheReviewedPartyRepliesAndOnlyOnce() {
        Funded contract = reviews.released(60_000);
        UUID aboutContractor =
                reviews.reviewed(contract.homeowner(), contract.contract(), 3, "Fine work, poor cleanup.");
        reviews.reviewed(contract.contractor(), contract.contract(), 5, "Great client.");
        SignedIn stranger = reviews.market().homeowner();

        Response byAuthor = reviews.reply(contract.homeowner(), aboutContractor, "Replying to myself");
        Response byStranger = reviews.reply(stranger, aboutContractor, "Me too");
        Response blank = reviews.reply(contract.contractor(), aboutContractor, "  ");
        Response replied = reviews.reply(contract.contractor(), aboutContractor, "We left the site swept; sorry!");
        Response second = reviews.reply(contract.contractor(), aboutContractor, "One more thing");
        Response missing = reviews.reply(contract.contractor(), UUID.randomUUID(), "Hello");

        assertThat(byAuthor.status()).isEqualTo(403);
        assertThat(byStranger.status()).isEqualTo(403);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(replied.status()).as(replied.body()).isEqualTo(200);
        assertThat(replied.json().get("reply").get("text").asString()).isEqualTo("We left the site swept; sorry!");
        assertThat(second.status()).isEqualTo(409);
        assertThat(missing.status()).isEqualTo(404);
        JsonNode listed =
                reviews.ofUser(contract.contractor().userId(), null).json().get("items");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("reply").get("text").asString()).isEqualTo("We left the site swept; sorry!");
        assertThat(reviews.audits("REVIEW_REPLIED", aboutContractor)).isEqualTo(1);
        // Replies are for homeowners and contractors; the route refuses admins before anything else.
        assertThat(reviews.reply(accounts.admin(), aboutContractor, "Admin note")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aHiddenReviewLeavesTheListsAndTheRatingAtOnce() {
        SignedIn contractor = reviews.market().contractor();
        Funded good = reviews.releasedFor(contractor, 40_000);
        Funded bad = reviews.releasedFor(contractor, 45_000);
        reviews.reviewed(good.homeowner(), good.contract(), 5, "Excellent.");
        reviews.reviewed(contractor, good.contract(), 5, "Lovely client.");
        UUID abusive = reviews.reviewed(bad.homeowner(), bad.contract(), 1, "Abusive words here.");
        reviews.reviewed(contractor, bad.contract(), 4, "Fine.");
        assertThat(reviews.profileRating(contractor.userId())).isEqualTo("2 3.0");
        SignedIn admin = accounts.admin();

        Response byContractor = reviews.hide(contractor, abusive, "I do not like it");
        Response noReason = reviews.hide(admin, abusive, " ");
        Response hidden = reviews.hide(admin, abusive, "Insults, against the review policy.");
        Response again = reviews.hide(admin, abusive, "Still insulting.");

        assertThat(byContractor.status()).isEqualTo(404); // the admin area does not exist for others
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
        assertThat(hidden.json().get("status").asString()).isEqualTo("HIDDEN");
        assertThat(hidden.json().get("moderation").get("hiddenReason").asString())
                .isEqualTo("Insults, against the review policy.");
        assertThat(again.status()).isEqualTo(409);
        assertThat(reviews.profileRating(contractor.userId())).isEqualTo("1 5.0");
        assertThat(reviews.figures("contractor_profiles", contractor.userId())).isEqualTo("1 5");
        JsonNode page = reviews.ofUser(contractor.userId(), null).json();
        assertThat(page.get("rating").get("reviewCount").asInt()).isEqualTo(1);
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("text").asString()).isEqualTo("Excellent.");
        // The same figures the view derives from the published reviews themselves.
        assertThat(db.owner()
                        .sql("SELECT review_count || ' ' || average_rating FROM contractor_rating_summaries"
                                + " WHERE contractor_id = ?")
                        .param(contractor.userId())
                        .query(String.class)
                        .single())
                .isEqualTo("1 5.00");
        // The parties no longer see it either (its author sees it as HIDDEN); the reviewed party cannot reply.
        JsonNode contractorView =
                reviews.ofContract(contractor, bad.contract()).json().get("items");
        assertThat(contractorView).hasSize(1);
        assertThat(contractorView.get(0).get("authorSide").asString()).isEqualTo("CONTRACTOR");
        JsonNode authorView =
                reviews.ofContract(bad.homeowner(), bad.contract()).json().get("items");
        assertThat(authorView.findValuesAsString("status")).containsExactlyInAnyOrder("HIDDEN", "PUBLISHED");
        assertThat(authorView.findValues("moderation"))
                .allSatisfy(node -> assertThat(node.isNull()).isTrue());
        assertThat(reviews.reply(contractor, abusive, "Thanks").status()).isEqualTo(404);
        Map<String, Object> audit = db.owner()
                .sql("SELECT actor_id, details ->> 'from' AS from_status FROM audit_logs"
                        + " WHERE action = 'REVIEW_HIDDEN' AND entity_id = ?")
                .param(abusive.toString())
                .query()
                .singleRow();
        assertThat(audit.get("actor_id")).isEqualTo(admin.userId());
        assertThat(audit.get("from_status")).isEqualTo("PUBLISHED");
        assertThat(events.about(ReviewHidden.class, bad.contract()))
                .containsExactly(new ReviewHidden(abusive, bad.contract(), contractor.userId(), admin.userId(), true));
    }

    @Test
    void aDraftHiddenBeforePublicationIsNeverPublishedNorCounted() {
        Funded contract = reviews.released(35_000);
        UUID draft = reviews.reviewed(contract.homeowner(), contract.contract(), 1, "Abusive draft.");

        assertThat(reviews.hide(accounts.admin(), draft, "Threats.").status()).isEqualTo(200);
        reviews.reviewed(contract.contractor(), contract.contract(), 4, "Okay client.");

        assertThat(reviews.reviewStatus(draft)).isEqualTo("HIDDEN");
        assertThat(reviews.profileRating(contract.contractor().userId())).isEqualTo("0 null");
        assertThat(reviews.figures("homeowner_profiles", contract.homeowner().userId()))
                .isEqualTo("1 4");
        assertThat(reviews.ofContract(contract.contractor(), contract.contract())
                        .json()
                        .get("items")
                        .findValuesAsString("authorSide"))
                .isEqualTo(List.of("CONTRACTOR"));
    }
}
