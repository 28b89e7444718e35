package com.fairtradeworker.storage;

/**
 * What {@link EvidenceStorage#store} kept: the caller records these (the key is the only way back to the content).
 *
 * @param key generated storage key ({@code evidence/{scope}/{uuid}}); never derived from the file name
 * @param type the type recognised from the content
 * @param sizeBytes the size of the stored bytes (after metadata stripping, so at most the uploaded size)
 * @param sha256 lowercase hex SHA-256 of the stored bytes
 * @param originalName the uploaded file's name, sanitised for display and download names only
 */
public record StoredFile(String key, EvidenceType type, long sizeBytes, String sha256, String originalName) {

    public String contentType() {
        return type.mimeType();
    }
}
