# Three tiers in each of three availability zones:
#   public   - ALB and NAT gateways, routed to the internet gateway
#   private  - ECS tasks and RDS Proxy, routed out through the NAT gateway of their own zone
#   database - RDS and ElastiCache, no route out of the VPC at all

resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = local.name }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = { Name = local.name }
}

resource "aws_subnet" "public" {
  count = length(var.availability_zones)

  vpc_id            = aws_vpc.main.id
  availability_zone = var.availability_zones[count.index]
  cidr_block        = var.public_subnet_cidrs[count.index]

  tags = { Name = "${local.name}-public-${var.availability_zones[count.index]}", Tier = "public" }
}

resource "aws_subnet" "private" {
  count = length(var.availability_zones)

  vpc_id            = aws_vpc.main.id
  availability_zone = var.availability_zones[count.index]
  cidr_block        = var.private_subnet_cidrs[count.index]

  tags = { Name = "${local.name}-private-${var.availability_zones[count.index]}", Tier = "private" }
}

resource "aws_subnet" "database" {
  count = length(var.availability_zones)

  vpc_id            = aws_vpc.main.id
  availability_zone = var.availability_zones[count.index]
  cidr_block        = var.database_subnet_cidrs[count.index]

  tags = { Name = "${local.name}-database-${var.availability_zones[count.index]}", Tier = "database" }
}

# One NAT gateway per zone: losing a zone does not cut the other zones' tasks off from Stripe, SendGrid or Twilio.
resource "aws_eip" "nat" {
  count = length(var.availability_zones)

  domain = "vpc"

  tags = { Name = "${local.name}-nat-${var.availability_zones[count.index]}" }
}

resource "aws_nat_gateway" "main" {
  count = length(var.availability_zones)

  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = aws_subnet.public[count.index].id

  tags = { Name = "${local.name}-${var.availability_zones[count.index]}" }

  depends_on = [aws_internet_gateway.main]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = { Name = "${local.name}-public" }
}

resource "aws_route_table_association" "public" {
  count = length(var.availability_zones)

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  count = length(var.availability_zones)

  vpc_id = aws_vpc.main.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.main[count.index].id
  }

  tags = { Name = "${local.name}-private-${var.availability_zones[count.index]}" }
}

resource "aws_route_table_association" "private" {
  count = length(var.availability_zones)

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# Only the implicit local route: the data tier cannot reach, or be reached from, outside the VPC.
resource "aws_route_table" "database" {
  vpc_id = aws_vpc.main.id

  tags = { Name = "${local.name}-database" }
}

resource "aws_route_table_association" "database" {
  count = length(var.availability_zones)

  subnet_id      = aws_subnet.database[count.index].id
  route_table_id = aws_route_table.database.id
}

# S3 traffic (uploads, ECR image layers) skips the NAT gateways: free, and cheaper per gigabyte.
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.${var.aws_region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id

  tags = { Name = "${local.name}-s3" }
}

# --- Flow logs -----------------------------------------------------------------------------------------------------

resource "aws_flow_log" "vpc" {
  vpc_id                   = aws_vpc.main.id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  log_destination          = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn             = aws_iam_role.flow_logs.arn
  max_aggregation_interval = 60
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "/vpc/${local.name}/flow-logs"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_iam_role" "flow_logs" {
  name               = "${local.name}-flow-logs"
  assume_role_policy = data.aws_iam_policy_document.flow_logs_assume.json
}

data "aws_iam_policy_document" "flow_logs_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role_policy" "flow_logs" {
  name   = "write-flow-logs"
  role   = aws_iam_role.flow_logs.id
  policy = data.aws_iam_policy_document.flow_logs.json
}

data "aws_iam_policy_document" "flow_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = ["${aws_cloudwatch_log_group.flow_logs.arn}:*"]
  }
}

# --- Network ACL of the database subnets ---------------------------------------------------------------------------
# A second wall behind the security groups: the data tier accepts PostgreSQL and Redis from the private (application)
# subnets only, answers them on ephemeral ports, and talks freely among its own subnets (Multi-AZ replication).

resource "aws_network_acl" "database" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = aws_subnet.database[*].id

  tags = { Name = "${local.name}-database" }
}

resource "aws_network_acl_rule" "database_in_postgres" {
  count = length(var.private_subnet_cidrs)

  network_acl_id = aws_network_acl.database.id
  egress         = false
  rule_number    = 100 + count.index
  rule_action    = "allow"
  protocol       = "tcp"
  cidr_block     = var.private_subnet_cidrs[count.index]
  from_port      = 5432
  to_port        = 5432
}

resource "aws_network_acl_rule" "database_in_redis" {
  count = length(var.private_subnet_cidrs)

  network_acl_id = aws_network_acl.database.id
  egress         = false
  rule_number    = 110 + count.index
  rule_action    = "allow"
  protocol       = "tcp"
  cidr_block     = var.private_subnet_cidrs[count.index]
  from_port      = 6379
  to_port        = 6379
}

resource "aws_network_acl_rule" "database_in_own_tier" {
  count = length(var.database_subnet_cidrs)

  network_acl_id = aws_network_acl.database.id
  egress         = false
  rule_number    = 120 + count.index
  rule_action    = "allow"
  protocol       = "-1"
  cidr_block     = var.database_subnet_cidrs[count.index]
}

resource "aws_network_acl_rule" "database_out_replies" {
  count = length(var.private_subnet_cidrs)

  network_acl_id = aws_network_acl.database.id
  egress         = true
  rule_number    = 100 + count.index
  rule_action    = "allow"
  protocol       = "tcp"
  cidr_block     = var.private_subnet_cidrs[count.index]
  from_port      = 1024
  to_port        = 65535
}

resource "aws_network_acl_rule" "database_out_own_tier" {
  count = length(var.database_subnet_cidrs)

  network_acl_id = aws_network_acl.database.id
  egress         = true
  rule_number    = 120 + count.index
  rule_action    = "allow"
  protocol       = "-1"
  cidr_block     = var.database_subnet_cidrs[count.index]
}
