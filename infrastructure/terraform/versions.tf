terraform {
  # 1.10 brings S3-native state locking (use_lockfile), so no DynamoDB lock table is needed.
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.6"
    }
  }

  # Partial configuration: bucket, key and region come from backend.hcl (see README.md),
  # so the same code can be planned against another account without editing it.
  backend "s3" {}
}
