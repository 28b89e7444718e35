package com.fairtradeworker.storage;

import com.fairtradeworker.shared.NotFoundException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Production storage: private objects in one S3 bucket, encrypted at rest by S3 (SSE-S3 or SSE-KMS, from the
 * settings), uploaded from the checked temporary file with its length and SHA-256 so S3 verifies what it received.
 * No ACL is sent: the bucket owns every object (ACLs disabled) and blocks public access.
 */
final class S3EvidenceStorage implements EvidenceStorage, AutoCloseable {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final StorageSettings.Encryption encryption;
    private final EvidenceUploads uploads;
    private final Path temporaryDirectory;

    S3EvidenceStorage(
            S3Client s3,
            S3Presigner presigner,
            String bucket,
            StorageSettings.Encryption encryption,
            EvidenceUploads uploads,
            Path temporaryDirectory) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.encryption = encryption;
        this.uploads = uploads;
        this.temporaryDirectory = temporaryDirectory;
    }

    @Override
    public StoredFile store(InputStream content, String originalName, String scope) {
        String key = EvidenceKeys.generate(scope);
        try (PreparedEvidence prepared = uploads.prepare(content, originalName, temporaryDirectory)) {
            s3.putObject(putRequest(key, prepared), RequestBody.fromFile(prepared.file()));
            return prepared.storedAs(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store an evidence file", e);
        }
    }

    PutObjectRequest putRequest(String key, PreparedEvidence prepared) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(prepared.type().mimeType())
                .contentLength(prepared.sizeBytes())
                .checksumSHA256(
                        Base64.getEncoder().encodeToString(HexFormat.of().parseHex(prepared.sha256())))
                .serverSideEncryption(encryption.algorithm());
        if (encryption.algorithm() == ServerSideEncryption.AWS_KMS) {
            request.bucketKeyEnabled(true);
            if (encryption.kmsKeyId() != null) {
                request.ssekmsKeyId(encryption.kmsKeyId());
            }
        }
        return request.build();
    }

    @Override
    public StoredContent open(String key) {
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(get -> get.bucket(bucket).key(EvidenceKeys.checked(key)));
        } catch (NoSuchKeyException e) {
            throw new NotFoundException("evidence file");
        }
        GetObjectResponse response = object.response();
        Optional<EvidenceType> declared = EvidenceType.fromMimeType(response.contentType());
        if (declared.isPresent()) {
            return new StoredContent(object, response.contentLength(), declared.get());
        }
        return sniffed(object, response.contentLength());
    }

    /** Objects written by hand may lack our content type: recognise them as uploads are recognised. */
    private static StoredContent sniffed(InputStream object, long size) {
        BufferedInputStream in = new BufferedInputStream(object);
        try {
            byte[] head = ContentDetection.peek(in);
            EvidenceType type = ContentDetection.detect(head, head.length)
                    .orElseThrow(() -> new IllegalStateException("A stored evidence file has an unknown type"));
            return new StoredContent(in, size, type);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("Could not read an evidence file", e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    @Override
    public Optional<URI> presignedLink(String key, Duration lifetime) {
        String checkedKey = EvidenceKeys.checked(key);
        Duration checkedLifetime = LinkLifetime.checked(lifetime);
        var presigned = presigner.presignGetObject(presign -> presign.signatureDuration(checkedLifetime)
                .getObjectRequest(get -> get.bucket(bucket).key(checkedKey)));
        try {
            return Optional.of(presigned.url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("S3 signed a link that is not a URI", e);
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(delete -> delete.bucket(bucket).key(EvidenceKeys.checked(key)));
    }

    @Override
    public long maxBytes() {
        return uploads.maxBytes();
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
