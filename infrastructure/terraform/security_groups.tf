# The plan's security group matrix, one rule per resource so each is visible and reviewable:
#   ALB       in: 80, 443 from the internet         out: 3000 to the tasks
#   tasks     in: 3000 from the ALB only            out: everything (RDS, Redis, Stripe, SendGrid, Twilio, AWS APIs)
#   postgres  in: 5432 from the tasks only          out: none
#   redis     in: 6379 from the tasks only          out: none
#   rds proxy in: 5432 from the tasks only          out: 5432 to postgres (exists only with enable_rds_proxy)
# Terraform removes the default allow-all egress rule of every group it creates, so "out: none" holds.
# The ALB is open to the internet at layer 4 as the plan says; its WAF admits only requests that carry CloudFront's
# secret origin header (load_balancer.tf), so in practice it serves CloudFront only.

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "Application Load Balancer: HTTP and HTTPS from the internet"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-alb" }
}

resource "aws_security_group" "tasks" {
  name        = "${local.name}-tasks"
  description = "ECS tasks: the service port from the ALB only"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-tasks" }
}

resource "aws_security_group" "postgres" {
  name        = "${local.name}-postgres"
  description = "RDS PostgreSQL: 5432 from the tasks (directly or through RDS Proxy) only"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-postgres" }
}

resource "aws_security_group" "redis" {
  name        = "${local.name}-redis"
  description = "ElastiCache Redis: 6379 from the tasks only"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-redis" }
}

resource "aws_security_group" "rds_proxy" {
  name        = "${local.name}-rds-proxy"
  description = "RDS Proxy: 5432 from the tasks only"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-rds-proxy" }
}

# --- ALB -----------------------------------------------------------------------------------------------------------

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTP from the internet (redirected to HTTPS)"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  description       = "HTTPS from the internet"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  security_group_id            = aws_security_group.alb.id
  description                  = "Requests and health checks to the tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.tasks.id
}

# --- Tasks ---------------------------------------------------------------------------------------------------------

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "Service port from the ALB only"
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  referenced_security_group_id = aws_security_group.alb.id
}

resource "aws_vpc_security_group_egress_rule" "tasks_all" {
  security_group_id = aws_security_group.tasks.id
  description       = "PostgreSQL, Redis, AWS APIs and third-party APIs"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# --- PostgreSQL ----------------------------------------------------------------------------------------------------

# Flyway connects directly (DATABASE_MIGRATION_URL) because its advisory lock needs one dedicated session.
resource "aws_vpc_security_group_ingress_rule" "postgres_from_tasks" {
  security_group_id            = aws_security_group.postgres.id
  description                  = "PostgreSQL from the tasks only"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.tasks.id
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_proxy" {
  count = var.enable_rds_proxy ? 1 : 0

  security_group_id            = aws_security_group.postgres.id
  description                  = "PostgreSQL from RDS Proxy, which itself admits only the tasks"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.rds_proxy.id
}

# --- RDS Proxy -----------------------------------------------------------------------------------------------------

resource "aws_vpc_security_group_ingress_rule" "rds_proxy_from_tasks" {
  count = var.enable_rds_proxy ? 1 : 0

  security_group_id            = aws_security_group.rds_proxy.id
  description                  = "PostgreSQL protocol from the tasks only"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.tasks.id
}

resource "aws_vpc_security_group_egress_rule" "rds_proxy_to_postgres" {
  count = var.enable_rds_proxy ? 1 : 0

  security_group_id            = aws_security_group.rds_proxy.id
  description                  = "Pooled connections to PostgreSQL"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.postgres.id
}

# --- Redis ---------------------------------------------------------------------------------------------------------

resource "aws_vpc_security_group_ingress_rule" "redis_from_tasks" {
  security_group_id            = aws_security_group.redis.id
  description                  = "Redis from the tasks only"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.tasks.id
}
