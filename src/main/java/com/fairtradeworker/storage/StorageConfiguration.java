package com.fairtradeworker.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Chooses the evidence storage: S3 when {@code AWS_S3_BUCKET} is set, else (outside production) a local directory. The
 * environment variables are mapped onto {@code app.storage.*} by {@code storage.properties}, at the lowest precedence,
 * so any other property source may still override them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageSettings.class)
@PropertySource("classpath:com/fairtradeworker/storage/storage.properties")
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    EvidenceStorage evidenceStorage(
            StorageSettings settings,
            @Value("${app.env:development}") String appEnv,
            @Value("${app.embedded.data-dir:./data}") String dataDirectory,
            @Value("${app.embedded.ephemeral:false}") boolean ephemeral) {
        EvidenceUploads uploads = new EvidenceUploads(settings.maxBytes().toBytes());
        if (settings.s3Configured()) {
            log.info(
                    "Evidence files are kept in the S3 bucket {} ({}{}), encrypted with {}",
                    settings.s3Bucket(),
                    settings.region(),
                    settings.endpoint() == null ? "" : ", endpoint " + settings.endpoint(),
                    settings.encryption().algorithm());
            return new S3EvidenceStorage(
                    S3Clients.client(settings).build(),
                    S3Clients.presigner(settings).build(),
                    settings.s3Bucket(),
                    settings.encryption(),
                    uploads,
                    Path.of(System.getProperty("java.io.tmpdir")));
        }
        LocalDirectoryEvidenceStorage local = new LocalDirectoryEvidenceStorage(
                localDirectory(settings, dataDirectory, ephemeral), uploads, ephemeral, appEnv);
        log.warn(
                "DEVELOPMENT INFRASTRUCTURE: evidence files are kept in {} ({}). Set AWS_S3_BUCKET to use S3.",
                local.root(),
                ephemeral ? "deleted at exit" : "kept between runs");
        return local;
    }

    private static Path localDirectory(StorageSettings settings, String dataDirectory, boolean ephemeral) {
        if (ephemeral) {
            return temporaryDirectory();
        }
        return settings.localDirectory() != null
                ? Path.of(settings.localDirectory())
                : Path.of(dataDirectory, "evidence");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ftw-evidence-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary evidence directory", e);
        }
    }
}
