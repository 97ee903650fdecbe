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

variables {
  aws_region         = "eu-west-1"
  airtable_base_id   = "appA1Qak1T4cGoiP7"
  report_bucket_name = "airsync-test-reports"
  package_path       = "tests/fixtures/function.zip"
}

run "native_by_default" {
  command = apply

  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && aws_lambda_function.this.handler == "not.used.in.provided.runtime"
    error_message = "native runs on provided.al2023"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["DISABLE_SIGNAL_HANDLERS"] == "true"
    error_message = "native needs DISABLE_SIGNAL_HANDLERS=true"
  }
  assert {
    condition     = !contains(keys(aws_lambda_function.this.environment[0].variables), "AIRSYNC_MAPPING_LOCATION")
    error_message = "no mapping_location: the variable is left out, so the built-in mapping applies"
  }
  assert {
    condition     = length(aws_lambda_function.this.snap_start) == 0
    error_message = "no SnapStart for native"
  }
  assert {
    condition = aws_lambda_function.this.environment[0].variables == tomap({
      AIRSYNC_AIRTABLE_BASE_ID             = "appA1Qak1T4cGoiP7"
      AIRSYNC_AIRTABLE_TOKEN_SECRET        = aws_secretsmanager_secret.airtable_token.arn
      AIRSYNC_AIRTABLE_REQUESTS_PER_SECOND = "5"
      AIRSYNC_MONGODB_URI_SECRET           = aws_secretsmanager_secret.mongodb_uri.arn
      AIRSYNC_MONGODB_DATABASE             = "airsync"
      AIRSYNC_STATE_TABLE                  = "airsync-state"
      AIRSYNC_REPORT_BUCKET                = "airsync-test-reports"
      AIRSYNC_REPORT_PREFIX                = "reports/"
      AIRSYNC_TIME_ZONE                    = "UTC"
      AIRSYNC_RUN_TIME_MARGIN              = "60S"
      AIRSYNC_RUN_SELF_CONTINUE            = "false"
      AIRSYNC_METRICS_NAMESPACE            = "Airsync"
      DISABLE_SIGNAL_HANDLERS              = "true"
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
    airtable_base_id = "base123"
    timeout_seconds  = 901
    report_prefix    = "/reports"
    runtime          = "graal"
  }

  expect_failures = [var.airtable_base_id, var.timeout_seconds, var.report_prefix, var.runtime]
}
