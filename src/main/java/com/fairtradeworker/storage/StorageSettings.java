package com.fairtradeworker.storage;

import java.net.URI;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Where evidence files go ({@code app.storage.*}; the environment variables are mapped in {@code storage.properties}
 * next to this class, see {@code .env.example}).
 *
 * @param s3Bucket {@code AWS_S3_BUCKET}: S3 when set, the local directory otherwise (refused in production)
 * @param region {@code AWS_REGION}: required with a bucket
 * @param s3Endpoint {@code AWS_S3_ENDPOINT}: an S3-compatible endpoint (path-style addressing); unset for AWS itself
 * @param serverSideEncryption {@code AWS_S3_SERVER_SIDE_ENCRYPTION}: {@code aws:kms} (default) or {@code AES256}
 * @param kmsKeyId {@code AWS_S3_KMS_KEY_ID}: with {@code aws:kms}, the key (ARN) to use; unset means S3's AWS-managed
 *     key
 * @param maxBytes {@code EVIDENCE_MAX_BYTES}: the size limit of one file (bytes, or a size such as {@code 10MB})
 * @param localDirectory {@code EVIDENCE_LOCAL_DIR}: the development directory; unset means {@code evidence} under
 *     {@code APP_DATA_DIR} ({@code ./data/evidence})
 */
@ConfigurationProperties("app.storage")
record StorageSettings(
        String s3Bucket,
        String region,
        String s3Endpoint,
        String serverSideEncryption,
        String kmsKeyId,
        DataSize maxBytes,
        String localDirectory) {

    StorageSettings {
        s3Bucket = blankToNull(s3Bucket);
        region = blankToNull(region);
        s3Endpoint = blankToNull(s3Endpoint);
        kmsKeyId = blankToNull(kmsKeyId);
        serverSideEncryption = isSet(serverSideEncryption) ? serverSideEncryption.trim() : "aws:kms";
        maxBytes = maxBytes == null ? DataSize.ofBytes(EvidenceStorage.DEFAULT_MAX_BYTES) : maxBytes;
        localDirectory = blankToNull(localDirectory);
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("EVIDENCE_MAX_BYTES must be positive");
        }
        if (s3Bucket != null && region == null) {
            throw new IllegalArgumentException("AWS_REGION must be set with AWS_S3_BUCKET");
        }
        if (s3Endpoint != null) {
            endpointUri(s3Endpoint);
        }
        Encryption encryption = encryption(serverSideEncryption, kmsKeyId);
        if (kmsKeyId != null && encryption.algorithm() != ServerSideEncryption.AWS_KMS) {
            throw new IllegalArgumentException("AWS_S3_KMS_KEY_ID needs AWS_S3_SERVER_SIDE_ENCRYPTION=aws:kms");
        }
    }

    boolean s3Configured() {
        return s3Bucket != null;
    }

    URI endpoint() {
        return s3Endpoint == null ? null : endpointUri(s3Endpoint);
    }

    Encryption encryption() {
        return encryption(serverSideEncryption, kmsKeyId);
    }

    /** How S3 encrypts each object: SSE-S3 ({@code AES256}) or SSE-KMS ({@code aws:kms}, optionally with a key). */
    record Encryption(ServerSideEncryption algorithm, String kmsKeyId) {}

    private static Encryption encryption(String algorithm, String kmsKeyId) {
        return switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "aes256" -> new Encryption(ServerSideEncryption.AES256, null);
            case "aws:kms" -> new Encryption(ServerSideEncryption.AWS_KMS, kmsKeyId);
            default ->
                throw new IllegalArgumentException(
                        "AWS_S3_SERVER_SIDE_ENCRYPTION must be AES256 or aws:kms, not '" + algorithm + "'");
        };
    }

    private static URI endpointUri(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("AWS_S3_ENDPOINT must be an absolute http(s) URL");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String blankToNull(String value) {
        return isSet(value) ? value.trim() : null;
    }
}
