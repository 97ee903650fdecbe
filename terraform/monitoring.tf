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

# The invocation itself failed (crash, timeout, out of memory, a mapping that cannot load): Lambda's own metric, all
# versions together.
resource "aws_cloudwatch_metric_alarm" "function_errors" {
  alarm_name          = "${var.name}-function-errors"
  alarm_description   = "An Airsync invocation failed (crash, timeout, out of memory, or a mapping that cannot load). See the log group ${aws_cloudwatch_log_group.function.name}."
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

# A new failure event arrived in a queue: an asynchronous invocation failed or waited too long (failed-invocations
# queue), or the Scheduler could not hand a scheduled event to Lambda (schedule dead letters). The alarms watch
# NumberOfMessagesSent, not the queue depth: the depth stays at 1 or more until someone deletes the messages, so an
# alarm on it would stay in ALARM and never notify again. A period with new messages raises the alarm; the next
# 5-minute period without any (no data: not breaching) returns it to OK, so every later failure notifies again.
# Failures arriving in consecutive periods notify once, as one episode. Reading the messages is not needed to
# re-arm the alarm; they expire after failed_invocation_retention_seconds.
resource "aws_cloudwatch_metric_alarm" "failed_invocations" {
  alarm_name          = "${var.name}-failed-invocations"
  alarm_description   = "A new Airsync invocation event arrived in the failed-invocations queue ${aws_sqs_queue.failed_invocations.name} (the invocation failed or waited too long). Read it: aws sqs receive-message --queue-url ${aws_sqs_queue.failed_invocations.url}"
  namespace           = "AWS/SQS"
  metric_name         = "NumberOfMessagesSent"
  dimensions          = { QueueName = aws_sqs_queue.failed_invocations.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "schedule_dead_letters" {
  alarm_name          = "${var.name}-schedule-dead-letters"
  alarm_description   = "The Scheduler could not hand a scheduled Airsync event to Lambda; the event is in ${aws_sqs_queue.schedule_dead_letters.name}. Read it: aws sqs receive-message --queue-url ${aws_sqs_queue.schedule_dead_letters.url}"
  namespace           = "AWS/SQS"
  metric_name         = "NumberOfMessagesSent"
  dimensions          = { QueueName = aws_sqs_queue.schedule_dead_letters.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# Whatever the cause (schedules not firing, every run failing or partial, runs that never finish, the function not
# even starting), no run succeeded for no_succeeded_run_alarm_hours: each hour without RunsSucceeded (no data counts
# as breaching) is a bad hour, and that many bad hours in a row raise the alarm; the first succeeded run returns it
# to OK (and says so). Its actions are on only while the schedules are: with them off, no run is expected.
resource "aws_cloudwatch_metric_alarm" "no_succeeded_run" {
  alarm_name          = "${var.name}-no-succeeded-run"
  alarm_description   = "No Airsync run succeeded in the last ${var.no_succeeded_run_alarm_hours} hours. Read the latest report: s3://${aws_s3_bucket.reports.bucket}/${var.report_prefix}latest.md"
  namespace           = var.metrics_namespace
  metric_name         = "RunsSucceeded"
  dimensions          = { Function = aws_lambda_function.this.function_name }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = var.no_succeeded_run_alarm_hours
  datapoints_to_alarm = var.no_succeeded_run_alarm_hours
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  actions_enabled     = var.schedule_enabled
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
