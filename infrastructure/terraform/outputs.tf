# What the deployment steps and the operator need. Anything that carries a credential is sensitive: Terraform hides
# it in plan output and `terraform output` prints it only when asked by name (-raw or -json).

# --- Network -------------------------------------------------------------------------------------------------------

output "vpc_id" {
  description = "VPC id."
  value       = aws_vpc.main.id
}

output "public_subnet_ids" {
  description = "Public subnets (ALB, NAT gateways)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets (ECS tasks, RDS Proxy)."
  value       = aws_subnet.private[*].id
}

output "tasks_security_group_id" {
  description = "Security group of the tasks; a temporary operator instance with it may reach PostgreSQL and Redis."
  value       = aws_security_group.tasks.id
}

output "database_subnet_ids" {
  description = "Isolated database subnets (RDS, Redis)."
  value       = aws_subnet.database[*].id
}

output "nat_gateway_public_ips" {
  description = "Addresses outbound traffic leaves from: give them to partners that allow-list callers."
  value       = aws_eip.nat[*].public_ip
}

# --- Edge ----------------------------------------------------------------------------------------------------------

output "cloudfront_domain_name" {
  description = "Target of the CNAME record for domain_name."
  value       = aws_cloudfront_distribution.main.domain_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution id (invalidations, metrics)."
  value       = aws_cloudfront_distribution.main.id
}

output "alb_dns_name" {
  description = "ALB host name; serves only requests that come through CloudFront."
  value       = aws_lb.main.dns_name
}

output "api_url" {
  description = "Public URL of the API."
  value       = "https://${var.domain_name}"
}

output "readiness_url" {
  description = "Readiness (PostgreSQL and Redis included) for uptime monitoring and deploy checks; the ALB and ECS judge tasks by liveness."
  value       = "https://${var.domain_name}${local.readiness_path}"
}

# --- Application ---------------------------------------------------------------------------------------------------

output "ecr_repository_url" {
  description = "Repository the deploy workflow pushes images to."
  value       = aws_ecr_repository.api.repository_url
}

output "ecs_cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.main.name
}

output "ecs_service_name" {
  description = "ECS service name."
  value       = aws_ecs_service.api.name
}

output "ecs_task_family" {
  description = "Task definition family the deploy workflow registers new revisions of."
  value       = aws_ecs_task_definition.api.family
}

output "app_log_group" {
  description = "CloudWatch log group of the service."
  value       = aws_cloudwatch_log_group.api.name
}

output "app_secret_arns" {
  description = "Secrets Manager entries injected into the service, by environment variable name."
  value       = { for name, secret in aws_secretsmanager_secret.app : name => secret.arn }
}

output "operator_secret_names" {
  description = "Secrets the operator must fill in before the first deploy (docs/deployment.md, step 3)."
  value       = [for name in local.app_secret_names : aws_secretsmanager_secret.app[name].name if !contains(local.generated_secret_names, name)]
}

output "application_environment" {
  description = "Non-secret environment of the service, as the task definition sets it."
  value = {
    APP_ENV             = "production"
    PORT                = tostring(var.container_port)
    AWS_REGION          = var.aws_region
    AWS_S3_BUCKET       = aws_s3_bucket.uploads.bucket
    EMAIL_FROM          = var.email_from
    FRONTEND_URL        = var.frontend_url
    TWILIO_PHONE_NUMBER = var.twilio_phone_number
  }
}

# --- Data stores ---------------------------------------------------------------------------------------------------

output "rds_identifier" {
  description = "RDS instance identifier (restores, proxy targets)."
  value       = aws_db_instance.main.identifier
}

output "rds_host" {
  description = "PostgreSQL instance host name (migrations and operators connect here)."
  value       = aws_db_instance.main.address
}

output "rds_port" {
  description = "PostgreSQL port."
  value       = aws_db_instance.main.port
}

output "rds_database_name" {
  description = "Application database name."
  value       = aws_db_instance.main.db_name
}

output "rds_master_user_secret_arn" {
  description = "Secrets Manager entry where RDS keeps the master user's password."
  value       = aws_db_instance.main.master_user_secret[0].secret_arn
}

output "rds_proxy_endpoint" {
  description = "RDS Proxy host name the service connects through (null without the proxy)."
  value       = var.enable_rds_proxy ? aws_db_proxy.main[0].endpoint : null
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint (TLS, AUTH)."
  value       = aws_elasticache_replication_group.main.primary_endpoint_address
}

output "redis_reader_endpoint" {
  description = "Redis reader endpoint (replicas)."
  value       = aws_elasticache_replication_group.main.reader_endpoint_address
}

output "s3_uploads_bucket" {
  description = "Uploads bucket name (AWS_S3_BUCKET)."
  value       = aws_s3_bucket.uploads.bucket
}

output "s3_logs_bucket" {
  description = "Bucket with ALB, CloudFront and CloudTrail logs."
  value       = aws_s3_bucket.logs.bucket
}

# --- Credentials (sensitive) ---------------------------------------------------------------------------------------

output "database_url" {
  description = "DATABASE_URL of the runtime role (as stored in Secrets Manager)."
  value       = local.generated_secret_values["DATABASE_URL"]
  sensitive   = true
}

output "database_migration_url" {
  description = "DATABASE_MIGRATION_URL of the schema owner (as stored in Secrets Manager)."
  value       = local.generated_secret_values["DATABASE_MIGRATION_URL"]
  sensitive   = true
}

output "redis_url" {
  description = "REDIS_URL with the AUTH token (as stored in Secrets Manager)."
  value       = local.generated_secret_values["REDIS_URL"]
  sensitive   = true
}

output "db_runtime_password" {
  description = "Password of the runtime role, for CREATE ROLE in step 4 of docs/deployment.md."
  value       = random_password.db_runtime.result
  sensitive   = true
}

output "db_migration_password" {
  description = "Password of the schema owner role, for CREATE ROLE in step 4 of docs/deployment.md."
  value       = random_password.db_migration.result
  sensitive   = true
}

# --- Operations ----------------------------------------------------------------------------------------------------

output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies; subscribe the on-call channel to it."
  value       = aws_sns_topic.alarms.arn
}

output "backup_vault_name" {
  description = "AWS Backup vault in the primary region."
  value       = aws_backup_vault.main.name
}

output "dr_backup_vault_arn" {
  description = "AWS Backup vault in the disaster-recovery region."
  value       = aws_backup_vault.dr.arn
}

output "github_image_role_arn" {
  description = "Role the image job assumes to push to ECR (repository variable AWS_IMAGE_ROLE_ARN)."
  value       = aws_iam_role.github_image.arn
}

output "github_deploy_role_arn" {
  description = "Role the deploy workflow assumes (repository variable AWS_DEPLOY_ROLE_ARN)."
  value       = aws_iam_role.github_deploy.arn
}

output "github_plan_role_arn" {
  description = "Role the Terraform plan job assumes (repository variable AWS_PLAN_ROLE_ARN)."
  value       = aws_iam_role.github_plan.arn
}
