/**
 * Evidence files (completion photos, dispute attachments): {@link com.fairtradeworker.storage.EvidenceStorage} stores
 * an upload under a generated key after checking its type by content and its size while streaming, and strips location
 * metadata from images. One adapter is chosen at start-up: S3 when {@code AWS_S3_BUCKET} is set, a local directory
 * otherwise (refused in production). Who may read a file is the caller's decision; nothing here lists files. Everything
 * but the root package's public types is internal. See {@code docs/storage.md}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.fairtradeworker.storage;
