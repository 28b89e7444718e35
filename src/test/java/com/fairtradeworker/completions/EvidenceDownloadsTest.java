package com.fairtradeworker.completions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.storage.EvidenceStorage;
import com.fairtradeworker.storage.EvidenceType;
import com.fairtradeworker.storage.StoredContent;
import com.fairtradeworker.storage.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a file the caller may read is handed out: a five-minute signed link where possible, else streamed. */
class EvidenceDownloadsTest {

    private static final String KEY = "evidence/completions/" + UUID.randomUUID() + "/" + UUID.randomUUID();

    @Test
    void storageThatSignsLinksRedirectsToAFiveMinuteLink() {
        FakeStorage storage = new FakeStorage(URI.create("https://bucket.example/evidence?X-Amz-Signature=abc"));
        UUID id = UUID.randomUUID();

        EvidenceDownloads.Download download = EvidenceDownloads.download(
                new EvidenceRepository.Located(id, UUID.randomUUID(), KEY, "image/png"), storage);

        assertThat(download).isEqualTo(new EvidenceDownloads.Redirect(storage.link));
        assertThat(storage.lifetimes).containsExactly(Duration.ofMinutes(5));
        assertThat(storage.opened).isEmpty();
    }

    @Test
    void storageWithoutLinksStreamsTheFileUnderAGeneratedName() {
        FakeStorage storage = new FakeStorage(null);
        UUID id = UUID.randomUUID();

        EvidenceDownloads.Download download = EvidenceDownloads.download(
                new EvidenceRepository.Located(id, UUID.randomUUID(), KEY, "application/pdf"), storage);

        assertThat(download).isInstanceOf(EvidenceDownloads.Stream.class);
        EvidenceDownloads.Stream stream = (EvidenceDownloads.Stream) download;
        assertThat(stream.contentType()).isEqualTo("application/pdf");
        assertThat(stream.fileName()).isEqualTo("evidence-" + id + ".pdf");
        assertThat(storage.opened).containsExactly(KEY);
    }

    private static final class FakeStorage implements EvidenceStorage {

        final URI link;
        final List<Duration> lifetimes = new ArrayList<>();
        final List<String> opened = new ArrayList<>();

        FakeStorage(URI link) {
            this.link = link;
        }

        @Override
        public StoredFile store(InputStream content, String originalName, String scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoredContent open(String key) {
            opened.add(key);
            return new StoredContent(new ByteArrayInputStream(new byte[] {'%'}), 1, EvidenceType.PDF);
        }

        @Override
        public Optional<URI> presignedLink(String key, Duration lifetime) {
            lifetimes.add(lifetime);
            return Optional.ofNullable(link);
        }

        @Override
        public void delete(String key) {}

        @Override
        public long maxBytes() {
            return DEFAULT_MAX_BYTES;
        }
    }
}
