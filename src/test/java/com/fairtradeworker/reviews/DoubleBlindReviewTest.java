package com.fairtradeworker.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.reviews.ReviewEvents.ReviewPublished;
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

/**
 * Double-blind reviews on a contract whose escrow was released: a review stays with its author until the other party
 * has reviewed too, then both are published in one transaction; one review per party; strangers see nothing.
 */
@IntegrationTest
class DoubleBlindReviewTest {

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
    Funded contract;

    @BeforeEach
    void releasedContract() {
        reviews = new ReviewFixtures(api, accounts, db, new MarketplaceFixtures(api, accounts, db, clock));
        contract = reviews.released(90_000);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void theOtherPartySeesNothingOfADraftNotEvenThatItExists() {
        SignedIn homeowner = contract.homeowner();
        SignedIn contractor = contract.contractor();
        String contractorViewBefore =
                reviews.ofContract(contractor, contract.contract()).body();
        String publicBefore = reviews.ofUser(contractor.userId(), null).body();

        Response submitted = reviews.submit(homeowner, contract.contract(), 5, "Tidy, on time, fair price.");

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(submitted.json().get("publishedAt").isNull()).isTrue();
        // The contractor's view is byte for byte what it was: no item, no count, no flag.
        Response contractorView = reviews.ofContract(contractor, contract.contract());
        assertThat(contractorView.status()).isEqualTo(200);
        assertThat(contractorView.body()).isEqualTo(contractorViewBefore);
        assertThat(contractorView.json().get("items")).isEmpty();
        assertThat(contractorView.json().get("canReview").asBoolean()).isTrue();
        assertThat(reviews.ofUser(contractor.userId(), null).body()).isEqualTo(publicBefore);
        assertThat(reviews.profileRating(contractor.userId())).isEqualTo("0 null");
        // The author sees their own draft; an admin sees it too.
        JsonNode own = reviews.ofContract(homeowner, contract.contract()).json();
        assertThat(own.get("items")).hasSize(1);
        assertThat(own.get("items").get(0).get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(own.get("items").get(0).get("text").asString()).isEqualTo("Tidy, on time, fair price.");
        assertThat(own.get("canReview").asBoolean()).isFalse();
        JsonNode adminView =
                reviews.ofContract(accounts.admin(), contract.contract()).json();
        assertThat(adminView.get("items")).hasSize(1);
        // Its id answers as missing to the reviewed party.
        UUID review = UUID.fromString(submitted.json().get("id").asString());
        assertThat(reviews.reply(contractor, review, "Thanks!").status()).isEqualTo(404);
        assertThat(events.about(ReviewPublished.class, contract.contract())).isEmpty();
    }

    @Test
    void bothReviewsArePublishedTogetherWhenTheSecondArrives() {
        UUID first = reviews.reviewed(contract.homeowner(), contract.contract(), 4, "Good work, a day late.");

        Response second = reviews.submit(contract.contractor(), contract.contract(), 5, "Clear brief, paid promptly.");

        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().get("status").asString()).isEqualTo("PUBLISHED");
        UUID secondId = UUID.fromString(second.json().get("id").asString());
        List<Map<String, Object>> rows = db.owner()
                .sql("SELECT status, published_at FROM reviews WHERE contract_id = ?")
                .param(contract.contract())
                .query()
                .listOfRows();
        assertThat(rows)
                .hasSize(2)
                .allSatisfy(row -> assertThat(row.get("status")).isEqualTo("PUBLISHED"));
        assertThat(rows.get(0).get("published_at")).isEqualTo(rows.get(1).get("published_at"));
        assertThat(reviews.ratingTimers(contract.contract())).containsExactly("CANCELLED");
        for (SignedIn party : List.of(contract.homeowner(), contract.contractor())) {
            JsonNode view = reviews.ofContract(party, contract.contract()).json();
            assertThat(view.get("items")).hasSize(2);
            assertThat(view.get("ratingWindow").get("publishedAt").isNull()).isFalse();
            assertThat(view.get("canReview").asBoolean()).isFalse();
        }
        JsonNode aboutContractor =
                reviews.ofUser(contract.contractor().userId(), null).json();
        assertThat(aboutContractor.get("items")).hasSize(1);
        assertThat(aboutContractor.get("items").get(0).get("id").asString()).isEqualTo(first.toString());
        assertThat(aboutContractor.get("items").get(0).get("authorSide").asString())
                .isEqualTo("HOMEOWNER");
        assertThat(aboutContractor.get("rating").get("reviewCount").asInt()).isEqualTo(1);
        assertThat(aboutContractor.get("rating").get("averageRating").asDouble())
                .isEqualTo(4.0);
        assertThat(reviews.profileRating(contract.contractor().userId())).isEqualTo("1 4.0");
        assertThat(reviews.figures("homeowner_profiles", contract.homeowner().userId()))
                .isEqualTo("1 5");
        assertThat(reviews.audits("REVIEW_PUBLISHED", first)).isEqualTo(1);
        assertThat(reviews.audits("REVIEW_PUBLISHED", secondId)).isEqualTo(1);
        assertThat(events.about(ReviewPublished.class, contract.contract()))
                .containsExactlyInAnyOrder(
                        new ReviewPublished(
                                first,
                                contract.contract(),
                                contract.homeowner().userId(),
                                contract.contractor().userId(),
                                4,
                                false),
                        new ReviewPublished(
                                secondId,
                                contract.contract(),
                                contract.contractor().userId(),
                                contract.homeowner().userId(),
                                5,
                                false));
    }

    @Test
    void eachPartyReviewsOnceAndCannotChangeIt() {
        reviews.reviewed(contract.homeowner(), contract.contract(), 2, "Left a mess.");

        Response again = reviews.submit(contract.homeowner(), contract.contract(), 5, "Actually fine.");
        reviews.reviewed(contract.contractor(), contract.contract(), 3, "Slow to answer.");
        Response afterPublication = reviews.submit(contract.contractor(), contract.contract(), 1, "Changed my mind.");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("/already-exists");
        assertThat(afterPublication.status()).isEqualTo(409);
        assertThat(db.owner()
                        .sql("SELECT string_agg(rating::text, ',' ORDER BY rating) FROM reviews WHERE contract_id = ?")
                        .param(contract.contract())
                        .query(String.class)
                        .single())
                .isEqualTo("2,3");
    }

    @Test
    void strangersGetTheAnswerForAMissingContract() {
        SignedIn otherHomeowner = reviews.market().homeowner();
        SignedIn otherContractor = accounts.verifiedUser("CONTRACTOR");
        Response missing = reviews.ofContract(otherHomeowner, UUID.randomUUID());

        for (SignedIn stranger : List.of(otherHomeowner, otherContractor)) {
            Response read = reviews.ofContract(stranger, contract.contract());
            Response write = reviews.submit(stranger, contract.contract(), 5, "Great!");
            assertThat(read.status()).isEqualTo(404);
            assertThat(write.status()).isEqualTo(404);
            assertThat(MarketplaceFixtures.comparable(read)).isEqualTo(MarketplaceFixtures.comparable(missing));
        }
        assertThat(reviews.submit(accounts.admin(), contract.contract(), 5, "Admin opinion")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void invalidReviewsAreRefusedWithEveryProblemAtOnce() {
        String tooLong = "x".repeat(ReviewInput.MAX_TEXT_LENGTH + 1);

        Response zero = reviews.submit(contract.homeowner(), contract.contract(), 0, "Bad");
        Response six = reviews.submit(contract.homeowner(), contract.contract(), 6, "Good");
        Response half =
                reviews.submitJson(contract.homeowner(), contract.contract(), "{\"rating\": 4.5, \"text\": \"ok\"}");
        Response both = reviews.submitJson(contract.homeowner(), contract.contract(), "{\"text\": \"   \"}");
        Response longText = reviews.submit(contract.homeowner(), contract.contract(), 4, tooLong);
        Response status = reviews.submitJson(
                contract.homeowner(),
                contract.contract(),
                "{\"rating\": 4, \"text\": \"ok\", \"status\": \"PUBLISHED\"}");

        for (Response refused : List.of(zero, six, half, longText, status)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors")).hasSize(2);
        // Exactly 2000 characters (code points, not UTF-16 units) are fine.
        String emoji = "\uD83D\uDC4D".repeat(ReviewInput.MAX_TEXT_LENGTH);
        assertThat(reviews.submit(contract.homeowner(), contract.contract(), 4, emoji)
                        .status())
                .isEqualTo(201);
    }
}
