package com.fairtradeworker.storage;

import com.fairtradeworker.shared.NotFoundException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development storage: files under a local directory ({@code ./data/evidence} by default), laid out by their generated
 * keys. It cannot sign links, so callers stream files through their own authorised endpoint. Refused in production,
 * where evidence must outlive the container.
 */
final class LocalDirectoryEvidenceStorage implements EvidenceStorage, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalDirectoryEvidenceStorage.class);
    private static final String INCOMING = ".incoming";

    private final Path root;
    private final Path incoming;
    private final EvidenceUploads uploads;
    private final boolean deleteOnClose;

    /**
     * @param deleteOnClose for tests: the directory is thrown away when the application stops
     */
    LocalDirectoryEvidenceStorage(Path root, EvidenceUploads uploads, boolean deleteOnClose, String appEnv) {
        if ("production".equalsIgnoreCase(appEnv == null ? "" : appEnv.trim())) {
            throw new IllegalStateException("Production keeps evidence files in S3: set AWS_S3_BUCKET and AWS_REGION");
        }
        try {
            this.root = Files.createDirectories(root).toAbsolutePath().normalize();
            // Uploads land next to their final place, so the last step is an atomic rename within one file system.
            this.incoming = Files.createDirectories(this.root.resolve(INCOMING));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the evidence directory " + root, e);
        }
        this.uploads = uploads;
        this.deleteOnClose = deleteOnClose;
    }

    Path root() {
        return root;
    }

    @Override
    public StoredFile store(InputStream content, String originalName, String scope) {
        String key = EvidenceKeys.generate(scope);
        try (PreparedEvidence prepared = uploads.prepare(content, originalName, incoming)) {
            Path target = pathOf(key);
            Files.createDirectories(target.getParent());
            move(prepared.file(), target);
            return prepared.storedAs(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store an evidence file", e);
        }
    }

    @Override
    public StoredContent open(String key) {
        Path file = pathOf(key);
        try {
            BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file));
            try {
                long size = Files.size(file);
                byte[] head = ContentDetection.peek(in);
                EvidenceType type = ContentDetection.detect(head, head.length)
                        .orElseThrow(() -> new IllegalStateException("A stored evidence file has an unknown type"));
                return new StoredContent(in, size, type);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new NotFoundException("evidence file");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read an evidence file", e);
        }
    }

    @Override
    public Optional<URI> presignedLink(String key, Duration lifetime) {
        EvidenceKeys.checked(key);
        LinkLifetime.checked(lifetime);
        return Optional.empty();
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete an evidence file", e);
        }
    }

    @Override
    public long maxBytes() {
        return uploads.maxBytes();
    }

    @Override
    public void close() {
        if (!deleteOnClose) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete the temporary evidence directory {}", root, e);
        }
    }

    private Path pathOf(String key) {
        Path path = root.resolve(EvidenceKeys.checked(key)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("Not an evidence storage key");
        }
        return path;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
