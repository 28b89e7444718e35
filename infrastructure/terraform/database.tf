# RDS PostgreSQL 17, Multi-AZ. The plan named 14.7, a minor RDS no longer offers, of a major past its community end
# of life; 17 is supported until 2029 and is the major the development database and CI run (README.md).

resource "aws_db_subnet_group" "main" {
  name       = local.name
  subnet_ids = aws_subnet.database[*].id
}

# The plan's tuning (performance_tuning.sql gives the same values for a self-managed 32 GB server). Memory settings are
# formulas over DBInstanceClassMemory (bytes), so they follow the instance class when it changes:
#   shared_buffers        25% of memory, in 8 kB pages:  memory / 8192 / 4
#   effective_cache_size  75% of memory, in 8 kB pages:  memory * 3 / 32768
#   work_mem              memory / 512, in kB  (64 MB at 32 GiB; the plan's 60 MB)
#   maintenance_work_mem  memory / 32, in kB   (1 GB at 32 GiB)
# Static parameters only take effect after a reboot, hence apply_method = "pending-reboot".
resource "aws_db_parameter_group" "postgres" {
  name        = "${local.name}-postgres${split(".", var.db_engine_version)[0]}"
  family      = "postgres${split(".", var.db_engine_version)[0]}"
  description = "FairTradeWorker tuning (Week 3-4 plan)"

  parameter {
    name         = "shared_buffers"
    value        = "{DBInstanceClassMemory/32768}"
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "effective_cache_size"
    value = "{DBInstanceClassMemory*3/32768}"
  }

  parameter {
    name  = "work_mem"
    value = "{DBInstanceClassMemory/524288}"
  }

  parameter {
    name  = "maintenance_work_mem"
    value = "{DBInstanceClassMemory/32768}"
  }

  parameter {
    name         = "max_connections"
    value        = tostring(var.db_max_connections)
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "max_parallel_workers_per_gather"
    value = tostring(var.db_max_parallel_workers_per_gather)
  }

  parameter {
    name  = "max_parallel_workers"
    value = tostring(var.db_max_parallel_workers)
  }

  parameter {
    name  = "parallel_tuple_cost"
    value = "0.01"
  }

  parameter {
    name  = "parallel_setup_cost"
    value = "250"
  }

  # SSD storage: random reads cost little more than sequential ones.
  parameter {
    name  = "random_page_cost"
    value = "1.1"
  }

  parameter {
    name  = "autovacuum_naptime"
    value = "10"
  }

  # The plan's autovacuum_vacuum_threshold of 50000 would let small, hot tables (due timers, escrow accounts) pile up
  # tens of thousands of dead rows before a vacuum; the default threshold (50) with a 5% scale factor vacuums
  # large tables earlier than the default 20% without starving small ones.
  parameter {
    name  = "autovacuum_vacuum_threshold"
    value = "50"
  }

  parameter {
    name  = "autovacuum_vacuum_scale_factor"
    value = "0.05"
  }

  parameter {
    name  = "autovacuum_analyze_scale_factor"
    value = "0.05"
  }

  parameter {
    name         = "shared_preload_libraries"
    value        = "pg_stat_statements"
    apply_method = "pending-reboot"
  }

  parameter {
    name         = "pg_stat_statements.max"
    value        = "10000"
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "track_io_timing"
    value = "1"
  }

  # Slow statements (over 500 ms) reach the postgresql log export in CloudWatch.
  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "main" {
  identifier     = local.name
  engine         = "postgres"
  engine_version = var.db_engine_version
  instance_class = var.db_instance_class

  db_name                       = var.db_name
  username                      = var.db_master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.main.arn
  port                          = 5432

  storage_type          = "gp3"
  allocated_storage     = var.db_allocated_storage
  max_allocated_storage = var.db_max_allocated_storage
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.main.arn

  multi_az               = true
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.postgres.id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.postgres.name
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  backup_retention_period   = var.db_backup_retention_days
  backup_window             = var.db_backup_window
  maintenance_window        = var.db_maintenance_window
  copy_tags_to_snapshot     = true
  delete_automated_backups  = false
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${local.name}-final"

  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false

  # Disaster recovery only: a new stack in the recovery region starts from the replicated automated backups
  # (docs/deployment.md, "Region outage"). Null for a normal deployment.
  dynamic "restore_to_point_in_time" {
    for_each = var.db_restore_from_automated_backups_arn == null ? [] : [var.db_restore_from_automated_backups_arn]

    content {
      source_db_instance_automated_backups_arn = restore_to_point_in_time.value
      use_latest_restorable_time               = true
    }
  }

  monitoring_interval                   = var.db_monitoring_interval
  monitoring_role_arn                   = aws_iam_role.rds_monitoring.arn
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.main.arn
  performance_insights_retention_period = var.db_performance_insights_retention_days
  enabled_cloudwatch_logs_exports       = ["postgresql", "upgrade"]
}

resource "aws_iam_role" "rds_monitoring" {
  name               = "${local.name}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.rds_monitoring_assume.json
}

data "aws_iam_policy_document" "rds_monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy_attachment" "rds_monitoring" {
  role       = aws_iam_role.rds_monitoring.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

# Point-in-time recovery in the disaster-recovery region: transaction logs are copied continuously, so a regional
# outage loses minutes of data, not the day since the last snapshot copy.
resource "aws_db_instance_automated_backups_replication" "dr" {
  count    = var.enable_rds_backup_replication ? 1 : 0
  provider = aws.dr

  source_db_instance_arn = aws_db_instance.main.arn
  kms_key_id             = aws_kms_key.dr.arn
  retention_period       = var.db_backup_retention_days
}

# --- RDS Proxy (connection pooling) --------------------------------------------------------------------------------
# The runtime role connects through the proxy (DATABASE_URL). Sessions that hold session state (named prepared
# statements, advisory locks) are pinned to one database connection: correct, just not multiplexed.

resource "aws_db_proxy" "main" {
  count = var.enable_rds_proxy ? 1 : 0

  name                   = local.name
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.rds_proxy[0].arn
  vpc_subnet_ids         = aws_subnet.private[*].id
  vpc_security_group_ids = [aws_security_group.rds_proxy.id]
  require_tls            = true
  idle_client_timeout    = 1800

  auth {
    auth_scheme               = "SECRETS"
    client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
    iam_auth                  = "DISABLED"
    secret_arn                = aws_secretsmanager_secret.db_runtime_credentials.arn
    description               = "Runtime role of the service"
  }
}

resource "aws_db_proxy_default_target_group" "main" {
  count = var.enable_rds_proxy ? 1 : 0

  db_proxy_name = aws_db_proxy.main[0].name

  connection_pool_config {
    max_connections_percent      = 75
    max_idle_connections_percent = 25
    connection_borrow_timeout    = 30
  }
}

resource "aws_db_proxy_target" "main" {
  count = var.enable_rds_proxy ? 1 : 0

  db_proxy_name          = aws_db_proxy.main[0].name
  target_group_name      = aws_db_proxy_default_target_group.main[0].name
  db_instance_identifier = aws_db_instance.main.identifier
}

resource "aws_iam_role" "rds_proxy" {
  count = var.enable_rds_proxy ? 1 : 0

  name               = "${local.name}-rds-proxy"
  assume_role_policy = data.aws_iam_policy_document.rds_proxy_assume.json
}

data "aws_iam_policy_document" "rds_proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "rds_proxy" {
  count = var.enable_rds_proxy ? 1 : 0

  name   = "read-runtime-credentials"
  role   = aws_iam_role.rds_proxy[0].id
  policy = data.aws_iam_policy_document.rds_proxy.json
}

data "aws_iam_policy_document" "rds_proxy" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.db_runtime_credentials.arn]
  }

  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.main.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.aws_region}.amazonaws.com"]
    }
  }
}
