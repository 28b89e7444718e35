package com.fairtradeworker.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of evidence file accepted, recognised by their content (magic bytes), never by name or declared type. */
public enum EvidenceType {
    JPEG("image/jpeg", "jpg", "jpeg", "jpe"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    HEIC("image/heic", "heic", "heif"),
    PDF("application/pdf", "pdf");

    private final String mimeType;
    private final List<String> extensions;

    EvidenceType(String mimeType, String... extensions) {
        this.mimeType = mimeType;
        this.extensions = List.of(extensions);
    }

    public String mimeType() {
        return mimeType;
    }

    /** The usual file name extension, without the dot, for download names. */
    public String extension() {
        return extensions.get(0);
    }

    /** Whether a file name's extension (without the dot, any case) is one this type is known by. */
    public boolean hasExtension(String extension) {
        return extension != null && extensions.contains(extension.toLowerCase(Locale.ROOT));
    }

    public static Optional<EvidenceType> fromMimeType(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String bare = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(type -> type.mimeType.equals(bare))
                .findFirst();
    }

    /** The accepted MIME types, for messages that tell a client what it may upload. */
    public static List<String> acceptedMimeTypes() {
        return Arrays.stream(values()).map(EvidenceType::mimeType).toList();
    }
}
