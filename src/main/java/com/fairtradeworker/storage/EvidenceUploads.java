package com.fairtradeworker.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checks every adapter applies before keeping anything: size while streaming, type by content, location metadata
 * stripped. The result is a temporary file (owner-only permissions), so neither adapter holds an upload in memory.
 */
final class EvidenceUploads {

    private static final int READ_BUFFER = 64 * 1024;

    private final long maxBytes;

    EvidenceUploads(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("The evidence size limit must be positive");
        }
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads {@code content} (not closing it) into a new temporary file in {@code directory}.
     *
     * @throws com.fairtradeworker.shared.ProblemException when the content is refused
     */
    PreparedEvidence prepare(InputStream content, String originalName, Path directory) throws IOException {
        SizeLimitedInputStream limited = new SizeLimitedInputStream(content, maxBytes);
        BufferedInputStream in = new BufferedInputStream(limited, READ_BUFFER);
        EvidenceType type = detect(in);
        Path file = Files.createTempFile(directory, "upload-", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
                MetadataStripper.forType(type).strip(in, out);
            }
            // Whatever follows the file's own end is not kept, but it still counts against the limit.
            limited.drain();
            return new PreparedEvidence(
                    file, type, Files.size(file), sha256(file), OriginalName.sanitize(originalName, type));
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static EvidenceType detect(BufferedInputStream in) throws IOException {
        byte[] head = ContentDetection.peek(in);
        if (head.length == 0) {
            throw Rejections.unsupported("The file is empty.");
        }
        return ContentDetection.detect(head, head.length)
                .orElseThrow(() -> Rejections.unsupported("The file is not a JPEG, PNG, WebP, HEIC or PDF file."));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
