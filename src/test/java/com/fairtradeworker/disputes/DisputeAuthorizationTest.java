package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.EscrowFixtures;
import com.fairtradeworker.support.EscrowFixtures.Funded;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.LedgerInvariants;
import com.fairtradeworker.support.MarketplaceFixtures;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may do what with a dispute: only the contract's two parties open, respond, add statements or withdraw; a
 * stranger (homeowner or contractor) gets exactly the answer for a missing dispute and changes nothing; admins read
 * everything but act only through the admin routes, which nobody else may use.
 */
@IntegrationTest
class DisputeAuthorizationTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    MarketplaceFixtures market;
    EscrowFixtures escrow;
    DisputeFixtures disputes;
    Funded funded;
    UUID dispute;

    @BeforeEach
    void anOpenDispute() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        disputes = new DisputeFixtures(api, accounts, db);
        funded = escrow.fundedContract(100_000);
        dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void strangersGetTheAnswerForAMissingDisputeEverywhereAndChangeNothing() {
        UUID missing = UUID.randomUUID();
        for (SignedIn stranger : List.of(market.homeowner(), market.contractor())) {
            Response open = disputes.open(stranger, funded.contract(), DisputeFixtures.openJson("REFUND", null));
            Response openMissing = disputes.open(stranger, missing, DisputeFixtures.openJson("REFUND", null));
            Response respond = disputes.respond(stranger, dispute, "I was not even there.");
            Response respondMissing = disputes.respond(stranger, missing, "I was not even there.");
            Response statement = disputes.statement(stranger, dispute, "Me too.");
            Response withdraw = disputes.withdraw(stranger, dispute);
            Response read = disputes.read(stranger, dispute);
            Response readMissing = disputes.read(stranger, missing);
            Response list = disputes.ofContract(stranger, funded.contract());

            assertThat(List.of(
                            open, openMissing, respond, respondMissing, statement, withdraw, read, readMissing, list))
                    .extracting(Response::status)
                    .containsOnly(404);
            assertThat(MarketplaceFixtures.comparable(read)).isEqualTo(MarketplaceFixtures.comparable(readMissing));
            assertThat(MarketplaceFixtures.comparable(respond))
                    .isEqualTo(MarketplaceFixtures.comparable(respondMissing));
            assertThat(MarketplaceFixtures.comparable(open)).isEqualTo(MarketplaceFixtures.comparable(openMissing));
        }
        assertThat(disputes.disputeStatus(dispute)).isEqualTo("OPEN");
        assertThat(entries(dispute)).isZero();
    }

    @Test
    void theOpenerCannotAnswerTheirOwnDisputeAndTheOtherPartyAnswersOnce() {
        Response byOpener = disputes.respond(funded.homeowner(), dispute, "Answering myself.");
        Response byOther = disputes.respond(funded.contractor(), dispute, "The tiles were cracked already.");
        Response again = disputes.respond(funded.contractor(), dispute, "And again.");

        assertThat(byOpener.status()).isEqualTo(403);
        assertThat(byOther.status()).as(byOther.body()).isEqualTo(200);
        assertThat(byOther.json().get("status").asString()).isEqualTo("AWAITING_MEDIATION");
        assertThat(byOther.json().get("respondedAt").isNull()).isFalse();
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("status").asString()).isEqualTo("AWAITING_MEDIATION");
    }

    @Test
    void bothPartiesAddStatementsAndEveryoneEntitledReadsThem() {
        disputes.responded(funded.contractor(), dispute);
        Response byHomeowner = disputes.statement(funded.homeowner(), dispute, "Photos attached later.");
        Response byContractor = disputes.statement(funded.contractor(), dispute, "See my invoice.");

        assertThat(byHomeowner.status()).as(byHomeowner.body()).isEqualTo(201);
        assertThat(byHomeowner.json().get("authorSide").asString()).isEqualTo("HOMEOWNER");
        assertThat(byContractor.status()).isEqualTo(201);
        for (SignedIn reader : List.of(funded.homeowner(), funded.contractor(), accounts.admin())) {
            Response read = disputes.read(reader, dispute);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("entries")).hasSize(3);
            assertThat(read.json().get("entries").get(0).get("kind").asString()).isEqualTo("RESPONSE");
            assertThat(read.json().get("entries").get(2).get("statement").asString())
                    .isEqualTo("See my invoice.");
        }
    }

    @Test
    void adminsReadEverythingButDoNotActAsAParty() {
        SignedIn admin = accounts.admin();

        assertThat(disputes.read(admin, dispute).status()).isEqualTo(200);
        assertThat(disputes.ofContract(admin, funded.contract()).status()).isEqualTo(200);
        assertThat(api.get("/api/admin/disputes/" + dispute)
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(disputes.respond(admin, dispute, "As admin.").status()).isEqualTo(403);
        assertThat(disputes.withdraw(admin, dispute).status()).isEqualTo(403);
        assertThat(disputes.statement(admin, dispute, "As admin.").status()).isEqualTo(403);
        assertThat(disputes.open(admin, funded.contract(), DisputeFixtures.openJson("REFUND", null))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void onlyAdminsUseTheAdminRoutes() {
        disputes.responded(funded.contractor(), dispute);
        String resolution = DisputeFixtures.resolutionJson("RELEASE", null, "I decide for myself.");
        for (SignedIn party : List.of(funded.homeowner(), funded.contractor(), market.homeowner())) {
            assertThat(api.get("/api/admin/disputes")
                            .bearer(party.accessToken())
                            .send()
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/admin/disputes/" + dispute)
                            .bearer(party.accessToken())
                            .send()
                            .status())
                    .isEqualTo(404);
            assertThat(disputes.resolve(party, dispute, "k-" + UUID.randomUUID(), resolution)
                            .status())
                    .isEqualTo(404);
        }
        assertThat(api.post("/api/admin/disputes/" + dispute + "/resolution")
                        .header("Idempotency-Key", "anonymous")
                        .json(resolution)
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(disputes.disputeStatus(dispute)).isEqualTo("AWAITING_MEDIATION");
        assertThat(disputes.escrowStatus(funded.contract())).isEqualTo("HELD");
    }

    private long entries(UUID disputeId) {
        return db.owner()
                .sql("SELECT count(*) FROM dispute_responses WHERE dispute_id = ?")
                .param(disputeId)
                .query(Long.class)
                .single();
    }
}
