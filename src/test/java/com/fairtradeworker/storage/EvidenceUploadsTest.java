package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceUploadsTest {

    private static final long LIMIT = 256 * 1024;
    private static final byte[] JPEG_SCAN_START = {
        (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0
    };

    @TempDir
    Path directory;

    private final EvidenceUploads uploads = new EvidenceUploads(LIMIT);

    @Test
    void acceptsEachTypeAndReportsWhatItKept() throws Exception {
        byte[] pdf = EvidenceSamples.pdf();
        try (PreparedEvidence prepared = prepare(pdf, "Invoice.pdf")) {
            assertThat(prepared.type()).isEqualTo(EvidenceType.PDF);
            assertThat(Files.readAllBytes(prepared.file())).isEqualTo(pdf);
            assertThat(prepared.sizeBytes()).isEqualTo(pdf.length);
            assertThat(prepared.sha256()).isEqualTo(sha256(pdf));
            assertThat(prepared.originalName()).isEqualTo("Invoice.pdf");
        }
        byte[] heic = EvidenceSamples.heic();
        try (PreparedEvidence prepared = prepare(heic, "IMG_0001.HEIC")) {
            assertThat(prepared.type()).isEqualTo(EvidenceType.HEIC);
            assertThat(Files.readAllBytes(prepared.file()))
                    .as("HEIC is kept as is")
                    .isEqualTo(heic);
        }
        try (PreparedEvidence prepared = prepare(EvidenceSamples.jpegWithGps(false), "IMG_0002.jpg")) {
            byte[] stored = Files.readAllBytes(prepared.file());
            assertThat(prepared.type()).isEqualTo(EvidenceType.JPEG);
            assertThat(stored).isEqualTo(EvidenceSamples.jpeg(false));
            assertThat(prepared.sizeBytes()).isEqualTo(stored.length);
            assertThat(prepared.sha256()).as("the hash of the stored bytes").isEqualTo(sha256(stored));
        }
        try (PreparedEvidence prepared = prepare(EvidenceSamples.pngWithGps(), "plan.png")) {
            assertThat(prepared.type()).isEqualTo(EvidenceType.PNG);
        }
        try (PreparedEvidence prepared = prepare(EvidenceSamples.webpWithGps(), "wall.webp")) {
            assertThat(prepared.type()).isEqualTo(EvidenceType.WEBP);
        }
    }

    @Test
    void judgesByContentNotByName() throws Exception {
        try (PreparedEvidence prepared = prepare(EvidenceSamples.pdf(), "photo.jpg")) {
            assertThat(prepared.type()).isEqualTo(EvidenceType.PDF);
            assertThat(prepared.originalName()).isEqualTo("photo.jpg.pdf");
        }
        assertRefused(bytes("MZ\u0090\u0000 This program cannot be run in DOS mode"), "photo.jpg");
        assertRefused(bytes("<html><body onload=alert(1)></body></html>"), "receipt.pdf");
        assertRefused(bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "drawing.png");
        assertRefused(bytes("PK\u0003\u0004\u0014\u0000 archive"), "photos.webp");
    }

    @Test
    void refusesEmptyAndTruncatedFiles() {
        assertRefused(new byte[0], "empty.jpg");
        assertRefused(new byte[] {(byte) 0xFF, (byte) 0xD8}, "cut.jpg");
        byte[] jpeg = EvidenceSamples.jpeg(false);
        assertRefused(java.util.Arrays.copyOf(jpeg, jpeg.length / 2), "cut.jpg");
        byte[] png = EvidenceSamples.png();
        assertRefused(java.util.Arrays.copyOf(png, png.length - 12), "no-end.png");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void stopsReadingAnOversizedUploadAtTheFirstByteOverTheLimit() {
        byte[] pdfHeader = bytes("%PDF-1.7\n");
        GeneratedStream endless = new GeneratedStream(pdfHeader, Long.MAX_VALUE, (byte) ' ');

        assertThatThrownBy(() -> uploads.prepare(endless, "huge.pdf", directory))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE);
                    assertThat(e.properties()).containsEntry("maxBytes", LIMIT);
                });
        assertThat(endless.served()).isEqualTo(LIMIT + 1);
        assertThat(directory).as("the partial file is deleted").isEmptyDirectory();
    }

    @Test
    void enforcesTheLimitWhileStrippingAnImage() {
        GeneratedStream endlessScan = new GeneratedStream(JPEG_SCAN_START, Long.MAX_VALUE, (byte) 0x5A);

        assertThatThrownBy(() -> uploads.prepare(endlessScan, "huge.jpg", directory))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
        assertThat(endlessScan.served()).isEqualTo(LIMIT + 1);
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void countsBytesAfterTheImageAgainstTheLimit() {
        byte[] png = EvidenceSamples.png();
        GeneratedStream pngWithEndlessTail = new GeneratedStream(png, Long.MAX_VALUE, (byte) 0);

        assertThatThrownBy(() -> uploads.prepare(pngWithEndlessTail, "padded.png", directory))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE));
        assertThat(pngWithEndlessTail.served()).isEqualTo(LIMIT + 1);
    }

    @Test
    void acceptsAFileOfExactlyTheLimit() throws Exception {
        GeneratedStream exactly = new GeneratedStream(bytes("%PDF-1.7\n"), LIMIT, (byte) ' ');

        try (PreparedEvidence prepared = uploads.prepare(exactly, "limit.pdf", directory)) {
            assertThat(prepared.sizeBytes()).isEqualTo(LIMIT);
        }
        GeneratedStream oneMore = new GeneratedStream(bytes("%PDF-1.7\n"), LIMIT + 1, (byte) ' ');
        assertThatThrownBy(() -> uploads.prepare(oneMore, "over.pdf", directory))
                .isInstanceOf(ProblemException.class);
    }

    private PreparedEvidence prepare(byte[] content, String name) throws IOException {
        return uploads.prepare(new ByteArrayInputStream(content), name, directory);
    }

    private void assertRefused(byte[] content, String name) {
        assertThatThrownBy(() -> prepare(content, name)).as(name).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE);
            assertThat(e.getMessage()).doesNotContain(name);
        });
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).as("nothing left behind").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
