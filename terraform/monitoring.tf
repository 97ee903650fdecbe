# Logs, alarms and where the alarms go.

resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

# Not KMS-encrypted: CloudWatch alarms cannot publish to a topic under the AWS managed SNS key, and alarm messages
# carry no data beyond metric names and counts.
resource "aws_sns_topic" "alarms" {
  name = "${var.name}-alarms"
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# The invocation itself failed (crash, timeout, out of memory): Lambda's own metric, all versions together.
resource "aws_cloudwatch_metric_alarm" "function_errors" {
  alarm_name          = "${var.name}-function-errors"
  alarm_description   = "An Airsync invocation failed (crash, timeout or out of memory). See the log group ${aws_cloudwatch_log_group.function.name}."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# The run ended but did not succeed: Airsync prints RunsNotSucceeded = 1 (Embedded Metric Format, dimension
# Function) for a partial or failed run. The report in S3 says which records and why.
resource "aws_cloudwatch_metric_alarm" "runs_not_succeeded" {
  alarm_name          = "${var.name}-runs-not-succeeded"
  alarm_description   = "An Airsync run was partial or failed. Read the latest report: s3://${aws_s3_bucket.reports.bucket}/${var.report_prefix}latest.md"
  namespace           = var.metrics_namespace
  metric_name         = "RunsNotSucceeded"
  dimensions          = { Function = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# The Airtable plan's limits stopped work: a table not started because its requests would pass the monthly request
# budget, creates refused past the records-per-base cap, or the month's API calls spent (429
# PUBLIC_API_BILLING_LIMIT_EXCEEDED). Airsync prints AirtablePlanLimitHit = 1 for such a run; the report gives figures.
resource "aws_cloudwatch_metric_alarm" "airtable_plan_limit" {
  alarm_name          = "${var.name}-airtable-plan-limit"
  alarm_description   = "Airsync hit the Airtable plan's monthly request budget or records-per-base cap. Read the latest report: s3://${aws_s3_bucket.reports.bucket}/${var.report_prefix}latest.md"
  namespace           = var.metrics_namespace
  metric_name         = "AirtablePlanLimitHit"
  dimensions          = { Function = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# An asynchronous invocation failed or waited too long for the busy function: its event is in the queue.
resource "aws_cloudwatch_metric_alarm" "failed_invocations" {
  alarm_name          = "${var.name}-failed-invocations"
  alarm_description   = "An Airsync invocation event is in the failed-invocations queue ${aws_sqs_queue.failed_invocations.name}."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.failed_invocations.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}
