# Every secret the service reads is a Secrets Manager entry that ECS injects as an environment variable (ecs.tf).
# Terraform generates the ones it can (connection strings, JWT key); the operator puts the third-party credentials in
# after the first apply (docs/deployment.md, step 3). Generated values live in the Terraform state, which is
# encrypted and access-controlled (README.md).

locals {
  # Environment variable names the task gets from Secrets Manager; none of them may appear in plain environment.
  app_secret_names = [
    "DATABASE_URL",
    "DATABASE_MIGRATION_URL",
    "REDIS_URL",
    "JWT_SECRET",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "SENTRY_DSN",
    "SENDGRID_API_KEY",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
  ]

  generated_secret_names = ["DATABASE_URL", "DATABASE_MIGRATION_URL", "REDIS_URL", "JWT_SECRET"]

  # The runtime role goes through RDS Proxy when there is one; migrations always talk to the instance itself,
  # because Flyway's advisory lock and DDL want one dedicated session.
  database_runtime_host = var.enable_rds_proxy ? aws_db_proxy.main[0].endpoint : aws_db_instance.main.address

  generated_secret_values = {
    DATABASE_URL           = "postgresql://${var.db_runtime_username}:${random_password.db_runtime.result}@${local.database_runtime_host}:5432/${var.db_name}?sslmode=require"
    DATABASE_MIGRATION_URL = "postgresql://${var.db_migration_username}:${random_password.db_migration.result}@${aws_db_instance.main.address}:5432/${var.db_name}?sslmode=require"
    REDIS_URL              = "rediss://:${random_password.redis_auth_token.result}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379"
    JWT_SECRET             = random_id.jwt_secret.hex
  }
}

# Letters and digits only: the values go into URLs and Redis AUTH unescaped.
resource "random_password" "db_runtime" {
  length  = 40
  special = false
}

resource "random_password" "db_migration" {
  length  = 40
  special = false
}

resource "random_password" "redis_auth_token" {
  length  = 64
  special = false
}

# 64 random bytes = 128 hex characters; the service demands at least 64.
resource "random_id" "jwt_secret" {
  byte_length = 64
}

resource "aws_secretsmanager_secret" "app" {
  for_each = toset(local.app_secret_names)

  name        = "${local.secret_prefix}/app/${each.key}"
  description = "${each.key} of the FairTradeWorker service"
  kms_key_id  = aws_kms_key.main.arn
}

resource "aws_secretsmanager_secret_version" "generated" {
  for_each = toset(local.generated_secret_names)

  secret_id     = aws_secretsmanager_secret.app[each.key].id
  secret_string = local.generated_secret_values[each.key]
}

# RDS Proxy logs in to PostgreSQL with this username/password pair; the operator creates the role with the same
# password (docs/deployment.md, step 4).
resource "aws_secretsmanager_secret" "db_runtime_credentials" {
  name        = "${local.secret_prefix}/infra/db-runtime-credentials"
  description = "PostgreSQL runtime role, read by RDS Proxy"
  kms_key_id  = aws_kms_key.main.arn
}

resource "aws_secretsmanager_secret_version" "db_runtime_credentials" {
  secret_id = aws_secretsmanager_secret.db_runtime_credentials.id
  secret_string = jsonencode({
    username = var.db_runtime_username
    password = random_password.db_runtime.result
  })
}

resource "aws_secretsmanager_secret" "db_migration_credentials" {
  name        = "${local.secret_prefix}/infra/db-migration-credentials"
  description = "PostgreSQL schema owner role (Flyway)"
  kms_key_id  = aws_kms_key.main.arn
}

resource "aws_secretsmanager_secret_version" "db_migration_credentials" {
  secret_id = aws_secretsmanager_secret.db_migration_credentials.id
  secret_string = jsonencode({
    username = var.db_migration_username
    password = random_password.db_migration.result
  })
}

resource "aws_secretsmanager_secret" "redis_auth_token" {
  name        = "${local.secret_prefix}/infra/redis-auth-token"
  description = "AUTH token of the ElastiCache replication group"
  kms_key_id  = aws_kms_key.main.arn
}

resource "aws_secretsmanager_secret_version" "redis_auth_token" {
  secret_id     = aws_secretsmanager_secret.redis_auth_token.id
  secret_string = random_password.redis_auth_token.result
}

# CloudFront sends this value in X-Origin-Verify; the ALB's WAF blocks every request without it.
resource "random_password" "origin_verify" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret" "origin_verify" {
  name        = "${local.secret_prefix}/infra/origin-verify-header"
  description = "Shared secret between CloudFront and the ALB's WAF"
  kms_key_id  = aws_kms_key.main.arn
}

resource "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id     = aws_secretsmanager_secret.origin_verify.id
  secret_string = random_password.origin_verify.result
}
