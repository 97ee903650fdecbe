# The two credentials Airsync needs. Terraform creates the secrets but never their values: no
# aws_secretsmanager_secret_version here, so neither value is ever in Terraform state or plan output. Set them
# once after `terraform apply` (see the put_*_secret_command outputs and README.md).

resource "aws_secretsmanager_secret" "airtable_token" {
  name                    = "${var.name}/airtable-token"
  description             = "Airtable personal access token for Airsync (scopes: data.records:read, data.records:write, schema.bases:read on the one base)"
  recovery_window_in_days = var.secret_recovery_window_days
  kms_key_id              = var.kms_key_arn
}

resource "aws_secretsmanager_secret" "mongodb_uri" {
  name                    = "${var.name}/mongodb-uri"
  description             = "MongoDB connection string for Airsync (mongodb+srv://... with TLS; a read-only user is enough)"
  recovery_window_in_days = var.secret_recovery_window_days
  kms_key_id              = var.kms_key_arn
}
