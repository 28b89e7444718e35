package com.fairtradeworker.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.infrastructure.policy.InfrastructurePolicies;
import com.fairtradeworker.infrastructure.policy.PolicyRule;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each policy rule fails when the production configuration breaks it: every case edits one place of a copy of the
 * real files (in memory) the way a careless change would, and the rule must report it. Together with
 * {@link TerraformPoliciesTest} (the unedited files keep every rule) this shows no rule passes vacuously.
 */
class TerraformPolicyMutationTest {

    private static Map<String, String> productionSources;

    /** A careless edit: {@code find} (which must occur exactly once in {@code file}) becomes {@code replacement}. */
    record Mutation(String ruleId, String file, String find, String replacement, String breaks) {

        static Mutation append(String ruleId, String file, String hcl, String breaks) {
            return new Mutation(ruleId, file, null, hcl, breaks);
        }

        @Override
        public String toString() {
            return ruleId + ": " + breaks;
        }
    }

    @BeforeAll
    static void readProductionSources() {
        productionSources = TerraformConfiguration.readSources(ProjectFiles.terraformDirectory());
    }

    static List<Mutation> mutations() {
        return List.of(
                // --- Network ---------------------------------------------------------------------------------------
                new Mutation(
                        "security-group-matrix",
                        "security_groups.tf",
                        "description                  = \"Redis from the tasks only\"\n"
                                + "  ip_protocol                  = \"tcp\"\n"
                                + "  from_port                    = 6379\n"
                                + "  to_port                      = 6379\n"
                                + "  referenced_security_group_id = aws_security_group.tasks.id",
                        "description                  = \"Redis from the tasks only\"\n"
                                + "  ip_protocol                  = \"tcp\"\n"
                                + "  from_port                    = 6379\n"
                                + "  to_port                      = 6379\n"
                                + "  referenced_security_group_id = aws_security_group.alb.id",
                        "Redis reachable from the ALB instead of the tasks"),
                new Mutation(
                        "security-group-matrix",
                        "security_groups.tf",
                        "referenced_security_group_id = aws_security_group.alb.id",
                        "cidr_ipv4                    = \"10.0.0.0/16\"",
                        "tasks open to the whole VPC instead of the ALB only"),
                Mutation.append("security-group-matrix", "security_groups.tf", """
                        resource "aws_vpc_security_group_egress_rule" "postgres_out" {
                          security_group_id = aws_security_group.postgres.id
                          ip_protocol       = "-1"
                          cidr_ipv4         = "0.0.0.0/0"
                        }
                        """, "PostgreSQL gets an outbound rule"),
                Mutation.append(
                        "no-public-ingress-except-alb-web",
                        "security_groups.tf",
                        """
                        resource "aws_vpc_security_group_ingress_rule" "tasks_ssh" {
                          security_group_id = aws_security_group.tasks.id
                          ip_protocol       = "tcp"
                          from_port         = 22
                          to_port           = 22
                          cidr_ipv4         = "0.0.0.0/0"
                        }
                        """,
                        "SSH to the tasks from the internet"),
                new Mutation(
                        "no-public-ingress-except-alb-web",
                        "network.tf",
                        "cidr_block     = var.private_subnet_cidrs[count.index]\n  from_port      = 5432",
                        "cidr_block     = \"0.0.0.0/0\"\n  from_port      = 5432",
                        "database network ACL admits PostgreSQL from the internet"),
                new Mutation(
                        "database-subnets-network-acl",
                        "network.tf",
                        "subnet_ids = aws_subnet.database[*].id",
                        "subnet_ids = []",
                        "network ACL detached from the database subnets"),
                new Mutation(
                        "database-subnets-network-acl",
                        "network.tf",
                        "from_port      = 6379\n  to_port        = 6379",
                        "from_port      = 0\n  to_port        = 65535",
                        "database network ACL admits every port from the private subnets"),
                new Mutation(
                        "three-zones-nat-per-zone",
                        "network.tf",
                        "resource \"aws_nat_gateway\" \"main\" {\n  count = length(var.availability_zones)",
                        "resource \"aws_nat_gateway\" \"main\" {\n  count = 1",
                        "a single NAT gateway for three zones"),
                new Mutation(
                        "three-zones-nat-per-zone",
                        "network.tf",
                        "resource \"aws_route_table\" \"database\" {\n  vpc_id = aws_vpc.main.id\n",
                        "resource \"aws_route_table\" \"database\" {\n  vpc_id = aws_vpc.main.id\n"
                                + "  route {\n    cidr_block     = \"0.0.0.0/0\"\n    nat_gateway_id = aws_nat_gateway.main[0].id\n  }\n",
                        "database subnets routed to the internet"),

                // --- Data protection -------------------------------------------------------------------------------
                new Mutation(
                        "rds-encrypted",
                        "database.tf",
                        "storage_encrypted     = true",
                        "storage_encrypted     = false",
                        "RDS storage unencrypted"),
                new Mutation(
                        "rds-encrypted",
                        "database.tf",
                        "performance_insights_kms_key_id       = aws_kms_key.main.arn\n",
                        "",
                        "Performance Insights with the default key"),
                new Mutation(
                        "redis-encrypted",
                        "cache.tf",
                        "transit_encryption_enabled = true",
                        "transit_encryption_enabled = false",
                        "Redis without TLS"),
                new Mutation(
                        "redis-encrypted",
                        "cache.tf",
                        "at_rest_encryption_enabled = true",
                        "at_rest_encryption_enabled = false",
                        "Redis unencrypted at rest"),
                new Mutation(
                        "redis-encrypted",
                        "cache.tf",
                        "auth_token                 = aws_secretsmanager_secret_version.redis_auth_token.secret_string",
                        "auth_token                 = random_password.redis_auth_token.result",
                        "Redis AUTH token not taken from Secrets Manager"),
                new Mutation(
                        "s3-encrypted",
                        "storage.tf",
                        "sse_algorithm     = \"aws:kms\"",
                        "sse_algorithm     = \"AES256\"",
                        "uploads bucket without KMS"),
                new Mutation(
                        "s3-encrypted",
                        "logging.tf",
                        "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"logs\" {\n  bucket = aws_s3_bucket.logs.id",
                        "resource \"aws_s3_bucket_server_side_encryption_configuration\" \"logs\" {\n  bucket = aws_s3_bucket.uploads.id",
                        "log bucket without default encryption"),
                new Mutation(
                        "s3-private-tls-versioned",
                        "storage.tf",
                        "restrict_public_buckets = true",
                        "restrict_public_buckets = false",
                        "uploads bucket may be made public"),
                new Mutation(
                        "s3-private-tls-versioned",
                        "logging.tf",
                        "variable = \"aws:SecureTransport\"",
                        "variable = \"aws:SecureTransportX\"",
                        "log bucket accepts plain HTTP"),
                new Mutation(
                        "s3-private-tls-versioned",
                        "storage.tf",
                        "versioning_configuration {\n    status = \"Enabled\"",
                        "versioning_configuration {\n    status = \"Suspended\"",
                        "uploads bucket not versioned"),
                new Mutation(
                        "multi-az",
                        "database.tf",
                        "multi_az               = true",
                        "multi_az               = false",
                        "single-AZ RDS"),
                new Mutation(
                        "multi-az",
                        "cache.tf",
                        "automatic_failover_enabled = true",
                        "automatic_failover_enabled = false",
                        "Redis without automatic failover"),
                new Mutation(
                        "multi-az",
                        "variables.tf",
                        "the rest replicas), one per availability zone.\"\n  type        = number\n  default     = 3",
                        "the rest replicas), one per availability zone.\"\n  type        = number\n  default     = 1",
                        "a single Redis node"),
                new Mutation(
                        "backup-retention",
                        "variables.tf",
                        "(point-in-time recovery window).\"\n  type        = number\n  default     = 30",
                        "(point-in-time recovery window).\"\n  type        = number\n  default     = 7",
                        "RDS keeps a week of backups"),
                new Mutation(
                        "backup-retention",
                        "variables.tf",
                        "in the disaster-recovery copy.\"\n  type        = number\n  default     = 30",
                        "in the disaster-recovery copy.\"\n  type        = number\n  default     = 14",
                        "AWS Backup keeps two weeks"),
                new Mutation(
                        "backup-retention",
                        "backup.tf",
                        "destination_vault_arn = aws_backup_vault.dr.arn",
                        "destination_vault_arn = aws_backup_vault.main.arn",
                        "backup copies stay in the primary region"),
                new Mutation(
                        "deletion-protection",
                        "database.tf",
                        "deletion_protection       = true",
                        "deletion_protection       = false",
                        "RDS deletable"),
                new Mutation(
                        "deletion-protection",
                        "database.tf",
                        "skip_final_snapshot       = false",
                        "skip_final_snapshot       = true",
                        "RDS deleted without a final snapshot"),
                new Mutation(
                        "deletion-protection",
                        "load_balancer.tf",
                        "enable_deletion_protection = true",
                        "enable_deletion_protection = false",
                        "ALB deletable"),
                new Mutation(
                        "data-tier-private",
                        "database.tf",
                        "publicly_accessible    = false",
                        "publicly_accessible    = true",
                        "RDS publicly accessible"),
                new Mutation(
                        "data-tier-private",
                        "cache.tf",
                        "subnet_ids = aws_subnet.database[*].id",
                        "subnet_ids = aws_subnet.public[*].id",
                        "Redis in the public subnets"),
                new Mutation(
                        "rds-parameter-group-tuning",
                        "database.tf",
                        "value = \"{DBInstanceClassMemory/524288}\"",
                        "value = \"65536\"",
                        "work_mem fixed instead of relative to memory"),
                new Mutation(
                        "rds-parameter-group-tuning",
                        "database.tf",
                        "name         = \"shared_preload_libraries\"\n    value        = \"pg_stat_statements\"",
                        "name         = \"shared_preload_libraries\"\n    value        = \"auto_explain\"",
                        "pg_stat_statements not loaded"),

                // --- Application -----------------------------------------------------------------------------------
                new Mutation(
                        "ecs-service-shape",
                        "variables.tf",
                        "default     = 2048",
                        "default     = 1024",
                        "tasks with 1 GB instead of 2 GB"),
                new Mutation(
                        "ecs-service-shape",
                        "ecs.tf",
                        "assign_public_ip = false",
                        "assign_public_ip = true",
                        "tasks with public IPs"),
                new Mutation(
                        "ecs-service-shape",
                        "variables.tf",
                        "auto-scaling may run.\"\n  type        = number\n  default     = 10",
                        "auto-scaling may run.\"\n  type        = number\n  default     = 4",
                        "auto-scaling capped at 4 tasks"),
                new Mutation(
                        "secrets-from-secrets-manager",
                        "secrets.tf",
                        "    \"JWT_SECRET\",\n    \"STRIPE_SECRET_KEY\",",
                        "    \"STRIPE_SECRET_KEY\",",
                        "JWT_SECRET no longer injected"),
                new Mutation(
                        "secrets-from-secrets-manager",
                        "ecs.tf",
                        "{ name = \"EMAIL_FROM\", value = var.email_from },",
                        "{ name = \"EMAIL_FROM\", value = var.email_from },\n"
                                + "        { name = \"STRIPE_WEBHOOK_SECRET\", value = var.email_from },",
                        "a secret passed as plain environment"),
                new Mutation(
                        "liveness-health-checks",
                        "main.tf",
                        "liveness_path  = \"/actuator/health/liveness\"",
                        "liveness_path  = \"/actuator/health/readiness\"",
                        "ALB and ECS judge tasks by readiness"),
                new Mutation(
                        "liveness-health-checks",
                        "load_balancer.tf",
                        "path                = local.liveness_path",
                        "path                = \"/\"",
                        "ALB health check on /"),
                new Mutation(
                        "task-role-least-privilege",
                        "ecs.tf",
                        "resources = [aws_s3_bucket.uploads.arn]",
                        "resources = [\"*\"]",
                        "task role may list every bucket"),
                new Mutation(
                        "task-role-least-privilege",
                        "ecs.tf",
                        "actions   = [\"s3:GetObject\", \"s3:PutObject\", \"s3:DeleteObject\", \"s3:AbortMultipartUpload\"]",
                        "actions   = [\"s3:*\"]",
                        "task role with every S3 action"),
                Mutation.append("task-role-least-privilege", "ecs.tf", """
                        resource "aws_iam_role_policy_attachment" "task_admin" {
                          role       = aws_iam_role.task.name
                          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
                        }
                        """, "administrator policy on the task role"),

                // --- Edge ------------------------------------------------------------------------------------------
                new Mutation(
                        "https-only",
                        "load_balancer.tf",
                        "type = \"redirect\"",
                        "type = \"fixed-response\"",
                        "port 80 answers instead of redirecting"),
                new Mutation(
                        "https-only",
                        "cdn.tf",
                        "viewer_protocol_policy   = \"redirect-to-https\"",
                        "viewer_protocol_policy   = \"allow-all\"",
                        "CloudFront serves plain HTTP"),
                new Mutation(
                        "https-only",
                        "cdn.tf",
                        "origin_protocol_policy   = \"https-only\"",
                        "origin_protocol_policy   = \"http-only\"",
                        "CloudFront to ALB over plain HTTP"),
                new Mutation(
                        "waf-rate-limit-and-managed-rules",
                        "variables.tf",
                        "default     = 2000",
                        "default     = 10000",
                        "rate limit raised to 10,000"),
                new Mutation(
                        "waf-rate-limit-and-managed-rules",
                        "cdn.tf",
                        "web_acl_id      = aws_wafv2_web_acl.cloudfront.arn\n",
                        "",
                        "CloudFront without WAF"),
                new Mutation(
                        "alb-serves-cloudfront-only",
                        "cdn.tf",
                        "name  = \"X-Origin-Verify\"",
                        "name  = \"X-Forwarded-Host\"",
                        "CloudFront sends a header the ALB's WAF does not check"),
                new Mutation(
                        "alb-serves-cloudfront-only",
                        "load_balancer.tf",
                        "search_string         = random_password.origin_verify.result",
                        "search_string         = \"cloudfront\"",
                        "ALB's WAF compares the header with a guessable value"),

                // --- Observability ---------------------------------------------------------------------------------
                new Mutation(
                        "alarms-cover-plan-signals",
                        "monitoring.tf",
                        "metric_name         = \"ReplicationLag\"",
                        "metric_name         = \"CurrConnections\"",
                        "no replica lag alarm"),
                new Mutation(
                        "alarms-cover-plan-signals",
                        "monitoring.tf",
                        "extended_statistic  = \"p99\"",
                        "extended_statistic  = \"p50\"",
                        "latency alarm on p50"),
                new Mutation(
                        "alarms-cover-plan-signals",
                        "monitoring.tf",
                        "threshold           = var.alarm_db_free_storage_gb * 1073741824\n"
                                + "  alarm_actions       = [aws_sns_topic.alarms.arn]",
                        "threshold           = var.alarm_db_free_storage_gb * 1073741824\n"
                                + "  alarm_actions       = []",
                        "storage alarm notifies nobody"),
                new Mutation(
                        "plan-dashboards",
                        "dashboards.tf",
                        "resource \"aws_cloudwatch_dashboard\" \"payments\"",
                        "resource \"aws_cloudwatch_dashboard\" \"billing\"",
                        "no payments dashboard"),
                new Mutation(
                        "audit-logging",
                        "logging.tf",
                        "enable_log_file_validation    = true",
                        "enable_log_file_validation    = false",
                        "CloudTrail without log validation"),
                new Mutation(
                        "audit-logging",
                        "load_balancer.tf",
                        "    enabled = true\n    bucket  = aws_s3_bucket.logs.id",
                        "    enabled = false\n    bucket  = aws_s3_bucket.logs.id",
                        "ALB access logs off"),
                new Mutation(
                        "audit-logging",
                        "network.tf",
                        "traffic_type             = \"ALL\"",
                        "traffic_type             = \"REJECT\"",
                        "flow logs of rejected traffic only"),

                // --- Hygiene ---------------------------------------------------------------------------------------
                new Mutation(
                        "variables-documented",
                        "variables.tf",
                        "  description = \"Project name; prefixes every resource name.\"\n",
                        "",
                        "variable without description"),
                new Mutation(
                        "variables-documented",
                        "variables.tf",
                        "description = \"Days of daily Redis snapshots.\"\n  type        = number\n",
                        "description = \"Days of daily Redis snapshots.\"\n",
                        "variable without type"),
                new Mutation(
                        "no-secret-literals",
                        "secrets.tf",
                        "secret_string = random_password.redis_auth_token.result",
                        "secret_string = \"redis-auth-token-in-plain-text\"",
                        "Redis token written into the code"),
                new Mutation(
                        "no-secret-literals",
                        "ecs.tf",
                        "{ name = \"EMAIL_FROM\", value = var.email_from },",
                        "{ name = \"EMAIL_FROM\", value = \"sk_live_51HxAbCdEfGhIjKlMnOp\" },",
                        "Stripe key pasted into the task definition"),
                Mutation.append(
                        "no-secret-literals",
                        "terraform.tfvars.example",
                        "db_password = \"Tr0ub4dor-and-3\"\n",
                        "password in the example tfvars"),
                new Mutation(
                        "sensitive-outputs",
                        "outputs.tf",
                        "value       = local.generated_secret_values[\"REDIS_URL\"]\n  sensitive   = true",
                        "value       = local.generated_secret_values[\"REDIS_URL\"]\n  sensitive   = false",
                        "REDIS_URL output printed in plain"),
                new Mutation(
                        "sensitive-outputs",
                        "outputs.tf",
                        "value       = random_password.db_runtime.result\n  sensitive   = true\n",
                        "value       = random_password.db_runtime.result\n",
                        "runtime password output printed in plain"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void ruleFailsWhenTheConfigurationBreaksIt(Mutation mutation) {
        PolicyRule rule = InfrastructurePolicies.byId(mutation.ruleId());

        List<String> violations = rule.violations(TerraformConfiguration.parse(mutate(mutation)));

        assertThat(violations)
                .as("%s must fail when %s", rule.id(), mutation.breaks())
                .isNotEmpty();
    }

    @Test
    void everyRuleIsShownToFailWhenBroken() {
        assertThat(mutations().stream().map(Mutation::ruleId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(InfrastructurePolicies.all().stream()
                        .map(PolicyRule::id)
                        .toList());
    }

    private static Map<String, String> mutate(Mutation mutation) {
        Map<String, String> sources = new TreeMap<>(productionSources);
        String original = sources.get(mutation.file());
        assertThat(original).as("file %s", mutation.file()).isNotNull();
        if (mutation.find() == null) {
            sources.put(mutation.file(), original + "\n" + mutation.replacement());
        } else {
            assertThat(occurrences(original, mutation.find()))
                    .as("'%s' must occur exactly once in %s", mutation.find(), mutation.file())
                    .isEqualTo(1);
            sources.put(mutation.file(), original.replace(mutation.find(), mutation.replacement()));
        }
        return sources;
    }

    private static int occurrences(String text, String fragment) {
        int count = 0;
        for (int index = text.indexOf(fragment); index >= 0; index = text.indexOf(fragment, index + 1)) {
            count++;
        }
        return count;
    }
}
