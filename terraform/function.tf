locals {
  # How each build of the Quarkus zip runs. Native: the zip holds the executable "bootstrap"; provided runtimes
  # never read the handler string. JVM: Quarkus' stream handler, which passes each event to the bean named by
  # quarkus.lambda.handler (airsync) in application.properties.
  lambda_runtimes = {
    native = {
      runtime = "provided.al2023"
      handler = "not.used.in.provided.runtime"
    }
    jvm = {
      runtime = "java21"
      handler = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
    }
  }
  lambda_runtime = local.lambda_runtimes[var.runtime]

  # The build names the zip after its kind and writes a manifest beside it (pom.xml, "function package kind"):
  # target/function-jvm.zip + function-jvm.json, or target/function-native.zip + function-native.json.
  package_path     = coalesce(var.package_path, "../target/function-${var.runtime}.zip")
  package_file     = startswith(local.package_path, "/") ? local.package_path : "${path.module}/${local.package_path}"
  package_manifest = "${trimsuffix(local.package_file, ".zip")}.json"
  # {"runtime": "jvm"|"native", "architecture": "x86_64"|"arm64", "sha256": "<hex of the zip>"}; null when absent
  # or unreadable. Each precondition on aws_s3_object.package passes when an earlier one already failed, so a
  # plan names one problem.
  package_built = try(jsondecode(file(local.package_manifest)), null)
  package_kind  = try(local.package_built.runtime, "unknown")
  package_build_commands = {
    jvm    = "./mvnw package -DskipTests"
    native = "./mvnw package -DskipTests -Dnative -Dquarkus.native.container-build=true"
  }
  # The JVM zip is larger than the 50 MB Lambda takes in a direct upload, so every build goes through S3.
  package_key = "lambda-package/${var.name}.zip"

  # Known before the function exists, so the role's policy can name it without a dependency cycle.
  function_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:function:${var.name}"

  run_time_margin_seconds = tonumber(trimsuffix(trimsuffix(var.run_time_margin, "S"), "M")) * (endswith(var.run_time_margin, "M") ? 60 : 1)

  # Exactly the settings Airsync reads (io.airsync.config.AirsyncConfig: AIRSYNC_A_B is airsync.a.b / airsync.a-b).
  # A null value leaves the variable out, so the application's own default applies.
  function_environment = {
    AIRSYNC_AIRTABLE_BASE_ID             = var.airtable_base_id
    AIRSYNC_AIRTABLE_TOKEN_SECRET        = aws_secretsmanager_secret.airtable_token.arn
    AIRSYNC_AIRTABLE_REQUESTS_PER_SECOND = tostring(var.airtable_requests_per_second)
    AIRSYNC_AIRTABLE_PLAN                = var.airtable_plan
    AIRSYNC_MONGODB_URI_SECRET           = aws_secretsmanager_secret.mongodb_uri.arn
    AIRSYNC_MONGODB_DATABASE             = var.mongodb_database
    AIRSYNC_STATE_TABLE                  = aws_dynamodb_table.state.name
    AIRSYNC_REPORT_BUCKET                = aws_s3_bucket.reports.bucket
    AIRSYNC_REPORT_PREFIX                = var.report_prefix
    AIRSYNC_MAPPING_LOCATION             = var.mapping_location
    AIRSYNC_TIME_ZONE                    = var.time_zone
    AIRSYNC_RUN_TIME_MARGIN              = var.run_time_margin
    AIRSYNC_RUN_SELF_CONTINUE            = tostring(var.self_continue)
    AIRSYNC_METRICS_NAMESPACE            = var.metrics_namespace
    # Quarkus native on Lambda must not install its own signal handlers.
    DISABLE_SIGNAL_HANDLERS = var.runtime == "native" ? "true" : null
  }
}

resource "aws_s3_object" "package" {
  bucket      = aws_s3_bucket.reports.id
  key         = local.package_key
  source      = local.package_file
  source_hash = try(filemd5(local.package_file), null)

  # A native runtime with a JVM zip (or the reverse) deploys a function that cannot start: refuse it at plan.
  lifecycle {
    precondition {
      condition     = fileexists(local.package_file)
      error_message = "There is no function package at ${local.package_file}. Build it from the repository root with `${local.package_build_commands[var.runtime]}`, or set package_path."
    }
    precondition {
      condition     = !fileexists(local.package_file) || local.package_built != null
      error_message = "The function package ${local.package_file} has no readable manifest at ${local.package_manifest}, so its kind is unknown. Build it with `${local.package_build_commands[var.runtime]}`: the build writes both files."
    }
    precondition {
      condition     = local.package_built == null || local.package_kind == var.runtime
      error_message = "runtime = \"${var.runtime}\" but ${local.package_file} is a ${local.package_kind} package (${local.package_manifest}). Build the ${var.runtime} package with `${local.package_build_commands[var.runtime]}`, or set runtime = \"${local.package_kind}\"."
    }
    precondition {
      condition     = local.package_kind != var.runtime || try(local.package_built.sha256 == filesha256(local.package_file), false)
      error_message = "${local.package_file} is not the zip its manifest ${local.package_manifest} describes (different SHA-256): it was replaced or a build broke off. Build it again with `${local.package_build_commands[var.runtime]}`."
    }
    precondition {
      condition     = local.package_kind != var.runtime || var.runtime == "jvm" || try(local.package_built.architecture == var.architecture, false)
      error_message = "architecture = \"${var.architecture}\" but the native executable in ${local.package_file} was built for ${try(local.package_built.architecture, "an unknown architecture")}: a native executable runs only on the architecture it was built on."
    }
  }

  # The bucket's default encryption applies; wait for it and for versioning (the function pins the version).
  depends_on = [
    aws_s3_bucket_server_side_encryption_configuration.reports,
    aws_s3_bucket_versioning.reports,
  ]
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  description   = "Airsync: one invocation syncs MongoDB into Airtable"
  role          = aws_iam_role.function.arn
  runtime       = local.lambda_runtime.runtime
  handler       = local.lambda_runtime.handler
  architectures = [var.architecture]
  memory_size   = var.memory_size
  timeout       = var.timeout_seconds

  # One run at a time; the DynamoDB lock guards the same, this keeps a second copy from even starting.
  reserved_concurrent_executions = var.reserved_concurrency

  # Every deploy publishes a version and moves the "live" alias to it: SnapStart only applies to published
  # versions, and the schedules always run exactly what was last applied.
  publish = true

  s3_bucket         = aws_s3_object.package.bucket
  s3_key            = aws_s3_object.package.key
  s3_object_version = aws_s3_object.package.version_id
  source_code_hash  = try(filebase64sha256(local.package_file), null)

  environment {
    variables = { for name, value in local.function_environment : name => value if value != null }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function.name
  }

  dynamic "snap_start" {
    for_each = var.runtime == "jvm" ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  lifecycle {
    precondition {
      condition     = local.run_time_margin_seconds < var.timeout_seconds
      error_message = "run_time_margin (${var.run_time_margin}) must be shorter than timeout_seconds (${var.timeout_seconds})."
    }
  }

  # The role must be able to write logs and reach the failed-invocations queue before the first invocation.
  depends_on = [aws_iam_role_policy.function]
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  description      = "The version the schedules invoke: the one last deployed"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# Asynchronous invocations (the schedules, self-continuation, `--invocation-type Event`) are never retried by
# Lambda: a retry would start a second run of the same sync. A run that failed is reported and its checkpoint
# (if any) is resumed by the next scheduled run. Events that failed or waited too long go to the queue.
resource "aws_lambda_function_event_invoke_config" "live" {
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = aws_lambda_alias.live.name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = var.async_max_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.failed_invocations.arn
    }
  }
}

resource "aws_lambda_function_event_invoke_config" "latest" {
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = "$LATEST"
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = var.async_max_event_age_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.failed_invocations.arn
    }
  }
}

resource "aws_sqs_queue" "failed_invocations" {
  name                      = "${var.name}-failed-invocations"
  message_retention_seconds = var.failed_invocation_retention_seconds
  sqs_managed_sse_enabled   = true
}

data "aws_iam_policy_document" "failed_invocations_queue" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.failed_invocations.arn]

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

resource "aws_sqs_queue_policy" "failed_invocations" {
  queue_url = aws_sqs_queue.failed_invocations.id
  policy    = data.aws_iam_policy_document.failed_invocations_queue.json
}
