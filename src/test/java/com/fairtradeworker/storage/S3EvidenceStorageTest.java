package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The S3 adapter against a real S3 API: s3proxy in this JVM, over jclouds' in-memory ("transient") blob store. */
class S3EvidenceStorageTest {

    private static final String BUCKET = "ftw-evidence-test";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";
    private static final String SCOPE = "disputes/4a7e1f0c-2b3d-4e5f-8a9b-0c1d2e3f4a5b";

    private static BlobStoreContext blobStoreContext;
    private static S3Proxy s3Proxy;
    private static URI endpoint;

    @TempDir
    Path temporaryDirectory;

    private final List<SdkHttpRequest> sentRequests = new CopyOnWriteArrayList<>();
    private S3EvidenceStorage storage;

    @BeforeAll
    static void startS3() throws Exception {
        blobStoreContext = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        blobStoreContext.getBlobStore().createContainerInLocation(null, BUCKET);
        s3Proxy = S3Proxy.builder()
                .blobStore(blobStoreContext.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // s3proxy does not encrypt and would answer 501 to the encryption header; the tests check that the
                // adapter sends it.
                .ignoreUnknownHeaders(true)
                .build();
        s3Proxy.start();
        for (int i = 0; i < 100 && !"STARTED".equals(s3Proxy.getState()); i++) {
            Thread.sleep(50);
        }
        endpoint = URI.create("http://127.0.0.1:" + s3Proxy.getPort());
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3Proxy != null) {
            s3Proxy.stop();
        }
        if (blobStoreContext != null) {
            blobStoreContext.close();
        }
    }

    @BeforeEach
    void connect() {
        StorageSettings settings = settings("AES256", null);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sentRequests.add(context.httpRequest());
            }
        };
        storage = new S3EvidenceStorage(
                S3Clients.client(settings)
                        .credentialsProvider(credentials)
                        .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                        .build(),
                S3Clients.presigner(settings).credentialsProvider(credentials).build(),
                BUCKET,
                settings.encryption(),
                new EvidenceUploads(1024 * 1024),
                temporaryDirectory);
    }

    @AfterEach
    void disconnect() {
        storage.close();
    }

    @Test
    void storesOpensAndDeletesAPrivateEncryptedObject() throws Exception {
        StoredFile stored =
                storage.store(new ByteArrayInputStream(EvidenceSamples.pngWithGps()), "Bathroom.png", SCOPE);

        assertThat(stored.key()).startsWith("evidence/" + SCOPE + "/");
        assertThat(stored.type()).isEqualTo(EvidenceType.PNG);
        assertThat(stored.originalName()).isEqualTo("Bathroom.png");
        assertThat(temporaryDirectory).as("the temporary upload file is gone").isEmptyDirectory();
        SdkHttpRequest put = onlyPut();
        assertThat(put.encodedPath()).isEqualTo("/" + BUCKET + "/" + stored.key());
        assertThat(put.firstMatchingHeader("x-amz-server-side-encryption")).contains("AES256");
        assertThat(put.firstMatchingHeader("Content-Type")).contains("image/png");
        assertThat(put.firstMatchingHeader("x-amz-acl"))
                .as("no ACL: objects stay private")
                .isEmpty();
        assertThat(blobStoreContext.getBlobStore().blobExists(BUCKET, stored.key()))
                .isTrue();

        try (StoredContent content = storage.open(stored.key())) {
            byte[] bytes = content.content().readAllBytes();
            assertThat(content.type()).isEqualTo(EvidenceType.PNG);
            assertThat(content.sizeBytes()).isEqualTo(stored.sizeBytes()).isEqualTo(bytes.length);
            assertThat(EvidenceSamples.pngChunkTypes(bytes)).doesNotContain("eXIf", "iTXt", "tEXt");
            assertThat(sha256(bytes)).isEqualTo(stored.sha256());
        }

        storage.delete(stored.key());

        assertThat(blobStoreContext.getBlobStore().blobExists(BUCKET, stored.key()))
                .isFalse();
        assertThatThrownBy(() -> storage.open(stored.key())).isInstanceOf(NotFoundException.class);
        storage.delete(stored.key());
    }

    @Test
    void signsALinkThatPlainHttpCanFetchAndThatCannotBeAltered() throws Exception {
        byte[] pdf = EvidenceSamples.pdf();
        StoredFile stored = storage.store(new ByteArrayInputStream(pdf), "quote.pdf", SCOPE);
        StoredFile other = storage.store(new ByteArrayInputStream(pdf), "other.pdf", SCOPE);

        URI link = storage.presignedLink(stored.key(), EvidenceStorage.DEFAULT_LINK_LIFETIME)
                .orElseThrow();

        assertThat(link.getQuery()).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<byte[]> response =
                http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(pdf);

        URI otherObject = URI.create(link.toString().replace(stored.key(), other.key()));
        HttpResponse<String> refused =
                http.send(HttpRequest.newBuilder(otherObject).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        URI unsigned = URI.create(link.toString().substring(0, link.toString().indexOf('?')));
        HttpResponse<String> anonymous =
                http.send(HttpRequest.newBuilder(unsigned).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("objects are not public").isEqualTo(403);
    }

    @Test
    void uploadsNothingWhenTheContentIsRefused() {
        assertThatThrownBy(() -> storage.store(
                        new ByteArrayInputStream("<svg onload=alert(1)/>".getBytes(StandardCharsets.UTF_8)),
                        "x.png",
                        SCOPE))
                .isInstanceOf(ProblemException.class);
        assertThat(sentRequests).isEmpty();
        assertThat(temporaryDirectory).isEmptyDirectory();
    }

    @Test
    void asksForKmsEncryptionWithTheConfiguredKey() {
        StorageSettings settings = settings("aws:kms", "arn:aws:kms:eu-west-1:111122223333:key/example");
        S3EvidenceStorage kms = new S3EvidenceStorage(
                S3Clients.client(settings).build(),
                S3Clients.presigner(settings).build(),
                BUCKET,
                settings.encryption(),
                new EvidenceUploads(1024),
                temporaryDirectory);
        try {
            PutObjectRequest request = kms.putRequest(
                    "evidence/" + SCOPE + "/00000000-0000-4000-8000-000000000000",
                    new PreparedEvidence(temporaryDirectory, EvidenceType.PDF, 10, "00".repeat(32), "a.pdf"));

            assertThat(request.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(request.ssekmsKeyId()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/example");
            assertThat(request.bucketKeyEnabled()).isTrue();
            assertThat(request.acl()).isNull();
        } finally {
            kms.close();
        }
    }

    @Test
    void refusesOverlongLinksAndForeignKeys() {
        assertThatThrownBy(() -> storage.presignedLink(
                        "evidence/" + SCOPE + "/00000000-0000-4000-8000-000000000000", Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.presignedLink("../other-bucket/x", Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private SdkHttpRequest onlyPut() {
        List<SdkHttpRequest> puts = sentRequests.stream()
                .filter(request -> request.method() == SdkHttpMethod.PUT)
                .toList();
        assertThat(puts).hasSize(1);
        return puts.get(0);
    }

    private static StorageSettings settings(String encryption, String kmsKeyId) {
        return new StorageSettings(BUCKET, "us-east-1", endpoint.toString(), encryption, kmsKeyId, null, null);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
