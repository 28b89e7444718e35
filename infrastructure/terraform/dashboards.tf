# The plan's four CloudWatch dashboards. Error tracking lives in Sentry. The service's own business metrics are
# Prometheus metrics (/actuator/prometheus, VPC only), so the payments dashboard reads the service's structured
# logs with Logs Insights instead of CloudWatch metrics.

locals {
  alb_dimensions = ["LoadBalancer", aws_lb.main.arn_suffix]
  db_dimensions  = ["DBInstanceIdentifier", aws_db_instance.main.identifier]
}

resource "aws_cloudwatch_dashboard" "application" {
  dashboard_name = "${local.name}-application"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title = "Requests", region = var.aws_region, stat = "Sum", period = 60
          metrics = [
            concat(["AWS/ApplicationELB", "RequestCount"], local.alb_dimensions),
            concat(["AWS/ApplicationELB", "HTTPCode_Target_4XX_Count"], local.alb_dimensions),
            concat(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"], local.alb_dimensions),
            concat(["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"], local.alb_dimensions),
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title = "Response time (s)", region = var.aws_region, period = 60
          metrics = [
            concat(["AWS/ApplicationELB", "TargetResponseTime"], local.alb_dimensions, [{ stat = "p50" }]),
            concat(["AWS/ApplicationELB", "TargetResponseTime"], local.alb_dimensions, [{ stat = "p99" }]),
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title = "Service CPU and memory (%)", region = var.aws_region, stat = "Average", period = 60
          metrics = [
            ["AWS/ECS", "CPUUtilization", "ClusterName", aws_ecs_cluster.main.name, "ServiceName", aws_ecs_service.api.name],
            ["AWS/ECS", "MemoryUtilization", "ClusterName", aws_ecs_cluster.main.name, "ServiceName", aws_ecs_service.api.name],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title = "Running and healthy tasks", region = var.aws_region, stat = "Average", period = 60
          metrics = [
            ["ECS/ContainerInsights", "RunningTaskCount", "ClusterName", aws_ecs_cluster.main.name, "ServiceName", aws_ecs_service.api.name],
            ["AWS/ApplicationELB", "HealthyHostCount", "TargetGroup", aws_lb_target_group.api.arn_suffix, "LoadBalancer", aws_lb.main.arn_suffix],
          ]
        }
      },
      {
        type = "alarm", x = 0, y = 12, width = 24, height = 4
        properties = {
          title = "Alarms"
          alarms = [
            aws_cloudwatch_metric_alarm.alb_5xx_rate.arn,
            aws_cloudwatch_metric_alarm.alb_p99_latency.arn,
            aws_cloudwatch_metric_alarm.alb_unhealthy_tasks.arn,
            aws_cloudwatch_metric_alarm.ecs_cpu.arn,
          ]
        }
      },
    ]
  })
}

resource "aws_cloudwatch_dashboard" "database" {
  dashboard_name = "${local.name}-database"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title = "CPU (%) and connections", region = var.aws_region, stat = "Average", period = 60
          metrics = [
            concat(["AWS/RDS", "CPUUtilization"], local.db_dimensions),
            concat(["AWS/RDS", "DatabaseConnections"], local.db_dimensions, [{ yAxis = "right" }]),
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title = "Read and write latency (s)", region = var.aws_region, stat = "Average", period = 60
          metrics = [
            concat(["AWS/RDS", "ReadLatency"], local.db_dimensions),
            concat(["AWS/RDS", "WriteLatency"], local.db_dimensions),
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title = "Free storage and freeable memory (bytes)", region = var.aws_region, stat = "Minimum", period = 300
          metrics = [
            concat(["AWS/RDS", "FreeStorageSpace"], local.db_dimensions),
            concat(["AWS/RDS", "FreeableMemory"], local.db_dimensions),
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title = "IOPS and disk queue", region = var.aws_region, stat = "Average", period = 60
          metrics = [
            concat(["AWS/RDS", "ReadIOPS"], local.db_dimensions),
            concat(["AWS/RDS", "WriteIOPS"], local.db_dimensions),
            concat(["AWS/RDS", "DiskQueueDepth"], local.db_dimensions, [{ yAxis = "right" }]),
          ]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title = "RDS Proxy client connections", region = var.aws_region, stat = "Sum", period = 60
          metrics = [
            ["AWS/RDS", "ClientConnections", "ProxyName", local.name],
            ["AWS/RDS", "DatabaseConnectionsCurrentlySessionPinned", "ProxyName", local.name],
          ]
        }
      },
      {
        type = "alarm", x = 12, y = 12, width = 12, height = 6
        properties = {
          title = "Alarms"
          alarms = [
            aws_cloudwatch_metric_alarm.rds_cpu.arn,
            aws_cloudwatch_metric_alarm.rds_free_storage.arn,
            aws_cloudwatch_metric_alarm.rds_connections.arn,
          ]
        }
      },
    ]
  })
}

resource "aws_cloudwatch_dashboard" "infrastructure" {
  dashboard_name = "${local.name}-infrastructure"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title = "Redis CPU and memory (%)", region = var.aws_region, stat = "Maximum", period = 60
          metrics = [
            ["AWS/ElastiCache", "EngineCPUUtilization", "ReplicationGroupId", aws_elasticache_replication_group.main.id],
            ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "ReplicationGroupId", aws_elasticache_replication_group.main.id],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title = "Redis replication lag (s) and cache hits", region = var.aws_region, stat = "Maximum", period = 60
          metrics = [
            ["AWS/ElastiCache", "ReplicationLag", "ReplicationGroupId", aws_elasticache_replication_group.main.id],
            ["AWS/ElastiCache", "CacheHitRate", "ReplicationGroupId", aws_elasticache_replication_group.main.id, { yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title = "CloudFront requests and error rate (%)", region = "us-east-1", period = 300
          metrics = [
            ["AWS/CloudFront", "Requests", "Region", "Global", "DistributionId", aws_cloudfront_distribution.main.id, { stat = "Sum" }],
            ["AWS/CloudFront", "5xxErrorRate", "Region", "Global", "DistributionId", aws_cloudfront_distribution.main.id, { stat = "Average", yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title = "WAF blocked requests", region = "us-east-1", stat = "Sum", period = 300
          metrics = [
            ["AWS/WAFV2", "BlockedRequests", "WebACL", aws_wafv2_web_acl.cloudfront.name, "Rule", "ALL"],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 24, height = 6
        properties = {
          title   = "NAT gateway traffic (bytes)", region = var.aws_region, stat = "Sum", period = 300
          metrics = [for nat in aws_nat_gateway.main : ["AWS/NATGateway", "BytesOutToDestination", "NatGatewayId", nat.id]]
        }
      },
    ]
  })
}

resource "aws_cloudwatch_dashboard" "payments" {
  dashboard_name = "${local.name}-payments"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "log", x = 0, y = 0, width = 24, height = 6
        properties = {
          title  = "Payment and escrow log lines per 5 minutes, by level"
          region = var.aws_region
          view   = "timeSeries"
          query  = "SOURCE '${aws_cloudwatch_log_group.api.name}' | filter @message like /(?i)(stripe|escrow|payment|payout|refund)/ | stats count(*) by bin(5m), `log.level`"
        }
      },
      {
        type = "log", x = 0, y = 6, width = 24, height = 8
        properties = {
          title  = "Latest payment errors"
          region = var.aws_region
          view   = "table"
          query  = "SOURCE '${aws_cloudwatch_log_group.api.name}' | filter `log.level` = 'ERROR' and @message like /(?i)(stripe|escrow|payment|payout|refund)/ | fields @timestamp, `log.logger`, message | sort @timestamp desc | limit 50"
        }
      },
      {
        type = "log", x = 0, y = 14, width = 24, height = 6
        properties = {
          title  = "Stripe webhook requests"
          region = var.aws_region
          view   = "timeSeries"
          query  = "SOURCE '${aws_cloudwatch_log_group.api.name}' | filter @message like /(?i)webhook/ | stats count(*) by bin(5m)"
        }
      },
    ]
  })
}
