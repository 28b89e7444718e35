package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryEvidenceStorageTest {

    private static final String SCOPE = "completions/0b6d5b1e-8c1a-4e55-9a57-3f0f0c1e2d3a";

    @TempDir
    Path root;

    private LocalDirectoryEvidenceStorage storage() {
        return new LocalDirectoryEvidenceStorage(root, new EvidenceUploads(1024 * 1024), false, "development");
    }

    @Test
    void storesUnderAGeneratedKeyAndStreamsTheStrippedFileBack() throws IOException {
        LocalDirectoryEvidenceStorage storage = storage();

        StoredFile stored = storage.store(
                new ByteArrayInputStream(EvidenceSamples.jpegWithGps(false)), "../../../etc/cron.d/evil.jpg", SCOPE);

        assertThat(stored.key()).startsWith("evidence/" + SCOPE + "/").doesNotContain("evil");
        assertThat(stored.originalName()).isEqualTo("evil.jpg");
        assertThat(stored.contentType()).isEqualTo("image/jpeg");
        Path file = root.resolve(stored.key());
        assertThat(file).isRegularFile();
        assertThat(root.resolve(".incoming")).isEmptyDirectory();
        try (StoredContent content = storage.open(stored.key())) {
            byte[] bytes = content.content().readAllBytes();
            assertThat(content.type()).isEqualTo(EvidenceType.JPEG);
            assertThat(content.sizeBytes()).isEqualTo(stored.sizeBytes()).isEqualTo(bytes.length);
            assertThat(bytes).isEqualTo(EvidenceSamples.jpeg(false));
            assertThat(EvidenceUploads.sha256(file)).isEqualTo(stored.sha256());
        }

        storage.delete(stored.key());

        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> storage.open(stored.key())).isInstanceOf(NotFoundException.class);
        storage.delete(stored.key()); // deleting again is harmless
    }

    @Test
    void offersNoSignedLinks() {
        LocalDirectoryEvidenceStorage storage = storage();
        StoredFile stored = storage.store(new ByteArrayInputStream(EvidenceSamples.pdf()), "a.pdf", SCOPE);

        assertThat(storage.presignedLink(stored.key(), Duration.ofMinutes(5))).isEmpty();
        assertThatThrownBy(() -> storage.presignedLink(stored.key(), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesKeysOutsideItsDirectory() throws IOException {
        Files.writeString(root.resolve("secret.txt"), "not evidence", StandardCharsets.UTF_8);
        LocalDirectoryEvidenceStorage storage = storage();

        assertThatThrownBy(() -> storage.open("evidence/../secret.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.delete("evidence/../secret.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThat(root.resolve("secret.txt")).exists();
    }

    @Test
    void keepsNothingOfARefusedUpload() {
        LocalDirectoryEvidenceStorage storage = storage();

        assertThatThrownBy(() -> storage.store(
                        new ByteArrayInputStream("<html></html>".getBytes(StandardCharsets.UTF_8)), "a.pdf", SCOPE))
                .isInstanceOf(ProblemException.class);
        assertThat(root.resolve(".incoming")).isEmptyDirectory();
        assertThat(root.resolve("evidence")).doesNotExist();
    }

    @Test
    void isRefusedInProduction() {
        assertThatThrownBy(() -> new LocalDirectoryEvidenceStorage(root, new EvidenceUploads(1), false, "production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS_S3_BUCKET");
    }

    @Test
    void throwsItsDirectoryAwayWhenAskedTo() {
        Path directory = root.resolve("ephemeral");
        LocalDirectoryEvidenceStorage storage =
                new LocalDirectoryEvidenceStorage(directory, new EvidenceUploads(1024), true, "test");
        storage.store(new ByteArrayInputStream(EvidenceSamples.pdf()), "a.pdf", SCOPE);

        storage.close();

        assertThat(directory).doesNotExist();
    }
}
