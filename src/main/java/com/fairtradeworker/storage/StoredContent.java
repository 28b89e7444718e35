package com.fairtradeworker.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stored file being read: the caller streams {@link #content()} to its client and must close it (try-with-resources).
 */
public record StoredContent(InputStream content, long sizeBytes, EvidenceType type) implements Closeable {

    public String contentType() {
        return type.mimeType();
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
