package com.fairtradeworker.completions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.completions.CompletionViews.CompletionView;
import com.fairtradeworker.completions.Samples.Upload;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/** Evidence with a submission: checked by content, at most 20, served only to the contract's parties and admins. */
@IntegrationTest
class CompletionEvidenceTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    DatabaseRoles db;

    @Autowired
    MutableClock clock;

    @Autowired
    Completions completions;

    MarketplaceFixtures market;
    CompletionSteps steps;
    Funded funded;

    @BeforeEach
    void fundedContract() {
        market = new MarketplaceFixtures(api, accounts, db, clock);
        steps = new CompletionSteps(api, db);
        funded = new EscrowFixtures(api, market).fundedContract(90_000);
    }

    @AfterEach
    void moneyInvariantsHold() {
        new LedgerInvariants(db).assertHold();
    }

    @Test
    void evidenceIsStoredWithNoTransactionOpenAndNoLockOnTheContract() {
        List<String> observed = new CopyOnWriteArrayList<>();
        byte[] photo = Samples.png("slow.png").bytes();
        MockMultipartFile slowUpload = new MockMultipartFile("files", "slow.png", "image/png", photo) {
            @Override
            public InputStream getInputStream() throws IOException {
                // Read while the upload is stored: no transaction may be open, and the contract must be lockable.
                observed.add("in a transaction: " + TransactionSynchronizationManager.isActualTransactionActive());
                db.owner()
                        .sql("SELECT id FROM bid_contracts WHERE id = ? FOR UPDATE NOWAIT")
                        .param(funded.contract())
                        .query(UUID.class)
                        .single();
                observed.add("contract lockable");
                return super.getInputStream();
            }
        };

        CompletionView view = completions.submit(
                funded.contractor().userId(),
                funded.contract(),
                CompletionText.validated("Done, see the photo.", null),
                List.of(slowUpload));

        assertThat(observed).containsExactly("in a transaction: false", "contract lockable");
        assertThat(view.evidence()).hasSize(1);
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");
    }

    @Test
    void realPhotosAndDocumentsAreKeptAndServedToThePartiesAndAdminsOnly() throws Exception {
        List<Upload> uploads =
                List.of(Samples.png("before.png"), Samples.jpeg("after.jpg"), Samples.pdf("invoice.pdf"));
        Response submitted = steps.submit(funded.contractor(), funded.contract(), "Done, see photos.", uploads);

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        JsonNode evidence = submitted.json().get("evidence");
        assertThat(evidence).hasSize(3);
        assertThat(evidence.get(0).get("contentType").asString()).isEqualTo("image/png");
        assertThat(evidence.get(1).get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(evidence.get(2).get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(evidence.get(2).get("fileName").asString()).isEqualTo("invoice.pdf");
        assertThat(evidence.get(2).get("sizeBytes").asLong())
                .isEqualTo(uploads.get(2).bytes().length);

        SignedIn admin = accounts.admin();
        for (JsonNode file : evidence) {
            String path = file.get("downloadPath").asString();
            for (SignedIn reader : List.of(funded.homeowner(), funded.contractor(), admin)) {
                Response download = steps.download(reader, path);
                assertThat(download.status()).as(path).isEqualTo(200);
                assertThat(download.header("Content-Type"))
                        .isEqualTo(file.get("contentType").asString());
                assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
                assertThat(download.header("Content-Disposition"))
                        .startsWith("attachment")
                        .contains("evidence-" + file.get("id").asString() + ".")
                        .doesNotContain("before", "after", "invoice");
                assertThat(sha256(download.raw().body()))
                        .isEqualTo(file.get("sha256").asString());
            }
            assertThat(steps.download(market.homeowner(), path).status()).isEqualTo(404);
            assertThat(steps.download(market.contractor(), path).status()).isEqualTo(404);
            assertThat(api.get(path).send().status()).isEqualTo(401);
        }
        assertThat(steps.download(admin, "/api/evidence/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void aRenamedPageOrProgramIsRefusedAndNothingIsKept() {
        long filesBefore = storedCompletionFiles();
        long rowsBefore = steps.evidenceRows();

        Response html = steps.submit(
                funded.contractor(),
                funded.contract(),
                "Done.",
                List.of(Samples.png("fine.png"), Samples.htmlRenamedToPng()));
        Response exe =
                steps.submit(funded.contractor(), funded.contract(), "Done.", List.of(Samples.exeRenamedToJpg()));

        assertThat(html.status()).as(html.body()).isEqualTo(415);
        assertThat(html.json().get("type").asString()).endsWith("/unsupported-media-type");
        assertThat(exe.status()).as(exe.body()).isEqualTo(415);
        assertThat(steps.completionStatuses(funded.contract())).isEmpty();
        assertThat(steps.contractStatus(funded.contract())).isEqualTo("FUNDED");
        assertThat(steps.evidenceRows()).isEqualTo(rowsBefore);
        assertThat(storedCompletionFiles())
                .as("the PNG stored before the page was refused is deleted with the rollback")
                .isEqualTo(filesBefore);
        steps.submitted(funded.contractor(), funded.contract());
        assertThat(storedCompletionFiles()).as("the count sees stored files").isEqualTo(filesBefore + 1);
    }

    @Test
    void twentyFilesAreAcceptedButNotTwentyOne() {
        Response tooMany = steps.submit(funded.contractor(), funded.contract(), "Done.", pngs(21));

        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
        assertThat(tooMany.json().get("maxFiles").asInt()).isEqualTo(20);
        assertThat(steps.completionStatuses(funded.contract())).isEmpty();

        Response twenty = steps.submit(funded.contractor(), funded.contract(), "Done.", pngs(20));

        assertThat(twenty.status()).as(twenty.body()).isEqualTo(201);
        assertThat(twenty.json().get("evidence")).hasSize(20);
        assertThat(steps.evidenceOf(UUID.fromString(twenty.json().get("id").asString())))
                .isEqualTo(20);
    }

    @Test
    void onlyTheContractorSubmitsOnlyTheHomeownerDecidesAndOnlyPartiesAndAdminsRead() {
        SignedIn otherContractor = market.contractor();
        SignedIn otherHomeowner = market.homeowner();
        SignedIn admin = accounts.admin();

        assertThat(steps.submitJson(otherContractor, funded.contract(), "{\"summary\": \"Mine.\"}")
                        .status())
                .isEqualTo(404);
        assertThat(steps.submitJson(funded.homeowner(), funded.contract(), "{\"summary\": \"Mine.\"}")
                        .status())
                .isEqualTo(403);
        UUID completion = steps.submitted(funded.contractor(), funded.contract());

        assertThat(steps.approve(funded.contractor(), funded.contract(), "k1").status())
                .isEqualTo(403);
        assertThat(steps.approve(admin, funded.contract(), "k2").status()).isEqualTo(403);
        assertThat(steps.approve(otherHomeowner, funded.contract(), "k3").status())
                .isEqualTo(404);
        assertThat(steps.requestChanges(funded.contractor(), funded.contract(), "No.")
                        .status())
                .isEqualTo(403);
        assertThat(steps.requestChanges(otherHomeowner, funded.contract(), "No.")
                        .status())
                .isEqualTo(404);
        assertThat(steps.approve(otherHomeowner, UUID.randomUUID(), "k4").status())
                .isEqualTo(404);

        assertThat(steps.history(admin, funded.contract()).status()).isEqualTo(200);
        assertThat(steps.history(funded.homeowner(), funded.contract()).status())
                .isEqualTo(200);
        assertThat(steps.one(admin, completion).status()).isEqualTo(200);
        assertThat(steps.one(funded.contractor(), completion).status()).isEqualTo(200);
        Response strangersHistory = steps.history(otherHomeowner, funded.contract());
        Response missingHistory = steps.history(otherHomeowner, UUID.randomUUID());
        assertThat(strangersHistory.status()).isEqualTo(404);
        assertThat(strangersHistory.json().get("detail").asString())
                .isEqualTo(missingHistory.json().get("detail").asString());
        assertThat(steps.history(otherContractor, funded.contract()).status()).isEqualTo(404);
        assertThat(steps.one(otherContractor, completion).status()).isEqualTo(404);

        assertThat(steps.contractStatus(funded.contract())).isEqualTo("COMPLETION_SUBMITTED");
        assertThat(steps.releases(funded.contract())).isZero();
        assertThat(steps.liveApprovalTimers(funded.contract())).hasSize(2);
    }

    private static List<Upload> pngs(int count) {
        Upload png = Samples.png("photo.png");
        return IntStream.range(0, count)
                .mapToObj(i -> new Upload("photo-" + i + ".png", png.declaredType(), png.bytes()))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** Files the local storage holds for completions, across the suite's temporary evidence directories. */
    private static long storedCompletionFiles() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> roots = Files.list(tmp)) {
            long total = 0;
            for (Path root : roots.filter(path -> path.getFileName().toString().startsWith("ftw-evidence-"))
                    .toList()) {
                Path completions = root.resolve("evidence").resolve("completions");
                if (Files.isDirectory(completions)) {
                    try (Stream<Path> files = Files.walk(completions)) {
                        total += files.filter(Files::isRegularFile).count();
                    }
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
