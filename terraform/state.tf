# Airsync's run state: per table the Airtable record ID and value hashes of every synced document, the checkpoint
# of a run that ran out of time, and the single-flight lock. Items that carry "expiresAt" (epoch seconds) are
# removed by DynamoDB after that time; items without it are kept.
resource "aws_dynamodb_table" "state" {
  name         = var.state_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  point_in_time_recovery {
    enabled = true
  }

  # Always encrypted at rest: enabled = false means the AWS owned key, true the customer managed kms_key_arn.
  server_side_encryption {
    enabled     = var.kms_key_arn != null
    kms_key_arn = var.kms_key_arn
  }

  deletion_protection_enabled = var.state_table_deletion_protection
}
