package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Optional;

/** S3: every bucket encrypted, private and TLS-only; the uploads bucket on KMS, versioned, with lifecycle rules. */
final class BucketPolicies {

    private BucketPolicies() {}

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRule(
                        "s3-encrypted",
                        "Every bucket has default encryption; the uploads bucket uses KMS",
                        BucketPolicies::bucketsEncrypted),
                new PolicyRule(
                        "s3-private-tls-versioned",
                        "Every bucket blocks public access and refuses plain HTTP; uploads are versioned with lifecycle rules",
                        BucketPolicies::bucketsLockedDown));
    }

    private static List<String> bucketsEncrypted(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        for (Block bucket : configuration.resources("aws_s3_bucket")) {
            Optional<Block> encryption =
                    bucketConfiguration(configuration, "aws_s3_bucket_server_side_encryption_configuration", bucket);
            String algorithm = encryption
                    .map(block -> block.text("rule.apply_server_side_encryption_by_default.sse_algorithm"))
                    .orElse("");
            violations.require(
                    List.of("aws:kms", "aws:kms:dsse", "AES256").contains(algorithm),
                    bucket.address() + " has no default encryption");
            if (bucket.name().equals("uploads")) {
                violations.require(
                        algorithm.startsWith("aws:kms")
                                && encryption
                                        .get()
                                        .references(
                                                "rule.apply_server_side_encryption_by_default.kms_master_key_id",
                                                "aws_kms_key."),
                        "the uploads bucket must be encrypted with the project's KMS key");
            }
        }
        return violations
                .require(configuration.resource("aws_s3_bucket", "uploads").isPresent(), "no uploads bucket")
                .list();
    }

    private static List<String> bucketsLockedDown(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        for (Block bucket : configuration.resources("aws_s3_bucket")) {
            Optional<Block> publicAccess =
                    bucketConfiguration(configuration, "aws_s3_bucket_public_access_block", bucket);
            boolean blocked = publicAccess.isPresent()
                    && List.of(
                                    "block_public_acls",
                                    "block_public_policy",
                                    "ignore_public_acls",
                                    "restrict_public_buckets")
                            .stream()
                            .allMatch(publicAccess.get()::isTrue);
            violations
                    .require(blocked, bucket.address() + " must block all public access")
                    .require(
                            deniesPlainHttp(configuration, bucket),
                            bucket.address() + " must deny requests without TLS");
        }
        configuration.resource("aws_s3_bucket", "uploads").ifPresent(uploads -> {
            violations.require(
                    bucketConfiguration(configuration, "aws_s3_bucket_versioning", uploads)
                            .map(versioning -> versioning
                                    .text("versioning_configuration.status")
                                    .equals("Enabled"))
                            .orElse(false),
                    "the uploads bucket must be versioned");
            violations.require(
                    bucketConfiguration(configuration, "aws_s3_bucket_lifecycle_configuration", uploads)
                            .map(lifecycle -> lifecycle.blocks("rule").stream()
                                    .anyMatch(rule -> rule.has("noncurrent_version_expiration")))
                            .orElse(false),
                    "the uploads bucket needs lifecycle rules, including expiry of noncurrent versions");
        });
        return violations.list();
    }

    private static boolean deniesPlainHttp(TerraformConfiguration configuration, Block bucket) {
        return bucketConfiguration(configuration, "aws_s3_bucket_policy", bucket)
                .flatMap(policy -> configuration.dataSourceReferencedBy(policy.text("policy")))
                .map(document -> document.blocks("statement").stream()
                        .anyMatch(statement -> statement.text("effect").equals("Deny")
                                && statement.blocks("condition").stream()
                                        .anyMatch(condition -> condition
                                                        .text("variable")
                                                        .equals("aws:SecureTransport")
                                                && condition.texts("values").equals(List.of("false")))))
                .orElse(false);
    }

    private static Optional<Block> bucketConfiguration(
            TerraformConfiguration configuration, String type, Block bucket) {
        return configuration.resources(type).stream()
                .filter(candidate -> candidate.text("bucket").startsWith(bucket.address() + "."))
                .findFirst();
    }
}
