package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The adapter choice from the environment variables, on a context of this module alone. */
class StorageConfigurationTest {

    @TempDir
    Path directory;

    /** Every variable is set here, so the machine's own AWS_* or EVIDENCE_* never decide a test. */
    private ApplicationContextRunner runner(String bucket, String... more) {
        return new ApplicationContextRunner()
                .withUserConfiguration(StorageConfiguration.class)
                .withPropertyValues(
                        "AWS_S3_BUCKET=" + bucket,
                        "AWS_REGION=eu-west-1",
                        "AWS_S3_ENDPOINT=",
                        "AWS_S3_SERVER_SIDE_ENCRYPTION=",
                        "AWS_S3_KMS_KEY_ID=",
                        "EVIDENCE_MAX_BYTES=",
                        "EVIDENCE_LOCAL_DIR=" + directory.resolve("evidence"),
                        "app.embedded.data-dir=" + directory.resolve("data"),
                        "app.env=development",
                        "app.embedded.ephemeral=false")
                .withPropertyValues(more);
    }

    @Test
    void usesTheLocalDirectoryWithoutABucket() {
        runner("", "EVIDENCE_MAX_BYTES=2048").run(context -> {
            assertThat(context).hasSingleBean(EvidenceStorage.class);
            EvidenceStorage storage = context.getBean(EvidenceStorage.class);
            assertThat(storage).isInstanceOf(LocalDirectoryEvidenceStorage.class);
            assertThat(((LocalDirectoryEvidenceStorage) storage).root())
                    .isEqualTo(directory.resolve("evidence").toAbsolutePath());
            assertThat(storage.maxBytes()).isEqualTo(2048);
        });
    }

    @Test
    void keepsFilesUnderTheDataDirectoryByDefault() {
        runner("", "EVIDENCE_LOCAL_DIR=")
                .run(context -> assertThat(
                                ((LocalDirectoryEvidenceStorage) context.getBean(EvidenceStorage.class)).root())
                        .isEqualTo(directory.resolve("data").resolve("evidence").toAbsolutePath()));
    }

    @Test
    void usesS3WhenABucketIsSet() {
        runner("ftw-uploads", "AWS_S3_ENDPOINT=http://127.0.0.1:9", "AWS_S3_SERVER_SIDE_ENCRYPTION=AES256")
                .run(context -> {
                    EvidenceStorage storage = context.getBean(EvidenceStorage.class);
                    assertThat(storage).isInstanceOf(S3EvidenceStorage.class);
                    assertThat(storage.maxBytes()).isEqualTo(EvidenceStorage.DEFAULT_MAX_BYTES);
                    assertThat(context.getBean(StorageSettings.class)
                                    .encryption()
                                    .algorithm())
                            .hasToString("AES256");
                });
    }

    @Test
    void refusesTheLocalDirectoryInProduction() {
        runner("", "app.env=production")
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("AWS_S3_BUCKET"));
    }

    @Test
    void refusesUnknownEncryptionAndABucketWithoutRegion() {
        runner("ftw-uploads", "AWS_S3_SERVER_SIDE_ENCRYPTION=none")
                .run(context -> assertThat(context).hasFailed());
        runner("ftw-uploads", "AWS_REGION=").run(context -> assertThat(context).hasFailed());
    }

    @Test
    void throwsTheTestDirectoryAwayWhenTheApplicationStops() {
        Path[] root = new Path[1];
        runner("", "app.env=test", "app.embedded.ephemeral=true").run(context -> {
            root[0] = ((LocalDirectoryEvidenceStorage) context.getBean(EvidenceStorage.class)).root();
            assertThat(root[0]).isDirectory().isNotEqualTo(directory.resolve("evidence"));
        });
        assertThat(root[0]).doesNotExist();
    }
}
