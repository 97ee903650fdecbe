terraform {
  # Validated with 1.11. The module itself needs 1.3 (startswith/endswith); `terraform test` with the mocked
  # provider in tests/ needs 1.7.
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Written and validated against 5.100 (the last 5.x); 6.x changed several resource schemas.
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge({ Application = "airsync", ManagedBy = "terraform" }, var.tags)
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}
