package com.fairtradeworker.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An accepted upload, stripped and written to a temporary file that an adapter moves or uploads, then closes. */
record PreparedEvidence(Path file, EvidenceType type, long sizeBytes, String sha256, String originalName)
        implements AutoCloseable {

    StoredFile storedAs(String key) {
        return new StoredFile(key, type, sizeBytes, sha256, originalName);
    }

    /** Deletes the temporary file if the adapter has not moved it away. */
    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
