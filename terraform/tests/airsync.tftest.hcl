# `terraform test` against a mocked AWS provider: nothing is created and no AWS credentials are needed, but every
# expression, condition and validation of the module is evaluated. Run from terraform/:
#   terraform init -backend=false && terraform test

mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  # The provider still validates ARNs, so every ARN the module passes on must look like one.
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/airsync" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn           = "arn:aws:lambda:eu-west-1:123456789012:function:airsync"
      qualified_arn = "arn:aws:lambda:eu-west-1:123456789012:function:airsync:1"
      version       = "1"
    }
  }
  mock_resource "aws_lambda_alias" {
    defaults = { arn = "arn:aws:lambda:eu-west-1:123456789012:function:airsync:live" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/airsync-mock" }
  }
  mock_resource "aws_sns_topic" {
    defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:airsync-alarms" }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:eu-west-1:123456789012:airsync-failed-invocations"
      url = "https://sqs.eu-west-1.amazonaws.com/123456789012/airsync-failed-invocations"
    }
  }
  mock_resource "aws_secretsmanager_secret" {
    defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:airsync/mock-AbCdEf" }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = { arn = "arn:aws:dynamodb:eu-west-1:123456789012:table/airsync-state" }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::airsync-test-reports" }
  }
}

# Both queues would otherwise get the mock's one default ARN; this tells them apart.
override_resource {
  target = aws_sqs_queue.schedule_dead_letters
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:airsync-schedule-dead-letters"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/airsync-schedule-dead-letters"
  }
}

variables {
  aws_region         = "eu-west-1"
  airtable_base_id   = "appA1Qak1T4cGoiP7"
  report_bucket_name = "airsync-test-reports"
  # What `./mvnw package` writes (target/function-jvm.zip and its manifest function-jvm.json), in miniature.
  package_path = "tests/fixtures/jvm/function-jvm.zip"
}

# The default is the JVM runtime: java21, SnapStart on the version every apply publishes, the "live" alias on that
# version, and the schedules invoking the alias. Known at plan time, before anything exists.
run "jvm_by_default_plan" {
  command = plan

  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
    error_message = "the default runtime is java21 with Quarkus' stream handler"
  }
  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 1 && aws_lambda_function.this.snap_start[0].apply_on == "PublishedVersions"
    error_message = "SnapStart on published versions by default"
  }
  assert {
    condition     = aws_lambda_function.this.publish
    error_message = "every apply publishes a version (SnapStart applies to published versions only)"
  }
  assert {
    condition     = aws_lambda_alias.live.name == "live"
    error_message = "the live alias (the schedules invoke it; the apply run below checks it follows the published version)"
  }
  assert {
    condition     = aws_s3_object.package.source == "./tests/fixtures/jvm/function-jvm.zip" && aws_s3_object.package.source_hash == filemd5("tests/fixtures/jvm/function-jvm.zip")
    error_message = "the JVM zip is uploaded"
  }
}

# A native package with runtime = "native": provided.al2023, no SnapStart, DISABLE_SIGNAL_HANDLERS.
run "native_with_a_native_package" {
  command = apply

  variables {
    runtime      = "native"
    package_path = "tests/fixtures/native/function-native.zip"
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && aws_lambda_function.this.handler == "not.used.in.provided.runtime"
    error_message = "native runs on provided.al2023"
  }
  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 0
    error_message = "no SnapStart for native"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["DISABLE_SIGNAL_HANDLERS"] == "true"
    error_message = "native needs DISABLE_SIGNAL_HANDLERS=true"
  }
}

# The package kind guard, both ways: the manifest beside the zip says what the build made.
run "native_runtime_refuses_a_jvm_package" {
  command = plan

  variables {
    runtime      = "native"
    package_path = "tests/fixtures/jvm/function-jvm.zip"
  }

  expect_failures = [aws_s3_object.package]
}

run "jvm_runtime_refuses_a_native_package" {
  command = plan

  variables {
    runtime      = "jvm"
    package_path = "tests/fixtures/native/function-native.zip"
  }

  expect_failures = [aws_s3_object.package]
}

run "a_zip_its_manifest_does_not_describe_is_refused" {
  command = plan

  variables {
    package_path = "tests/fixtures/stale/function-jvm.zip"
  }

  expect_failures = [aws_s3_object.package]
}

run "a_native_package_built_for_another_architecture_is_refused" {
  command = plan

  variables {
    runtime      = "native"
    architecture = "arm64"
    package_path = "tests/fixtures/native/function-native.zip"
  }

  expect_failures = [aws_s3_object.package]
}

run "a_package_without_its_manifest_is_refused" {
  command = plan

  variables {
    package_path = "tests/fixtures/unlabelled/function-jvm.zip"
  }

  expect_failures = [aws_s3_object.package]
}

run "a_missing_package_is_refused" {
  command = plan

  variables {
    runtime      = "native"
    package_path = "tests/fixtures/native/no-such-function.zip"
  }

  expect_failures = [aws_s3_object.package]
}

run "every_default_applied" {
  command = apply

  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && length(aws_lambda_function.this.snap_start) == 1
    error_message = "JVM with SnapStart by default"
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "DISABLE_SIGNAL_HANDLERS")
    error_message = "DISABLE_SIGNAL_HANDLERS is for native only"
  }
  assert {
    condition     = aws_scheduler_schedule.sync.target[0].arn == aws_lambda_alias.live.arn && aws_lambda_alias.live.function_version == aws_lambda_function.this.version
    error_message = "the schedule invokes the live alias, which points at the published version"
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "AIRSYNC_MAPPING_LOCATION")
    error_message = "no mapping_location: the variable is left out, so the built-in mapping applies"
  }
  assert {
    condition = aws_lambda_function.this.environment[0].variables == tomap({
      AIRSYNC_AIRTABLE_BASE_ID             = "appA1Qak1T4cGoiP7"
      AIRSYNC_AIRTABLE_TOKEN_SECRET        = aws_secretsmanager_secret.airtable_token.arn
      AIRSYNC_AIRTABLE_REQUESTS_PER_SECOND = "5"
      AIRSYNC_AIRTABLE_PLAN                = ""
      AIRSYNC_MONGODB_URI_SECRET           = aws_secretsmanager_secret.mongodb_uri.arn
      AIRSYNC_MONGODB_DATABASE             = "airsync"
      AIRSYNC_STATE_TABLE                  = "airsync-state"
      AIRSYNC_REPORT_BUCKET                = "airsync-test-reports"
      AIRSYNC_REPORT_PREFIX                = "reports/"
      AIRSYNC_TIME_ZONE                    = "UTC"
      AIRSYNC_RUN_TIME_MARGIN              = "60S"
      AIRSYNC_RUN_SELF_CONTINUE            = "false"
      AIRSYNC_METRICS_NAMESPACE            = "Airsync"
    })
    error_message = "the environment holds exactly the defaults"
  }
  assert {
    condition     = aws_lambda_function.this.timeout == 900 && aws_lambda_function.this.memory_size == 512 && aws_lambda_function.this.reserved_concurrent_executions == 1
    error_message = "timeout 900 s, 512 MB, one at a time"
  }
  assert {
    condition     = aws_s3_object.package.key == "lambda-package/airsync.zip" && aws_lambda_function.this.s3_key == "lambda-package/airsync.zip"
    error_message = "the zip goes through S3"
  }
  assert {
    condition     = length([for s in data.aws_iam_policy_document.function.statement : s if s.sid == "SelfContinue"]) == 0
    error_message = "no self-invoke permission unless self_continue"
  }
  assert {
    condition     = length([for s in data.aws_iam_policy_document.function.statement : s if s.sid == "MappingObject" || s.sid == "KmsThroughAirsyncServices"]) == 0
    error_message = "no mapping or KMS statements by default"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.function.statement : s if s.sid == "OwnLogGroup"]).resources == toset(["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/airsync:*"])
    error_message = "logs only to its own group"
  }
  assert {
    condition     = length(aws_scheduler_schedule.reconcile) == 0 && output.reconcile_schedule_name == null
    error_message = "no reconcile schedule by default"
  }
  assert {
    condition     = jsondecode(aws_scheduler_schedule.sync.target[0].input) == { source = "airsync.schedule", dryRun = false, reconcile = false }
    error_message = "the schedule payload syncs every table"
  }
  assert {
    condition     = aws_scheduler_schedule.sync.schedule_expression_timezone == "UTC" && aws_scheduler_schedule.sync.state == "ENABLED"
    error_message = "schedule time zone defaults to time_zone; enabled by default"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.reports.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256"
    error_message = "AES256 without a KMS key"
  }
  assert {
    condition     = aws_dynamodb_table.state.server_side_encryption[0].enabled == false
    error_message = "AWS owned key without a KMS key"
  }
  assert {
    condition     = length(aws_sns_topic_subscription.alarm_email) == 0
    error_message = "no e-mail subscription without alarm_email"
  }
  assert {
    condition     = startswith(output.put_airtable_token_command, "read -rsp") && strcontains(output.invoke_dry_run_command, "--payload '{\"dryRun\":true}'")
    error_message = "ready-to-paste commands"
  }
}


# Every failure is seen: a new failure event notifies each time, a missing success is a breach, scheduled events
# the Scheduler could not deliver land in a dead-letter queue with its own alarm.
run "alarms_and_dead_letters" {
  command = apply

  variables {
    no_succeeded_run_alarm_hours = 6
  }

  assert {
    condition     = alltrue([for s in aws_scheduler_schedule.sync.target : s.dead_letter_config[0].arn == aws_sqs_queue.schedule_dead_letters.arn])
    error_message = "the sync schedule's target has the dead-letter queue"
  }
  assert {
    condition     = aws_sqs_queue.schedule_dead_letters.arn != aws_sqs_queue.failed_invocations.arn && aws_cloudwatch_metric_alarm.failed_invocations.dimensions.QueueName == "airsync-failed-invocations"
    error_message = "two queues: scheduled events not delivered, and invocations that failed"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.scheduler.statement : s if s.sid == "ScheduleDeadLetters"]).resources == toset([aws_sqs_queue.schedule_dead_letters.arn]) && one([for s in data.aws_iam_policy_document.scheduler.statement : s if s.sid == "ScheduleDeadLetters"]).actions == toset(["sqs:SendMessage"])
    error_message = "the scheduler role may send to its dead-letter queue, and nothing more"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.schedule_dead_letters.metric_name == "NumberOfMessagesSent" && aws_cloudwatch_metric_alarm.schedule_dead_letters.dimensions.QueueName == "airsync-schedule-dead-letters"
    error_message = "an alarm on each new dead letter"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.failed_invocations.metric_name == "NumberOfMessagesSent" && aws_cloudwatch_metric_alarm.failed_invocations.statistic == "Sum" && aws_cloudwatch_metric_alarm.failed_invocations.treat_missing_data == "notBreaching" && aws_cloudwatch_metric_alarm.failed_invocations.period == 300
    error_message = "the failure-queue alarm counts new messages per 5 minutes and returns to OK when none come, so each new failure notifies"
  }
  assert {
    condition = (aws_cloudwatch_metric_alarm.no_succeeded_run.metric_name == "RunsSucceeded"
      && aws_cloudwatch_metric_alarm.no_succeeded_run.namespace == "Airsync"
      && aws_cloudwatch_metric_alarm.no_succeeded_run.dimensions.Function == "airsync"
      && aws_cloudwatch_metric_alarm.no_succeeded_run.period == 3600
      && aws_cloudwatch_metric_alarm.no_succeeded_run.evaluation_periods == 6
      && aws_cloudwatch_metric_alarm.no_succeeded_run.datapoints_to_alarm == 6
      && aws_cloudwatch_metric_alarm.no_succeeded_run.comparison_operator == "LessThanThreshold"
      && aws_cloudwatch_metric_alarm.no_succeeded_run.threshold == 1
    && aws_cloudwatch_metric_alarm.no_succeeded_run.treat_missing_data == "breaching")
    error_message = "no succeeded run in 6 hours: 6 hourly periods without RunsSucceeded, missing data breaching"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.no_succeeded_run.actions_enabled && aws_cloudwatch_metric_alarm.no_succeeded_run.ok_actions == toset([aws_sns_topic.alarms.arn])
    error_message = "with the schedules on, the missing-success alarm notifies, and again when a run succeeds"
  }
  assert {
    condition     = alltrue([for a in [aws_cloudwatch_metric_alarm.function_errors, aws_cloudwatch_metric_alarm.runs_not_succeeded, aws_cloudwatch_metric_alarm.failed_invocations, aws_cloudwatch_metric_alarm.schedule_dead_letters, aws_cloudwatch_metric_alarm.no_succeeded_run] : a.alarm_actions == toset([aws_sns_topic.alarms.arn])])
    error_message = "every alarm notifies the topic"
  }
}

run "jvm_with_every_option" {
  command = apply

  variables {
    name                          = "airsync-staging"
    runtime                       = "jvm"
    architecture                  = "arm64"
    self_continue                 = true
    mapping_location              = "s3://example-config/airsync/mapping.yaml"
    reconcile_schedule_expression = "cron(0 3 ? * SUN *)"
    time_zone                     = "Europe/Paris"
    kms_key_arn                   = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
    run_time_margin               = "2M"
    alarm_email                   = "ops@example.com"
    schedule_enabled              = false
  }

  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
    error_message = "JVM runs Quarkus' stream handler on java21"
  }
  assert {
    condition     = aws_lambda_function.this.snap_start[0].apply_on == "PublishedVersions" && aws_lambda_function.this.publish
    error_message = "SnapStart on published versions"
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "DISABLE_SIGNAL_HANDLERS")
    error_message = "DISABLE_SIGNAL_HANDLERS is for native only"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["AIRSYNC_MAPPING_LOCATION"] == "s3://example-config/airsync/mapping.yaml" && aws_lambda_function.this.environment[0].variables["AIRSYNC_RUN_SELF_CONTINUE"] == "true"
    error_message = "mapping location and self-continue reach the function"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.function.statement : s if s.sid == "MappingObject"]).resources == toset(["arn:aws:s3:::example-config/airsync/mapping.yaml"])
    error_message = "the function may read exactly the mapping object"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.function.statement : s if s.sid == "SelfContinue"]).resources == toset(["arn:aws:lambda:eu-west-1:123456789012:function:airsync-staging", "arn:aws:lambda:eu-west-1:123456789012:function:airsync-staging:*"])
    error_message = "the function may invoke only itself"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.function.statement : s if s.sid == "KmsThroughAirsyncServices"]).resources == toset(["arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"])
    error_message = "the KMS key, through the services only"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.reports.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "aws:kms" && aws_dynamodb_table.state.server_side_encryption[0].enabled
    error_message = "KMS for bucket and table"
  }
  assert {
    condition     = length(aws_scheduler_schedule.reconcile) == 1 && jsondecode(aws_scheduler_schedule.reconcile[0].target[0].input).reconcile == true
    error_message = "the reconcile schedule sends reconcile = true"
  }
  assert {
    condition     = aws_scheduler_schedule.sync.schedule_expression_timezone == "Europe/Paris" && aws_scheduler_schedule.sync.state == "DISABLED"
    error_message = "schedules follow time_zone and schedule_enabled"
  }
  assert {
    condition     = !aws_cloudwatch_metric_alarm.no_succeeded_run.actions_enabled
    error_message = "with the schedules off no run is expected: the missing-success alarm stays quiet"
  }
  assert {
    condition     = aws_scheduler_schedule.reconcile[0].target[0].dead_letter_config[0].arn == aws_sqs_queue.schedule_dead_letters.arn
    error_message = "the reconcile schedule has the dead-letter queue too"
  }
  assert {
    condition     = aws_iam_role.function.name == "airsync-staging-function" && aws_iam_role.scheduler.name == "airsync-staging-scheduler"
    error_message = "names derive from var.name"
  }
  assert {
    condition     = aws_cloudwatch_log_group.function.name == "/aws/lambda/airsync-staging"
    error_message = "the log group Lambda writes to"
  }
  assert {
    condition     = length(aws_sns_topic_subscription.alarm_email) == 1
    error_message = "alarm e-mail subscription"
  }
}

run "margin_must_be_shorter_than_timeout" {
  command = plan

  variables {
    timeout_seconds = 60
    run_time_margin = "1M"
  }

  expect_failures = [aws_lambda_function.this]
}

run "bad_inputs_are_refused" {
  command = plan

  variables {
    airtable_base_id             = "base123"
    timeout_seconds              = 901
    report_prefix                = "/reports"
    runtime                      = "graal"
    no_succeeded_run_alarm_hours = 169
  }

  expect_failures = [var.airtable_base_id, var.timeout_seconds, var.report_prefix, var.runtime, var.no_succeeded_run_alarm_hours]
}
