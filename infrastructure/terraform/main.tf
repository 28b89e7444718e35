# FairTradeWorker production infrastructure. One root module, one file per concern:
#   network.tf          VPC, subnets, NAT gateways, routes, flow logs, database network ACL
#   security_groups.tf  the plan's security group matrix
#   database.tf         RDS PostgreSQL, parameter group, RDS Proxy
#   cache.tf            ElastiCache Redis
#   secrets.tf          Secrets Manager entries the service reads
#   ecs.tf              ECR, ECS Fargate cluster, service and auto-scaling
#   load_balancer.tf    ALB, listeners, target group, origin-only WAF
#   cdn.tf              CloudFront and its WAF
#   storage.tf          uploads bucket
#   logging.tf          log bucket and CloudTrail
#   backup.tf           AWS Backup with a cross-region copy
#   monitoring.tf       SNS topic and alarms; dashboards.tf holds the dashboards
#   ci.tf               GitHub Actions roles (OIDC)

locals {
  name          = "${var.project}-${var.environment}"
  secret_prefix = "${var.project}/${var.environment}"

  # ALB and ECS judge a task by liveness only: readiness includes PostgreSQL and Redis, and an outage of either
  # must not make ECS replace every task. Readiness stays for monitoring and deploy verification.
  liveness_path  = "/actuator/health/liveness"
  readiness_path = "/actuator/health/readiness"

  cloudfront_certificate_arn = coalesce(var.cloudfront_certificate_arn, var.certificate_arn)

  tags = merge(var.tags, {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
  })
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# Encrypts data at rest (RDS, Performance Insights, Redis, S3 uploads, secrets, ECR, log groups, SNS, CloudTrail,
# backups). AWS services use it through grants of the caller; the statements below add the service principals that
# encrypt on their own behalf.
resource "aws_kms_key" "main" {
  description             = "${local.name} data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms_main.json
}

resource "aws_kms_alias" "main" {
  name          = "alias/${local.name}"
  target_key_id = aws_kms_key.main.key_id
}

data "aws_iam_policy_document" "kms_main" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncrypt"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.aws_region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${data.aws_partition.current.partition}:logs:${var.aws_region}:${data.aws_caller_identity.current.account_id}:*"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublishToEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptLogs"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:${data.aws_partition.current.partition}:cloudtrail:*:${data.aws_caller_identity.current.account_id}:trail/*"]
    }
  }
}

# The disaster-recovery region needs its own key: KMS keys never leave their region.
resource "aws_kms_key" "dr" {
  provider = aws.dr

  description             = "${local.name} backups in the disaster-recovery region"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "dr" {
  provider = aws.dr

  name          = "alias/${local.name}-dr"
  target_key_id = aws_kms_key.dr.key_id
}
