# EventBridge Scheduler starts the runs. It invokes the "live" alias asynchronously (Lambda queues the event while
# a run is still going; see the event invoke config in function.tf). The payload leaves out "tables": all tables.

locals {
  schedule_timezone = coalesce(var.schedule_timezone, var.time_zone)

  # The handler's payload: {"tables": [...], "dryRun": bool, "reconcile": bool}; "source" only names the caller.
  schedule_inputs = {
    sync      = { source = "airsync.schedule", dryRun = false, reconcile = false }
    reconcile = { source = "airsync.schedule", dryRun = false, reconcile = true }
  }
}

resource "aws_scheduler_schedule" "sync" {
  name                         = "${var.name}-sync"
  description                  = "Airsync: sync every table"
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = local.schedule_timezone
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode(local.schedule_inputs.sync)

    retry_policy {
      maximum_retry_attempts       = var.schedule_max_retry_attempts
      maximum_event_age_in_seconds = var.schedule_max_event_age_seconds
    }

    # An event the Scheduler could not hand to Lambda (after its retries) is kept here, and alarmed on.
    dead_letter_config {
      arn = aws_sqs_queue.schedule_dead_letters.arn
    }
  }
}

resource "aws_scheduler_schedule" "reconcile" {
  count = var.reconcile_schedule_expression == null ? 0 : 1

  name                         = "${var.name}-reconcile"
  description                  = "Airsync: sync every table and reconcile with what Airtable holds"
  schedule_expression          = var.reconcile_schedule_expression
  schedule_expression_timezone = local.schedule_timezone
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode(local.schedule_inputs.reconcile)

    retry_policy {
      maximum_retry_attempts       = var.schedule_max_retry_attempts
      maximum_event_age_in_seconds = var.schedule_max_event_age_seconds
    }

    # An event the Scheduler could not hand to Lambda (after its retries) is kept here, and alarmed on.
    dead_letter_config {
      arn = aws_sqs_queue.schedule_dead_letters.arn
    }
  }
}

data "aws_iam_policy_document" "scheduler_assume" {
  statement {
    sid     = "SchedulerAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    # Only schedules of this account may use the role.
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name}-scheduler"
  description        = "Lets the Airsync schedules invoke the function, and nothing else"
  assume_role_policy = data.aws_iam_policy_document.scheduler_assume.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeAirsync"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_alias.live.arn]
  }

  # The Scheduler delivers dead-letter events with the schedule's execution role.
  statement {
    sid       = "ScheduleDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.schedule_dead_letters.arn]
  }
}

# Scheduled events the Scheduler could not deliver to the function (the function or alias missing, the role
# refused, Lambda throttling the hand-over for longer than schedule_max_event_age_seconds). Events Lambda accepted
# and that then failed go to the failed-invocations queue instead (function.tf).
resource "aws_sqs_queue" "schedule_dead_letters" {
  name                      = "${var.name}-schedule-dead-letters"
  message_retention_seconds = var.failed_invocation_retention_seconds
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "schedule_dead_letters_queue" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.schedule_dead_letters.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "schedule_dead_letters" {
  queue_url = aws_sqs_queue.schedule_dead_letters.id
  policy    = data.aws_iam_policy_document.schedule_dead_letters_queue.json
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-airsync"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
