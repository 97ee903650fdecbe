# The function's role: exactly the table, the report prefix, the two secrets, its log group and its failure queue
# (plus itself when self_continue, the mapping object when it is in S3, and the KMS key when one is given).
# No AWS managed policies: AWSLambdaBasicExecutionRole would allow writing to every log group.

locals {
  # s3://bucket/key -> [bucket, key]; null for any other mapping location.
  mapping_s3_location = try(regex("^s3://([^/]+)/(.+)$", var.mapping_location), null)
  mapping_object_arns = local.mapping_s3_location == null ? [] : [
    "arn:${data.aws_partition.current.partition}:s3:::${local.mapping_s3_location[0]}/${local.mapping_s3_location[1]}"
  ]
}

data "aws_iam_policy_document" "function_assume" {
  statement {
    sid     = "LambdaAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "${var.name}-function"
  description        = "Airsync function: its state table, report prefix, secrets, log group and failure queue"
  assume_role_policy = data.aws_iam_policy_document.function_assume.json
}

data "aws_iam_policy_document" "function" {
  statement {
    sid = "StateTable"
    actions = [
      "dynamodb:BatchWriteItem",
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = [aws_dynamodb_table.state.arn]
  }

  statement {
    sid       = "ReportObjects"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.reports.arn}/${var.report_prefix}*"]
  }

  # Key names only, of a bucket that holds nothing but Airsync's own files. Not narrowed by an s3:prefix
  # condition because HeadBucket (a cheap access check) and a 404 for a missing key need it unconditioned.
  statement {
    sid       = "ReportBucketList"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.reports.arn]
  }

  dynamic "statement" {
    for_each = local.mapping_object_arns
    content {
      sid       = "MappingObject"
      actions   = ["s3:GetObject"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "Secrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.airtable_token.arn, aws_secretsmanager_secret.mongodb_uri.arn]
  }

  # "<log group ARN>:*" is the group's streams: not the logs of any other function.
  statement {
    sid       = "OwnLogGroup"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:*"]
  }

  # Lambda sends failed asynchronous invocations to the queue with this role.
  statement {
    sid       = "FailedInvocationsQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failed_invocations.arn]
  }

  dynamic "statement" {
    for_each = var.self_continue ? [local.function_arn] : []
    content {
      sid     = "SelfContinue"
      actions = ["lambda:InvokeFunction"]
      # The function itself, unqualified and through its versions/alias (":live", ":7"): nothing else.
      resources = [statement.value, "${statement.value}:*"]
    }
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "KmsThroughAirsyncServices"
      actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values = [
          "dynamodb.${data.aws_region.current.name}.amazonaws.com",
          "s3.${data.aws_region.current.name}.amazonaws.com",
          "secretsmanager.${data.aws_region.current.name}.amazonaws.com",
        ]
      }
    }
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "airsync"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}
