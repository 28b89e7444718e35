package com.fairtradeworker.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.infrastructure.policy.InfrastructurePolicies;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on small hand-written configurations: each broken snippet is reported for the right reason. */
class TerraformPolicySnippetTest {

    private static final String PLAN_MATRIX = """
            resource "aws_security_group" "alb" {}
            resource "aws_security_group" "tasks" {}
            resource "aws_security_group" "postgres" {}
            resource "aws_security_group" "redis" {}
            resource "aws_vpc_security_group_ingress_rule" "alb_http" {
              security_group_id = aws_security_group.alb.id
              ip_protocol       = "tcp"
              from_port         = 80
              to_port           = 80
              cidr_ipv4         = "0.0.0.0/0"
            }
            resource "aws_vpc_security_group_ingress_rule" "alb_https" {
              security_group_id = aws_security_group.alb.id
              ip_protocol       = "tcp"
              from_port         = 443
              to_port           = 443
              cidr_ipv4         = "0.0.0.0/0"
            }
            resource "aws_vpc_security_group_ingress_rule" "tasks" {
              security_group_id            = aws_security_group.tasks.id
              ip_protocol                  = "tcp"
              from_port                    = 3000
              to_port                      = 3000
              referenced_security_group_id = aws_security_group.alb.id
            }
            resource "aws_vpc_security_group_ingress_rule" "postgres" {
              security_group_id            = aws_security_group.postgres.id
              ip_protocol                  = "tcp"
              from_port                    = 5432
              to_port                      = 5432
              referenced_security_group_id = aws_security_group.tasks.id
            }
            resource "aws_vpc_security_group_ingress_rule" "redis" {
              security_group_id            = aws_security_group.redis.id
              ip_protocol                  = "tcp"
              from_port                    = 6379
              to_port                      = 6379
              referenced_security_group_id = aws_security_group.tasks.id
            }
            """;

    @Test
    void planMatrixIsAccepted() {
        assertThat(violations("security-group-matrix", PLAN_MATRIX)).isEmpty();
        assertThat(violations("no-public-ingress-except-alb-web", PLAN_MATRIX)).isEmpty();
    }

    @Test
    void extraInboundRuleBreaksTheMatrix() {
        String postgresFromAlb = PLAN_MATRIX + """
                resource "aws_security_group_rule" "postgres_from_alb" {
                  type                     = "ingress"
                  security_group_id        = aws_security_group.postgres.id
                  protocol                 = "tcp"
                  from_port                = 5432
                  to_port                  = 5432
                  source_security_group_id = aws_security_group.alb.id
                }
                """;

        assertThat(violations("security-group-matrix", postgresFromAlb))
                .anyMatch(violation -> violation.contains("postgres port 5432 from sg:alb"));
    }

    @Test
    void missingInboundRuleBreaksTheMatrix() {
        String withoutRedis = PLAN_MATRIX.substring(
                0, PLAN_MATRIX.indexOf("resource \"aws_vpc_security_group_ingress_rule\" \"redis\""));

        assertThat(violations("security-group-matrix", withoutRedis))
                .contains("missing from the matrix: redis 6379 from sg:tasks");
    }

    @Test
    void inlineInternetIngressIsFound() {
        String inlineSsh = """
                resource "aws_security_group" "bastion" {
                  ingress {
                    protocol    = "tcp"
                    from_port   = 22
                    to_port     = 22
                    cidr_blocks = ["0.0.0.0/0"]
                  }
                }
                """;

        assertThat(violations("no-public-ingress-except-alb-web", inlineSsh))
                .anyMatch(violation -> violation.contains("bastion port 22 from 0.0.0.0/0"));
    }

    @Test
    void albOnOtherPortsIsNotAllowedFromTheInternet() {
        String albAdminPort = """
                resource "aws_vpc_security_group_ingress_rule" "alb_admin" {
                  security_group_id = aws_security_group.alb.id
                  ip_protocol       = "tcp"
                  from_port         = 8080
                  to_port           = 8080
                  cidr_ipv6         = "::/0"
                }
                """;

        assertThat(violations("no-public-ingress-except-alb-web", albAdminPort)).hasSize(1);
    }

    @Test
    void unencryptedDataStoresAreReported() {
        assertThat(violations("rds-encrypted", """
                resource "aws_db_instance" "main" {
                  storage_encrypted = false
                }
                """)).contains("aws_db_instance.main: storage_encrypted must be true");
        assertThat(violations("redis-encrypted", """
                resource "aws_elasticache_replication_group" "main" {
                  at_rest_encryption_enabled = true
                  kms_key_id                 = aws_kms_key.main.arn
                  auth_token                 = aws_secretsmanager_secret_version.redis.secret_string
                }
                """))
                .containsExactly("aws_elasticache_replication_group.main: transit_encryption_enabled must be true");
        assertThat(violations("s3-encrypted", """
                resource "aws_s3_bucket" "uploads" {
                  bucket = "uploads"
                }
                """)).contains("aws_s3_bucket.uploads has no default encryption");
    }

    @Test
    void singleZoneShortRetentionAndUnprotectedDatabaseAreReported() {
        String database = """
                variable "retention" {
                  description = "Days"
                  type        = number
                  default     = 7
                }
                resource "aws_db_instance" "main" {
                  multi_az                = false
                  backup_retention_period = var.retention
                  skip_final_snapshot     = true
                }
                """;

        assertThat(violations("multi-az", database)).contains("aws_db_instance.main: multi_az must be true");
        assertThat(violations("backup-retention", database))
                .contains("aws_db_instance.main: backup_retention_period must be at least 30 days, is 7");
        assertThat(violations("deletion-protection", database))
                .contains(
                        "aws_db_instance.main: deletion_protection must be true",
                        "aws_db_instance.main: must take a final snapshot");
    }

    @Test
    void literalSecretsAreReportedAndReferencesAreNot() {
        assertThat(violations("no-secret-literals", """
                resource "aws_db_instance" "main" {
                  password = "hunter2-hunter2"
                }
                """))
                .anyMatch(violation -> violation.contains("password is set to a literal"));
        assertThat(violations("no-secret-literals", """
                resource "aws_db_instance" "main" {
                  password = random_password.master.result
                }
                resource "aws_secretsmanager_secret_version" "redis" {
                  secret_string = "rediss://:${random_password.redis.result}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379"
                }
                """)).isEmpty();
        assertThat(violations("no-secret-literals", """
                locals {
                  url = "postgresql://app:s3cr3t@db.internal:5432/app"
                }
                """))
                .anyMatch(violation -> violation.contains("URL with a password"));
    }

    @Test
    void undocumentedVariablesAndPlainCredentialOutputsAreReported() {
        assertThat(violations("variables-documented", """
                variable "region" {
                  default = "us-east-1"
                }
                """))
                .containsExactly("variable region has no description", "variable region has no type");
        assertThat(violations("sensitive-outputs", """
                output "redis_auth" {
                  value = random_password.redis.result
                }
                output "bucket" {
                  value = aws_s3_bucket.uploads.bucket
                }
                """))
                .containsExactly("output redis_auth carries a credential and must be sensitive");
    }

    @Test
    void configurationTheParserCannotReadIsRejectedRatherThanPassed() {
        // hcl4j silently drops an unterminated block; the rules must not then pass on nothing.
        String unterminated = """
                resource "aws_db_instance" "main" {
                  multi_az = false
                """;

        assertThatThrownBy(() -> TerraformConfiguration.parse(unterminated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resource \"aws_db_instance\" \"main\"");
    }

    private static List<String> violations(String ruleId, String hcl) {
        return InfrastructurePolicies.byId(ruleId).violations(TerraformConfiguration.parse(hcl));
    }
}
