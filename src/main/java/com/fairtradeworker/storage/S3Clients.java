package com.fairtradeworker.storage;

import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the S3 client and link signer from the settings. Credentials are left to the SDK's default provider chain
 * (the ECS task role in production); they never appear in settings or code.
 */
final class S3Clients {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private S3Clients() {}

    static S3ClientBuilder client(StorageSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT));
        if (settings.endpoint() != null) {
            // S3-compatible servers rarely resolve bucket names as host names.
            builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
        }
        return builder;
    }

    static S3Presigner.Builder presigner(StorageSettings settings) {
        S3Presigner.Builder builder = S3Presigner.builder().region(Region.of(settings.region()));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint())
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build());
        }
        return builder;
    }
}
