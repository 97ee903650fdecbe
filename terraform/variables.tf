# ---------------------------------------------------------------------------------------------
# Where and what
# ---------------------------------------------------------------------------------------------

variable "aws_region" {
  description = "AWS region to deploy into, e.g. eu-west-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region name such as eu-west-1."
  }
}

variable "name" {
  description = "Name of the Lambda function; also the prefix of every other resource name (roles, queue, topic, secrets, schedules)."
  type        = string
  default     = "airsync"

  validation {
    # 40 leaves room for the longest derived name ("<name>-reconcile-scheduler", an IAM role: 64 max).
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$", var.name))
    error_message = "name must be 1-40 characters: letters, digits, '-' and '_', starting with a letter or digit."
  }
}

variable "tags" {
  description = "Extra tags for every resource (added to Application=airsync and ManagedBy=terraform)."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------
# The function
# ---------------------------------------------------------------------------------------------

variable "package_path" {
  description = "The deployment zip built by Maven. Null: the one the build makes for runtime, ../target/function-jvm.zip or ../target/function-native.zip. A relative path is taken from this terraform/ folder. The manifest the build writes beside it (function-<kind>.json) must say the same runtime."
  type        = string
  default     = null

  validation {
    condition     = var.package_path == null || endswith(coalesce(var.package_path, "x"), ".zip")
    error_message = "package_path must be null or point at a function zip (target/function-jvm.zip or target/function-native.zip)."
  }
}

variable "runtime" {
  description = "\"jvm\" (default, the verified path): the ./mvnw package zip on java21 with SnapStart. \"native\": the GraalVM native executable on provided.al2023 (./mvnw package -Dnative; not verified yet, see the README). The package's manifest must say the same runtime, or plan stops."
  type        = string
  default     = "jvm"

  validation {
    condition     = contains(["native", "jvm"], var.runtime)
    error_message = "runtime must be \"jvm\" or \"native\"."
  }
}

variable "architecture" {
  description = "Lambda instruction set. A native zip must have been built for it (a container build on an x86 machine gives x86_64)."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be \"x86_64\" or \"arm64\"."
  }
}

variable "memory_size" {
  description = "Lambda memory in MB (CPU grows with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout_seconds" {
  description = "Lambda timeout in seconds (at most 900). A run that needs longer checkpoints and continues (see self_continue)."
  type        = number
  default     = 900

  validation {
    condition     = var.timeout_seconds >= 60 && var.timeout_seconds <= 900 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number between 60 and 900 (Lambda's maximum)."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrency: 1 keeps runs one at a time (the DynamoDB lock does too). -1 reserves nothing, for accounts whose concurrency limit is too low to reserve any."
  type        = number
  default     = 1

  validation {
    condition     = var.reserved_concurrency == 1 || var.reserved_concurrency == -1
    error_message = "reserved_concurrency must be 1 (one run at a time) or -1 (unreserved)."
  }
}

variable "async_max_event_age_seconds" {
  description = "How long an asynchronous invocation (schedule, self-continuation) may wait for the busy function before it goes to the failed-invocations queue."
  type        = number
  default     = 21600

  validation {
    condition     = var.async_max_event_age_seconds >= 60 && var.async_max_event_age_seconds <= 21600
    error_message = "async_max_event_age_seconds must be between 60 and 21600 (6 hours)."
  }
}

variable "failed_invocation_retention_seconds" {
  description = "How long the failed-invocations and schedule dead-letter queues keep a message."
  type        = number
  default     = 1209600

  validation {
    condition     = var.failed_invocation_retention_seconds >= 60 && var.failed_invocation_retention_seconds <= 1209600
    error_message = "failed_invocation_retention_seconds must be between 60 and 1209600 (14 days)."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the function's logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

# ---------------------------------------------------------------------------------------------
# What the application reads (each becomes one AIRSYNC_* environment variable)
# ---------------------------------------------------------------------------------------------

variable "airtable_base_id" {
  description = "The Airtable base to write to (app followed by 14 characters)."
  type        = string

  validation {
    condition     = can(regex("^app[A-Za-z0-9]{14}$", var.airtable_base_id))
    error_message = "airtable_base_id must look like appXXXXXXXXXXXXXX (app followed by 14 letters or digits)."
  }
}

variable "airtable_requests_per_second" {
  description = "Requests per second Airsync sends to the base. Airtable allows 5 per base; lower it if other tools write to the same base."
  type        = number
  default     = 5

  validation {
    condition     = var.airtable_requests_per_second > 0 && var.airtable_requests_per_second <= 5
    error_message = "airtable_requests_per_second must be above 0 and at most 5 (Airtable's limit per base)."
  }
}

variable "airtable_plan" {
  description = "The Airtable plan of the base's workspace (free, team, business, enterprise): sets the monthly request budget and the records-per-base cap Airsync keeps to. Empty: nothing enforced, usage only reported."
  type        = string
  default     = ""

  validation {
    condition     = contains(["", "free", "team", "business", "enterprise"], var.airtable_plan)
    error_message = "airtable_plan must be one of free, team, business, enterprise (or empty)."
  }
}

variable "mongodb_database" {
  description = "MongoDB database that holds the users, events and messages collections."
  type        = string
  default     = "airsync"

  validation {
    condition     = length(var.mongodb_database) > 0 && length(var.mongodb_database) < 64 && !can(regex("[/\\\\. \"$]", var.mongodb_database))
    error_message = "mongodb_database must be a valid MongoDB database name (1-63 characters, none of / \\ . space \" $)."
  }
}

variable "mapping_location" {
  description = "Where the mapping YAML lives: s3://bucket/key (the function may read that one object) or classpath:... Null uses the mapping built into the zip."
  type        = string
  default     = null

  validation {
    condition     = var.mapping_location == null || can(regex("^(s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+|classpath:.+)$", var.mapping_location))
    error_message = "mapping_location must be null, s3://bucket/key or classpath:path."
  }
}

variable "time_zone" {
  description = "Time zone (IANA name) for date-only values and zone-less date-times; also the default schedule time zone."
  type        = string
  default     = "UTC"

  validation {
    condition     = can(regex("^[A-Za-z]+([/_+-][A-Za-z0-9_+-]+)*$", var.time_zone))
    error_message = "time_zone must be an IANA time zone name such as UTC or Europe/Paris."
  }
}

variable "run_time_margin" {
  description = "Stop and checkpoint when less than this is left of the Lambda's time: seconds (\"60S\") or minutes (\"2M\"). Must be less than timeout_seconds."
  type        = string
  default     = "60S"

  validation {
    condition     = can(regex("^[1-9][0-9]*[SM]$", var.run_time_margin))
    error_message = "run_time_margin must be a whole number of seconds or minutes, e.g. \"60S\" or \"2M\"."
  }
}

variable "self_continue" {
  description = "After a checkpoint, the function invokes itself asynchronously to go on at once (and may do so: lambda:InvokeFunction on itself). False: the next scheduled run resumes from the checkpoint."
  type        = bool
  default     = false
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the metrics each run prints (Embedded Metric Format); the run alarm watches it."
  type        = string
  default     = "Airsync"

  validation {
    condition     = can(regex("^[A-Za-z0-9._/#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be 1-255 characters of letters, digits and . _ / # : - and must not start with AWS/."
  }
}

# ---------------------------------------------------------------------------------------------
# State (DynamoDB) and reports (S3)
# ---------------------------------------------------------------------------------------------

variable "state_table_name" {
  description = "Name of the DynamoDB table that keeps record IDs, hashes, the checkpoint and the run lock."
  type        = string
  default     = "airsync-state"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.state_table_name))
    error_message = "state_table_name must be 3-255 characters: letters, digits, '_', '-' and '.'."
  }
}

variable "state_table_deletion_protection" {
  description = "Refuse to delete the state table (turn off before terraform destroy). Losing it makes the next run match every record again."
  type        = bool
  default     = true
}

variable "report_bucket_name" {
  description = "Name of the S3 bucket created for run reports (globally unique). The function zip is uploaded to it too, under lambda-package/."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.report_bucket_name)) && !can(regex("\\.\\.|^xn--|-s3alias$", var.report_bucket_name))
    error_message = "report_bucket_name must be a valid S3 bucket name: 3-63 lower-case letters, digits, '.' and '-'."
  }
}

variable "report_prefix" {
  description = "Key prefix of the reports in the bucket; the function may read and write only under it."
  type        = string
  default     = "reports/"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*/$", var.report_prefix)) && !startswith(var.report_prefix, "lambda-package/")
    error_message = "report_prefix must be non-empty, end with '/', not start with '/', and not be lambda-package/."
  }
}

variable "report_retention_days" {
  description = "Days after which a report under the prefix expires (latest.md is rewritten every run, so it stays)."
  type        = number
  default     = 90

  validation {
    condition     = var.report_retention_days >= 1 && floor(var.report_retention_days) == var.report_retention_days
    error_message = "report_retention_days must be a whole number of days, at least 1."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days S3 keeps overwritten or expired versions of any object in the bucket (reports, latest.md, old function zips)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_retention_days >= 1 && floor(var.noncurrent_version_retention_days) == var.noncurrent_version_retention_days
    error_message = "noncurrent_version_retention_days must be a whole number of days, at least 1."
  }
}

variable "report_bucket_force_destroy" {
  description = "Let terraform destroy delete the bucket with the reports in it. Keep false in production."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------------------------
# Encryption and secrets
# ---------------------------------------------------------------------------------------------

variable "kms_key_arn" {
  description = "Customer managed KMS key for the state table, the report bucket and the two secrets. Null: AWS owned/managed keys (AES256 for S3). The function role gets use of this key through those services only."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "secret_recovery_window_days" {
  description = "Days a deleted secret can still be restored. 0 deletes at once (lets you re-create a secret of the same name right away)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or between 7 and 30."
  }
}

# ---------------------------------------------------------------------------------------------
# Schedules
# ---------------------------------------------------------------------------------------------

variable "schedule_expression" {
  description = "When to sync: rate(...) or cron(...) in EventBridge Scheduler syntax, e.g. \"rate(1 hour)\" or \"cron(0 6 * * ? *)\"."
  type        = string
  default     = "rate(1 hour)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(<n> minutes|hours|days) or cron(<6 fields>)."
  }
}

variable "schedule_timezone" {
  description = "Time zone the cron expressions are read in. Null: the same as time_zone."
  type        = string
  default     = null

  validation {
    condition     = var.schedule_timezone == null || can(regex("^[A-Za-z]+([/_+-][A-Za-z0-9_+-]+)*$", var.schedule_timezone))
    error_message = "schedule_timezone must be null or an IANA time zone name such as Europe/Paris."
  }
}

variable "schedule_enabled" {
  description = "Whether the schedules run. False creates them disabled (deploy first, run a dry run by hand, then enable)."
  type        = bool
  default     = true
}

variable "reconcile_schedule_expression" {
  description = "Optional second schedule whose runs have \"reconcile\": true, e.g. \"cron(0 3 ? * SUN *)\" (Sundays 03:00). Null: none."
  type        = string
  default     = null

  validation {
    condition     = var.reconcile_schedule_expression == null || can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.reconcile_schedule_expression))
    error_message = "reconcile_schedule_expression must be null, rate(...) or cron(...)."
  }
}

variable "schedule_max_retry_attempts" {
  description = "How often the Scheduler retries handing an event to Lambda when that fails (not the run itself: a failed run is never retried)."
  type        = number
  default     = 3

  validation {
    condition     = var.schedule_max_retry_attempts >= 0 && var.schedule_max_retry_attempts <= 185
    error_message = "schedule_max_retry_attempts must be between 0 and 185."
  }
}

variable "schedule_max_event_age_seconds" {
  description = "How long the Scheduler keeps trying to hand an event to Lambda."
  type        = number
  default     = 3600

  validation {
    condition     = var.schedule_max_event_age_seconds >= 60 && var.schedule_max_event_age_seconds <= 86400
    error_message = "schedule_max_event_age_seconds must be between 60 and 86400."
  }
}

# ---------------------------------------------------------------------------------------------
# Alarms
# ---------------------------------------------------------------------------------------------

variable "alarm_email" {
  description = "E-mail address subscribed to the alarm topic (confirm the mail AWS sends). Null: no subscription."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be null or an e-mail address."
  }
}

variable "no_succeeded_run_alarm_hours" {
  description = "Alarm when no run has succeeded for this many hours in a row (1-168; CloudWatch evaluates at most 7 days). Make it longer than the time between two schedules plus a run that continues over several invocations. Its notifications are on while schedule_enabled."
  type        = number
  default     = 24

  validation {
    condition     = var.no_succeeded_run_alarm_hours >= 1 && var.no_succeeded_run_alarm_hours <= 168 && floor(var.no_succeeded_run_alarm_hours) == var.no_succeeded_run_alarm_hours
    error_message = "no_succeeded_run_alarm_hours must be a whole number of hours between 1 and 168."
  }
}
