# Defaults are the production sizes from the Week 3-4 plan (section 1); terraform.tfvars only has to set the
# values that have no sensible default (domain, certificates, repository).

# --- General -------------------------------------------------------------------------------------------------------

variable "project" {
  description = "Project name; prefixes every resource name."
  type        = string
  default     = "fairtradeworker"
}

variable "environment" {
  description = "Deployment environment; part of resource names and the APP_ENV the service runs with."
  type        = string
  default     = "production"
}

variable "aws_region" {
  description = "Primary AWS region."
  type        = string
  default     = "us-east-1"
}

variable "dr_region" {
  description = "Disaster-recovery region that receives backup copies and replicated RDS backups."
  type        = string
  default     = "us-west-2"
}

variable "tags" {
  description = "Extra tags applied to every resource (cost centre, owner)."
  type        = map(string)
  default     = {}
}

# --- Network -------------------------------------------------------------------------------------------------------

variable "availability_zones" {
  description = "The three availability zones the VPC spans; one public, private and database subnet and one NAT gateway in each."
  type        = list(string)
  default     = ["us-east-1a", "us-east-1b", "us-east-1c"]

  validation {
    condition     = length(var.availability_zones) == 3
    error_message = "The plan runs across exactly three availability zones."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "public_subnet_cidrs" {
  description = "Public subnets (ALB, NAT gateways), one per availability zone."
  type        = list(string)
  default     = ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]
}

variable "private_subnet_cidrs" {
  description = "Private subnets (ECS tasks, RDS Proxy), one per availability zone; /20 leaves room for many Fargate ENIs."
  type        = list(string)
  default     = ["10.0.16.0/20", "10.0.32.0/20", "10.0.48.0/20"]
}

variable "database_subnet_cidrs" {
  description = "Isolated database subnets (RDS, ElastiCache) without a route to the internet, one per availability zone."
  type        = list(string)
  default     = ["10.0.100.0/24", "10.0.101.0/24", "10.0.102.0/24"]
}

variable "log_retention_days" {
  description = "Retention of CloudWatch log groups (application, VPC flow logs, Redis slow log)."
  type        = number
  default     = 90
}

variable "log_bucket_retention_days" {
  description = "Days ALB, CloudFront and CloudTrail logs are kept in the log bucket."
  type        = number
  default     = 365
}

# --- Edge: DNS name, certificates, CloudFront, WAF -----------------------------------------------------------------

variable "domain_name" {
  description = "Public host name of the API, for example api.fairtradeworker.com (CNAME to the CloudFront distribution)."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name in aws_region, used by the ALB's HTTPS listener."
  type        = string
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate for domain_name in us-east-1, used by CloudFront; defaults to certificate_arn (right when aws_region is us-east-1)."
  type        = string
  default     = null
}

variable "cloudfront_price_class" {
  description = "CloudFront price class (PriceClass_100 = North America and Europe edges)."
  type        = string
  default     = "PriceClass_100"
}

variable "waf_rate_limit" {
  description = "Requests one client IP may make in a 5-minute window before WAF blocks it."
  type        = number
  default     = 2000
}

# --- Application (ECS) ---------------------------------------------------------------------------------------------

variable "image_tag" {
  description = "Image tag Terraform's task definition starts with (CI deploys later tags); tags are immutable, use the git SHA."
  type        = string
}

variable "container_port" {
  description = "Port the service listens on (its PORT variable)."
  type        = number
  default     = 3000
}

variable "ecs_task_cpu" {
  description = "CPU units per Fargate task (1024 = 1 vCPU)."
  type        = number
  default     = 1024
}

variable "ecs_task_memory" {
  description = "Memory per Fargate task in MiB."
  type        = number
  default     = 2048
}

variable "ecs_min_tasks" {
  description = "Minimum (and initial) number of tasks; three spreads one per availability zone."
  type        = number
  default     = 3
}

variable "ecs_max_tasks" {
  description = "Maximum number of tasks auto-scaling may run."
  type        = number
  default     = 10
}

variable "ecs_cpu_target_percent" {
  description = "Average service CPU utilisation that auto-scaling keeps the service at."
  type        = number
  default     = 60
}

variable "ecs_requests_per_target" {
  description = "ALB requests per task per minute that auto-scaling keeps the service at."
  type        = number
  default     = 1000
}

variable "frontend_url" {
  description = "Origin of the web front end (FRONTEND_URL): CORS for the API and the uploads bucket."
  type        = string
  default     = "https://fairtradeworker.com"
}

variable "email_from" {
  description = "Sender address of outgoing email (EMAIL_FROM)."
  type        = string
  default     = "noreply@fairtradeworker.com"
}

variable "twilio_phone_number" {
  description = "Twilio sender number in E.164 form (TWILIO_PHONE_NUMBER); not a secret."
  type        = string
}

# --- PostgreSQL (RDS) ----------------------------------------------------------------------------------------------

variable "db_engine_version" {
  description = "PostgreSQL major version; RDS picks the newest minor and upgrades minors in the maintenance window."
  type        = string
  default     = "17"
}

variable "db_instance_class" {
  description = "RDS instance class (db.r6i.xlarge: 4 vCPU, 32 GiB)."
  type        = string
  default     = "db.r6i.xlarge"
}

variable "db_allocated_storage" {
  description = "Initial gp3 storage in GiB."
  type        = number
  default     = 100
}

variable "db_max_allocated_storage" {
  description = "Upper bound in GiB for RDS storage auto-scaling."
  type        = number
  default     = 500
}

variable "db_name" {
  description = "Name of the application database."
  type        = string
  default     = "fairtradeworker"
}

variable "db_master_username" {
  description = "RDS master user; its password is generated and kept by RDS in Secrets Manager."
  type        = string
  default     = "ftw_admin"
}

variable "db_migration_username" {
  description = "Schema owner role; Flyway migrations run as this role (DATABASE_MIGRATION_URL)."
  type        = string
  default     = "ftw_owner"
}

variable "db_runtime_username" {
  description = "Runtime role the service connects as (DATABASE_URL); no UPDATE/DELETE on the journal and audit tables."
  type        = string
  default     = "ftw_app"
}

variable "db_backup_retention_days" {
  description = "Days of RDS automated backups (point-in-time recovery window)."
  type        = number
  default     = 30
}

variable "db_backup_window" {
  description = "Daily UTC window for RDS automated backups."
  type        = string
  default     = "03:00-04:00"
}

variable "db_maintenance_window" {
  description = "Weekly UTC window for RDS maintenance (after the backup window)."
  type        = string
  default     = "sun:04:30-sun:05:30"
}

variable "db_monitoring_interval" {
  description = "Enhanced monitoring granularity in seconds (0 disables it)."
  type        = number
  default     = 30
}

variable "db_performance_insights_retention_days" {
  description = "Performance Insights retention in days (7 is the free tier)."
  type        = number
  default     = 7
}

variable "db_max_connections" {
  description = "PostgreSQL max_connections; 10 tasks x a pool of 10, plus RDS Proxy, migrations and operators fit well below it."
  type        = number
  default     = 200
}

variable "db_max_parallel_workers" {
  description = "max_parallel_workers: the instance's vCPU count (4 on db.r6i.xlarge; the plan's 8 assumed 8 cores)."
  type        = number
  default     = 4
}

variable "db_max_parallel_workers_per_gather" {
  description = "max_parallel_workers_per_gather: half of the vCPUs, so two parallel queries can run at once."
  type        = number
  default     = 2
}

variable "enable_rds_proxy" {
  description = "Put RDS Proxy (managed connection pooling, the plan's PgBouncer) between the service and PostgreSQL."
  type        = bool
  default     = true
}

variable "enable_rds_backup_replication" {
  description = "Replicate RDS automated backups to dr_region, so point-in-time recovery survives a regional outage."
  type        = bool
  default     = true
}

variable "db_restore_from_automated_backups_arn" {
  description = "Disaster recovery only: ARN of replicated RDS automated backups to create the database from (latest restorable time); null creates an empty database."
  type        = string
  default     = null
}

# --- Redis (ElastiCache) -------------------------------------------------------------------------------------------

variable "redis_engine_version" {
  description = "Redis OSS engine version."
  type        = string
  default     = "7.1"
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.r6g.xlarge"
}

variable "redis_num_cache_clusters" {
  description = "Nodes in the replication group (one primary, the rest replicas), one per availability zone."
  type        = number
  default     = 3
}

variable "redis_snapshot_retention_days" {
  description = "Days of daily Redis snapshots."
  type        = number
  default     = 7
}

# --- Uploads bucket ------------------------------------------------------------------------------------------------

variable "uploads_infrequent_access_after_days" {
  description = "Days after which uploaded files move to S3 Standard-IA (evidence is rarely read after a job closes)."
  type        = number
  default     = 90
}

variable "uploads_noncurrent_version_days" {
  description = "Days a replaced or deleted upload stays recoverable as a noncurrent version."
  type        = number
  default     = 90
}

# --- Backups -------------------------------------------------------------------------------------------------------

variable "backup_retention_days" {
  description = "Retention of AWS Backup recovery points, in the primary vault and in the disaster-recovery copy."
  type        = number
  default     = 30
}

variable "backup_schedule" {
  description = "AWS Backup schedule (cron, UTC)."
  type        = string
  default     = "cron(0 5 ? * * *)"
}

# --- Monitoring ----------------------------------------------------------------------------------------------------

variable "alarm_email" {
  description = "Email address subscribed to the alarm topic; null subscribes nobody (add PagerDuty or Slack to the topic instead)."
  type        = string
  default     = null
}

variable "alarm_5xx_rate_percent" {
  description = "Alarm when more than this percentage of requests end in a 5xx from the service."
  type        = number
  default     = 1
}

variable "alarm_p99_latency_seconds" {
  description = "Alarm when the ALB's p99 target response time exceeds this (the plan's p99 goal is 0.2 s; alarm at 2.5x to avoid noise)."
  type        = number
  default     = 0.5
}

variable "alarm_cpu_percent" {
  description = "Alarm when average CPU of the service or the database exceeds this."
  type        = number
  default     = 80
}

variable "alarm_db_free_storage_gb" {
  description = "Alarm when the database has less free storage than this many GiB (auto-scaling may have reached its maximum)."
  type        = number
  default     = 20
}

variable "alarm_db_connections" {
  description = "Alarm when the database has more connections than this (80% of db_max_connections)."
  type        = number
  default     = 160
}

variable "alarm_redis_replication_lag_seconds" {
  description = "Alarm when a Redis replica lags its primary by more than this many seconds."
  type        = number
  default     = 5
}

variable "alarm_redis_memory_percent" {
  description = "Alarm when a Redis node uses more than this percentage of its memory."
  type        = number
  default     = 80
}

# --- CI/CD (GitHub Actions OIDC) -----------------------------------------------------------------------------------

variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may assume the deploy and plan roles."
  type        = string
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC provider; false when the account already has one."
  type        = bool
  default     = true
}

variable "terraform_state_bucket" {
  description = "S3 bucket holding this configuration's state (see README.md); the plan role may read it and take the lock."
  type        = string
}
