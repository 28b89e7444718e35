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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Evidence on disputes: files with the opening request or added later by either party while the dispute is open, all
 * or nothing, checked by content; listed (metadata) to the parties and admins only.
 */
@IntegrationTest
class DisputeEvidenceTest {

    private static final byte[] PDF = ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                    + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    private static final String BOUNDARY = "dispute-boundary-7MA4YWxkTrZu0gW";

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

    @BeforeEach
    void fundedContract() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        escrow = new EscrowFixtures(api, market);
        disputes = new DisputeFixtures(api, accounts, db);
        funded = escrow.fundedContract(100_000);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void filesComeWithTheOpeningAndLaterFromEitherParty() {
        Response opened = multipart(
                "/api/contracts/" + funded.contract() + "/disputes",
                funded.homeowner(),
                DisputeFixtures.openJson("REFUND", null),
                PDF,
                "cracked tiles.pdf");

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        UUID dispute = UUID.fromString(opened.json().get("id").asString());
        assertThat(opened.json().get("evidence")).hasSize(1);
        assertThat(opened.json().get("evidence").get(0).get("contentType").asString())
                .isEqualTo("application/pdf");

        Response added =
                multipart("/api/disputes/" + dispute + "/evidence", funded.contractor(), null, PDF, "invoice.pdf");
        Response byStranger =
                multipart("/api/disputes/" + dispute + "/evidence", market.contractor(), null, PDF, "x.pdf");

        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(added.json().get("items")).hasSize(1);
        assertThat(byStranger.status()).isEqualTo(404);
        Response read = disputes.read(funded.contractor(), dispute);
        assertThat(read.json().get("evidence")).hasSize(2);
        String download = read.json().get("evidence").get(1).get("downloadPath").asString();
        assertThat(api.get(download)
                        .bearer(funded.homeowner().accessToken())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.get(download)
                        .bearer(market.homeowner().accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(evidenceOf(dispute)).isEqualTo(2);
    }

    @Test
    void aRefusedFileOpensNothing() {
        Response refused = multipart(
                "/api/contracts/" + funded.contract() + "/disputes",
                funded.homeowner(),
                DisputeFixtures.openJson("REFUND", null),
                "just text, not a document".getBytes(StandardCharsets.UTF_8),
                "notes.pdf");

        assertThat(refused.status()).as(refused.body()).isEqualTo(415);
        assertThat(disputes.contractStatus(funded.contract())).isEqualTo("FUNDED");
        assertThat(disputes.frozen(funded.contract())).isFalse();
        assertThat(disputes.ofContract(funded.homeowner(), funded.contract())
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void aDecidedDisputeTakesNoMoreEvidence() {
        UUID dispute = disputes.opened(funded.homeowner(), funded.contract(), "REFUND", null);
        disputes.withdraw(funded.homeowner(), dispute);

        Response late = multipart("/api/disputes/" + dispute + "/evidence", funded.homeowner(), null, PDF, "late.pdf");

        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(evidenceOf(dispute)).isZero();
    }

    private Response multipart(String route, SignedIn user, String json, byte[] file, String fileName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (json != null) {
            write(
                    body,
                    "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"dispute\"\r\n"
                            + "Content-Type: application/json\r\n\r\n" + json + "\r\n");
        }
        write(
                body,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.writeBytes(file);
        write(body, "\r\n--" + BOUNDARY + "--\r\n");
        return api.post(route)
                .bearer(user.accessToken())
                .chunkedBody("multipart/form-data; boundary=" + BOUNDARY, body.toByteArray())
                .send();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private long evidenceOf(UUID dispute) {
        return db.owner()
                .sql("SELECT count(*) FROM evidence_files WHERE dispute_id = ?")
                .param(dispute)
                .query(Long.class)
                .single();
    }
}
