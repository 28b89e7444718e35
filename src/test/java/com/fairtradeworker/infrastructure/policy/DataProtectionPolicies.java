package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Encryption, availability, backups and privacy of PostgreSQL and Redis (buckets: {@link BucketPolicies}). */
final class DataProtectionPolicies {

    static final int MINIMUM_BACKUP_DAYS = 30;

    private DataProtectionPolicies() {}

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRule(
                        "rds-encrypted",
                        "RDS storage and Performance Insights encrypted with the project's KMS key; TLS forced",
                        forEach("aws_db_instance", DataProtectionPolicies::rdsEncrypted)),
                new PolicyRule(
                        "redis-encrypted",
                        "Redis encrypted at rest (KMS) and in transit, with an AUTH token taken from Secrets Manager",
                        forEach("aws_elasticache_replication_group", DataProtectionPolicies::redisEncrypted)),
                new PolicyRule(
                        "multi-az",
                        "RDS Multi-AZ; Redis Multi-AZ with automatic failover and three nodes",
                        DataProtectionPolicies::multiAz),
                new PolicyRule(
                        "backup-retention",
                        "RDS keeps 30 days of backups; AWS Backup keeps 30 days and copies to another region's vault",
                        DataProtectionPolicies::backupRetention),
                new PolicyRule(
                        "deletion-protection",
                        "RDS and the ALB are protected from deletion; RDS takes a final snapshot",
                        DataProtectionPolicies::deletionProtection),
                new PolicyRule(
                        "data-tier-private",
                        "RDS is not publicly accessible; RDS and Redis live in the database subnets",
                        DataProtectionPolicies::dataTierPrivate));
    }

    private static Function<TerraformConfiguration, List<String>> forEach(
            String type, Function<Block, List<String>> check) {
        return configuration -> {
            List<Block> blocks = configuration.resources(type);
            if (blocks.isEmpty()) {
                return List.of("no " + type + " in the configuration");
            }
            return blocks.stream().flatMap(block -> check.apply(block).stream()).toList();
        };
    }

    private static List<String> rdsEncrypted(Block db) {
        return new Violations()
                .require(db.isTrue("storage_encrypted"), db.address() + ": storage_encrypted must be true")
                .require(
                        db.references("kms_key_id", "aws_kms_key."),
                        db.address() + ": kms_key_id must be the project's KMS key")
                .require(
                        !db.isTrue("performance_insights_enabled")
                                || db.references("performance_insights_kms_key_id", "aws_kms_key."),
                        db.address() + ": Performance Insights must use the project's KMS key")
                .list();
    }

    private static List<String> redisEncrypted(Block redis) {
        return new Violations()
                .require(
                        redis.isTrue("at_rest_encryption_enabled"),
                        redis.address() + ": at_rest_encryption_enabled must be true")
                .require(
                        redis.references("kms_key_id", "aws_kms_key."),
                        redis.address() + ": kms_key_id must be the project's KMS key")
                .require(
                        redis.isTrue("transit_encryption_enabled"),
                        redis.address() + ": transit_encryption_enabled must be true")
                .require(
                        redis.references("auth_token", "aws_secretsmanager_secret_version."),
                        redis.address() + ": auth_token must come from Secrets Manager")
                .list();
    }

    private static List<String> multiAz(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        forEach(
                        "aws_db_instance",
                        db -> new Violations()
                                .require(db.isTrue("multi_az"), db.address() + ": multi_az must be true")
                                .list())
                .apply(configuration)
                .forEach(violations::add);
        forEach(
                        "aws_elasticache_replication_group",
                        redis -> new Violations()
                                .require(
                                        redis.isTrue("multi_az_enabled"),
                                        redis.address() + ": multi_az_enabled must be true")
                                .require(
                                        redis.isTrue("automatic_failover_enabled"),
                                        redis.address() + ": automatic_failover_enabled must be true")
                                .require(
                                        redis.number("num_cache_clusters").orElse(1.0) >= 3,
                                        redis.address() + ": three nodes (one per zone), found "
                                                + redis.text("num_cache_clusters"))
                                .list())
                .apply(configuration)
                .forEach(violations::add);
        return violations.list();
    }

    private static List<String> backupRetention(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        for (Block db : configuration.resources("aws_db_instance")) {
            violations.require(
                    db.number("backup_retention_period").orElse(0.0) >= MINIMUM_BACKUP_DAYS,
                    db.address() + ": backup_retention_period must be at least 30 days, is "
                            + db.text("backup_retention_period"));
        }
        List<Block> rules = configuration.resources("aws_backup_plan").stream()
                .flatMap(plan -> plan.blocks("rule").stream())
                .toList();
        violations.require(!rules.isEmpty(), "no AWS Backup plan");
        for (Block rule : rules) {
            violations.require(
                    rule.number("lifecycle.delete_after").orElse(0.0) >= MINIMUM_BACKUP_DAYS,
                    "backup rule " + rule.text("rule_name") + " must keep recovery points at least 30 days");
            List<Block> copies = rule.blocks("copy_action");
            violations.require(
                    !copies.isEmpty(), "backup rule " + rule.text("rule_name") + " must copy to another region");
            for (Block copy : copies) {
                Optional<Block> destination = vaultReferencedBy(configuration, copy.text("destination_vault_arn"));
                violations
                        .require(
                                destination
                                        .map(vault -> vault.has("provider")
                                                && !rule.text("target_vault_name")
                                                        .startsWith(vault.address() + "."))
                                        .orElse(false),
                                "backup copies must go to a vault of another region (a vault with its own provider)")
                        .require(
                                copy.number("lifecycle.delete_after").orElse(0.0) >= MINIMUM_BACKUP_DAYS,
                                "backup copies must be kept at least 30 days");
            }
        }
        violations.require(
                configuration.resources("aws_backup_selection").stream()
                        .anyMatch(selection -> selection.references("resources", "aws_db_instance.")),
                "AWS Backup must select the database");
        return violations.list();
    }

    private static Optional<Block> vaultReferencedBy(TerraformConfiguration configuration, String reference) {
        return configuration.resources("aws_backup_vault").stream()
                .filter(vault -> reference.startsWith(vault.address() + "."))
                .findFirst();
    }

    private static List<String> deletionProtection(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        forEach(
                        "aws_db_instance",
                        db -> new Violations()
                                .require(
                                        db.isTrue("deletion_protection"),
                                        db.address() + ": deletion_protection must be true")
                                .require(
                                        !db.isTrue("skip_final_snapshot"),
                                        db.address() + ": must take a final snapshot")
                                .list())
                .apply(configuration)
                .forEach(violations::add);
        forEach(
                        "aws_lb",
                        lb -> new Violations()
                                .require(
                                        lb.isTrue("enable_deletion_protection"),
                                        lb.address() + ": enable_deletion_protection must be true")
                                .list())
                .apply(configuration)
                .forEach(violations::add);
        return violations.list();
    }

    private static List<String> dataTierPrivate(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        for (Block db : configuration.resources("aws_db_instance")) {
            violations.require(db.isFalse("publicly_accessible"), db.address() + ": publicly_accessible must be false");
        }
        for (String subnetGroup : List.of("aws_db_subnet_group", "aws_elasticache_subnet_group")) {
            List<Block> groups = configuration.resources(subnetGroup);
            violations.require(!groups.isEmpty(), "no " + subnetGroup);
            groups.forEach(group -> violations.require(
                    group.references("subnet_ids", "aws_subnet.database"),
                    group.address() + " must use the database subnets"));
        }
        return violations.list();
    }
}
