locals {
  region = data.aws_region.current.name
}

output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "ARN of the Lambda function (unqualified)."
  value       = aws_lambda_function.this.arn
}

output "function_alias_arn" {
  description = "ARN of the \"live\" alias: the version last deployed, which the schedules invoke."
  value       = aws_lambda_alias.live.arn
}

output "function_version" {
  description = "The version published by the last apply (the \"live\" alias points at it)."
  value       = aws_lambda_function.this.version
}

output "state_table_name" {
  description = "DynamoDB table holding record IDs, hashes, the checkpoint and the lock."
  value       = aws_dynamodb_table.state.name
}

output "report_bucket_name" {
  description = "S3 bucket holding the reports (and the uploaded function zip)."
  value       = aws_s3_bucket.reports.bucket
}

output "latest_report_uri" {
  description = "Where the newest report is (latest.json lies beside it)."
  value       = "s3://${aws_s3_bucket.reports.bucket}/${var.report_prefix}latest.md"
}

output "airtable_token_secret_arn" {
  description = "Secret to put the Airtable personal access token in."
  value       = aws_secretsmanager_secret.airtable_token.arn
}

output "mongodb_uri_secret_arn" {
  description = "Secret to put the MongoDB connection string in."
  value       = aws_secretsmanager_secret.mongodb_uri.arn
}

output "schedule_name" {
  description = "The EventBridge Scheduler schedule that starts the sync."
  value       = aws_scheduler_schedule.sync.name
}

output "reconcile_schedule_name" {
  description = "The reconcile schedule, or null when reconcile_schedule_expression is null."
  value       = one(aws_scheduler_schedule.reconcile[*].name)
}

output "alarm_topic_arn" {
  description = "SNS topic the alarms publish to; subscribe more endpoints to it as needed."
  value       = aws_sns_topic.alarms.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.function.name
}

output "failed_invocations_queue_url" {
  description = "SQS queue receiving asynchronous invocations that failed or expired."
  value       = aws_sqs_queue.failed_invocations.url
}

output "schedule_dead_letters_queue_url" {
  description = "SQS queue receiving scheduled events the Scheduler could not hand to the function."
  value       = aws_sqs_queue.schedule_dead_letters.url
}

output "put_airtable_token_command" {
  description = "Stores the Airtable token (asked for without echo, kept out of shell history and Terraform state)."
  value       = "read -rsp 'Airtable token: ' AIRTABLE_TOKEN && echo && aws secretsmanager put-secret-value --region ${local.region} --secret-id ${aws_secretsmanager_secret.airtable_token.arn} --secret-string \"$AIRTABLE_TOKEN\" && unset AIRTABLE_TOKEN"
}

output "put_mongodb_uri_command" {
  description = "Stores the MongoDB connection string (asked for without echo, kept out of shell history and Terraform state)."
  value       = "read -rsp 'MongoDB URI: ' MONGODB_URI && echo && aws secretsmanager put-secret-value --region ${local.region} --secret-id ${aws_secretsmanager_secret.mongodb_uri.arn} --secret-string \"$MONGODB_URI\" && unset MONGODB_URI"
}

output "invoke_dry_run_command" {
  description = "Runs a dry run now and prints its summary (nothing is written to Airtable)."
  value       = "aws lambda invoke --region ${local.region} --function-name ${aws_lambda_function.this.function_name} --qualifier ${aws_lambda_alias.live.name} --cli-binary-format raw-in-base64-out --cli-read-timeout 0 --payload '{\"dryRun\":true}' response.json && cat response.json"
}

output "invoke_command" {
  description = "Runs a real sync of every table now and prints its summary."
  value       = "aws lambda invoke --region ${local.region} --function-name ${aws_lambda_function.this.function_name} --qualifier ${aws_lambda_alias.live.name} --cli-binary-format raw-in-base64-out --cli-read-timeout 0 --payload '{\"dryRun\":false}' response.json && cat response.json"
}

output "latest_report_command" {
  description = "Prints the newest report."
  value       = "aws s3 cp --region ${local.region} s3://${aws_s3_bucket.reports.bucket}/${var.report_prefix}latest.md -"
}

output "tail_logs_command" {
  description = "Follows the function's logs."
  value       = "aws logs tail --region ${local.region} ${aws_cloudwatch_log_group.function.name} --follow"
}
