package io.airsync.terraform;

import static io.airsync.terraform.TerraformModule.block;
import static io.airsync.terraform.TerraformModule.blocksOf;
import static io.airsync.terraform.TerraformModule.text;
import static io.airsync.terraform.TerraformModule.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Least privilege, private storage, secrets kept out of state, and the schedule wired to this function only. */
class TerraformSecurityTest {

    /** The only way to allow a "*" resource: a statement whose sid says AWS offers nothing narrower. */
    static final String WILDCARD_SID_PREFIX = "AwsRequiresWildcard";

    private static final Pattern POLICY_DOCUMENT_REF =
            Pattern.compile("^\\$\\{data\\.aws_iam_policy_document\\.([A-Za-z0-9_-]+)\\.json}$");

    private final TerraformModule module = TerraformModule.load();

    /** One statement of a policy document; forEach is set for a dynamic "statement" block. */
    record Statement(String document, String sid, String effect, List<String> actions, List<String> resources,
            String forEach, JsonNode body) {

        boolean allows() {
            return effect.equals("Allow");
        }
    }

    static List<Statement> statements(String document, JsonNode policyDocument) {
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : blocksOf(policyDocument, "statement")) {
            statements.add(statement(document, s, null));
        }
        for (JsonNode dynamic : blocksOf(policyDocument.path("dynamic"), "statement")) {
            statements.add(statement(document, block(dynamic, "content"), text(dynamic, "for_each")));
        }
        return statements;
    }

    private static Statement statement(String document, JsonNode s, String forEach) {
        return new Statement(document, s.path("sid").asText(""), s.path("effect").asText("Allow"),
                texts(s.path("actions")), texts(s.path("resources")), forEach, s);
    }

    private List<Statement> allStatements() {
        List<Statement> all = new ArrayList<>();
        module.dataSources("aws_iam_policy_document").forEach((name, doc) -> all.addAll(statements(name, doc)));
        return all;
    }

    private Map<String, Statement> functionStatementsBySid() {
        Map<String, Statement> bySid = new TreeMap<>();
        for (Statement s : statements("function", module.dataSource("aws_iam_policy_document", "function"))) {
            bySid.put(s.sid(), s);
        }
        return bySid;
    }

    // ---------------------------------------------------------------------------------------------------- IAM

    @Test
    void noStatementAllowsWildcardActionsOrUnscopedResources() {
        List<Statement> all = allStatements();
        assertTrue(all.size() >= 10, "the statement scan found only " + all.size() + " statements");
        for (Statement s : all) {
            String where = "policy document \"" + s.document() + "\" statement \"" + s.sid() + "\"";
            assertFalse(s.sid().isEmpty(), where + ": every statement has a sid saying what it is for");
            assertFalse(s.body().has("not_actions") || s.body().has("not_resources"),
                    where + ": not_actions / not_resources grant everything else");
            assertFalse(s.actions().isEmpty(), where + ": no actions");
            for (String action : s.actions()) {
                assertFalse(action.equals("*"), where + ": action \"*\"");
                if (s.allows()) {
                    assertFalse(action.contains("*"), where + ": allows a wildcard action " + action);
                }
            }
            boolean mayUseWildcard = s.sid().startsWith(WILDCARD_SID_PREFIX);
            for (String resource : s.resources()) {
                if (resource.equals("*")) {
                    assertTrue(mayUseWildcard, where + ": resource \"*\" without a sid starting with "
                            + WILDCARD_SID_PREFIX + " (say why AWS allows nothing narrower)");
                } else if (s.allows()) {
                    assertTrue(resource.startsWith("${"),
                            where + ": an allowed resource must be one this module names, not a literal: " + resource);
                }
            }
            if (s.resources().isEmpty()) {
                // Only trust policies go without resources: they name who may assume the role.
                assertEquals(List.of("sts:AssumeRole"), s.actions(), where + ": no resources");
                assertFalse(blocksOf(s.body(), "principals").isEmpty(), where + ": a trust policy names its principal");
            }
        }
    }

    @Test
    void everyPolicyIsAPolicyDocumentAndNoManagedPolicyIsAttached() {
        // So the statements above are really all the permissions there are.
        for (String type : List.of("aws_iam_role_policy_attachment", "aws_iam_policy", "aws_iam_policy_attachment",
                "aws_iam_user_policy", "aws_iam_group_policy", "aws_lambda_permission")) {
            assertEquals(Map.of(), module.resources(type), "no " + type + " resources");
        }
        module.resources("aws_iam_role").forEach((name, role) -> {
            assertTrue(POLICY_DOCUMENT_REF.matcher(text(role, "assume_role_policy")).matches(),
                    "role " + name + " trust policy is a policy document");
            assertFalse(role.has("managed_policy_arns") || role.has("inline_policy"), "role " + name);
        });
        Map<String, String> policyAttribute = Map.of("aws_iam_role_policy", "policy", "aws_s3_bucket_policy",
                "policy", "aws_sqs_queue_policy", "policy");
        policyAttribute.forEach((type, attribute) -> module.resources(type).forEach((name, body) -> assertTrue(
                POLICY_DOCUMENT_REF.matcher(text(body, attribute)).matches(),
                type + "." + name + " must use a data.aws_iam_policy_document, not inline JSON")));
    }

    @Test
    void theFunctionRoleReachesOnlyItsOwnResources() {
        Map<String, Statement> bySid = functionStatementsBySid();
        assertEquals(Set.of("StateTable", "ReportObjects", "ReportBucketList", "MappingObject", "Secrets",
                "OwnLogGroup", "FailedInvocationsQueue", "SelfContinue", "KmsThroughAirsyncServices"), bySid.keySet());

        Statement table = bySid.get("StateTable");
        assertEquals(Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem",
                "dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"), new TreeSet<>(table.actions()));
        assertEquals(List.of("${aws_dynamodb_table.state.arn}"), table.resources());

        Statement reports = bySid.get("ReportObjects");
        assertEquals(Set.of("s3:GetObject", "s3:PutObject"), new TreeSet<>(reports.actions()));
        assertEquals(List.of("${aws_s3_bucket.reports.arn}/${var.report_prefix}*"), reports.resources());

        Statement list = bySid.get("ReportBucketList");
        assertEquals(List.of("s3:ListBucket"), list.actions());
        assertEquals(List.of("${aws_s3_bucket.reports.arn}"), list.resources());

        Statement mapping = bySid.get("MappingObject");
        assertEquals(List.of("s3:GetObject"), mapping.actions());
        assertEquals("${local.mapping_object_arns}", mapping.forEach(), "only when the mapping is in S3");
        assertEquals(List.of("${statement.value}"), mapping.resources());

        Statement secrets = bySid.get("Secrets");
        assertEquals(List.of("secretsmanager:GetSecretValue"), secrets.actions());
        assertEquals(Set.of("${aws_secretsmanager_secret.airtable_token.arn}",
                "${aws_secretsmanager_secret.mongodb_uri.arn}"), new TreeSet<>(secrets.resources()));

        Statement logs = bySid.get("OwnLogGroup");
        assertEquals(Set.of("logs:CreateLogStream", "logs:PutLogEvents"), new TreeSet<>(logs.actions()));
        assertEquals(List.of("${aws_cloudwatch_log_group.function.arn}:*"), logs.resources());

        Statement queue = bySid.get("FailedInvocationsQueue");
        assertEquals(List.of("sqs:SendMessage"), queue.actions());
        assertEquals(List.of("${aws_sqs_queue.failed_invocations.arn}"), queue.resources());

        Statement self = bySid.get("SelfContinue");
        assertEquals(List.of("lambda:InvokeFunction"), self.actions());
        assertEquals("${var.self_continue ? [local.function_arn] : []}", self.forEach(),
                "invoking itself only when self_continue is on");
        assertEquals(List.of("${statement.value}", "${statement.value}:*"), self.resources());
        String functionArn = module.local("function_arn").asText();
        assertTrue(functionArn.endsWith(":function:${var.name}") && functionArn.startsWith("arn:${data.aws_partition"),
                "local.function_arn is this function's ARN: " + functionArn);
        assertEquals("${var.name}", text(module.resource("aws_lambda_function", "this"), "function_name"));

        Statement kms = bySid.get("KmsThroughAirsyncServices");
        assertEquals("${var.kms_key_arn == null ? [] : [var.kms_key_arn]}", kms.forEach());
        assertEquals("kms:ViaService", text(block(kms.body(), "condition"), "variable"),
                "the key only through DynamoDB, S3 and Secrets Manager");

        JsonNode rolePolicy = module.resource("aws_iam_role_policy", "function");
        assertEquals("${aws_iam_role.function.id}", text(rolePolicy, "role"));
        assertEquals("${data.aws_iam_policy_document.function.json}", text(rolePolicy, "policy"));
        assertEquals("${aws_iam_role.function.arn}", text(module.resource("aws_lambda_function", "this"), "role"));
    }

    @Test
    void onlyLambdaAndTheSchedulerOfThisAccountMayAssumeTheRoles() {
        Statement lambda = statements("function_assume",
                module.dataSource("aws_iam_policy_document", "function_assume")).get(0);
        JsonNode principal = block(lambda.body(), "principals");
        assertEquals("Service", text(principal, "type"));
        assertEquals(List.of("lambda.amazonaws.com"), texts(principal.path("identifiers")));

        Statement scheduler = statements("scheduler_assume",
                module.dataSource("aws_iam_policy_document", "scheduler_assume")).get(0);
        assertEquals(List.of("scheduler.amazonaws.com"),
                texts(block(scheduler.body(), "principals").path("identifiers")));
        JsonNode condition = block(scheduler.body(), "condition");
        assertEquals("aws:SourceAccount", text(condition, "variable"));
    }

    // --------------------------------------------------------------------------------------------- schedule

    @Test
    void theSchedulesInvokeThisFunctionWithARoleThatMayDoNothingElse() throws Exception {
        Map<String, JsonNode> schedules = module.resources("aws_scheduler_schedule");
        assertEquals(Set.of("sync", "reconcile"), schedules.keySet());
        assertEquals("${var.reconcile_schedule_expression == null ? 0 : 1}", text(schedules.get("reconcile"), "count"));

        JsonNode alias = module.resource("aws_lambda_alias", "live");
        assertEquals("${aws_lambda_function.this.function_name}", text(alias, "function_name"));

        JsonNode inputs = module.local("schedule_inputs");
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, JsonNode> e : schedules.entrySet()) {
            JsonNode schedule = e.getValue();
            assertEquals("OFF", text(block(schedule, "flexible_time_window"), "mode"));
            JsonNode target = block(schedule, "target");
            assertEquals("${aws_lambda_alias.live.arn}", text(target, "arn"), "schedule " + e.getKey() + " target");
            assertEquals("${aws_iam_role.scheduler.arn}", text(target, "role_arn"));
            assertEquals("${jsonencode(local.schedule_inputs." + e.getKey() + ")}", text(target, "input"));
            JsonNode retry = block(target, "retry_policy");
            assertEquals("${var.schedule_max_retry_attempts}", text(retry, "maximum_retry_attempts"));
            assertEquals("${var.schedule_max_event_age_seconds}", text(retry, "maximum_event_age_in_seconds"));
            assertEquals("${aws_sqs_queue.schedule_dead_letters.arn}", text(block(target, "dead_letter_config"), "arn"),
                    "schedule " + e.getKey() + ": undeliverable events go to the dead-letter queue");
            assertTrue(text(schedule, "schedule_expression_timezone").contains("local.schedule_timezone"));
        }
        JsonNode sync = inputs.path("sync");
        assertEquals(json.readTree("{\"source\":\"airsync.schedule\",\"dryRun\":false,\"reconcile\":false}"), sync,
                "the sync payload leaves out \"tables\", which means every table");
        JsonNode reconcile = inputs.path("reconcile");
        assertFalse(reconcile.has("tables"));
        assertTrue(reconcile.path("reconcile").asBoolean());
        assertFalse(reconcile.path("dryRun").asBoolean());

        // The scheduler role: one policy; it may invoke exactly the target and send to exactly its dead-letter queue.
        List<JsonNode> schedulerPolicies = new ArrayList<>();
        module.resources("aws_iam_role_policy").forEach((name, policy) -> {
            if (text(policy, "role").startsWith("${aws_iam_role.scheduler.")) {
                schedulerPolicies.add(policy);
            }
        });
        assertEquals(1, schedulerPolicies.size(), "the scheduler role has exactly one policy");
        assertEquals("${data.aws_iam_policy_document.scheduler.json}", text(schedulerPolicies.get(0), "policy"));
        List<Statement> statements = statements("scheduler", module.dataSource("aws_iam_policy_document", "scheduler"));
        assertEquals(2, statements.size());
        assertEquals(List.of("lambda:InvokeFunction"), statements.get(0).actions());
        assertEquals(List.of("${aws_lambda_alias.live.arn}"), statements.get(0).resources());
        assertEquals(List.of("sqs:SendMessage"), statements.get(1).actions());
        assertEquals(List.of("${aws_sqs_queue.schedule_dead_letters.arn}"), statements.get(1).resources());
    }

    @Test
    void asynchronousRunsAreNeverRetriedAndFailuresGoToTheQueue() {
        Map<String, JsonNode> configs = module.resources("aws_lambda_function_event_invoke_config");
        assertEquals(Set.of("live", "latest"), configs.keySet());
        assertEquals("${aws_lambda_alias.live.name}", text(configs.get("live"), "qualifier"));
        assertEquals("$LATEST", text(configs.get("latest"), "qualifier"));
        configs.forEach((name, config) -> {
            assertEquals(0, config.path("maximum_retry_attempts").asInt(-1), name + ": a retry would run twice");
            assertEquals("${aws_sqs_queue.failed_invocations.arn}",
                    text(block(block(config, "destination_config"), "on_failure"), "destination"));
        });
        assertEquals("${var.reserved_concurrency}",
                text(module.resource("aws_lambda_function", "this"), "reserved_concurrent_executions"));
    }

    // -------------------------------------------------------------------------------------------- storage

    @Test
    void theReportBucketIsPrivateEncryptedVersionedAndTlsOnly() {
        JsonNode bucket = module.resource("aws_s3_bucket", "reports");
        assertEquals("${var.report_bucket_name}", text(bucket, "bucket"));

        JsonNode publicAccess = module.resource("aws_s3_bucket_public_access_block", "reports");
        assertEquals("${aws_s3_bucket.reports.id}", text(publicAccess, "bucket"));
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
                "restrict_public_buckets")) {
            assertTrue(publicAccess.path(flag).isBoolean() && publicAccess.path(flag).asBoolean(), flag + " = true");
        }

        JsonNode sse = module.resource("aws_s3_bucket_server_side_encryption_configuration", "reports");
        assertEquals("${aws_s3_bucket.reports.id}", text(sse, "bucket"));
        JsonNode byDefault = block(block(sse, "rule"), "apply_server_side_encryption_by_default");
        assertEquals("${var.kms_key_arn == null ? \"AES256\" : \"aws:kms\"}", text(byDefault, "sse_algorithm"));

        assertEquals("Enabled", text(block(module.resource("aws_s3_bucket_versioning", "reports"),
                "versioning_configuration"), "status"));
        assertEquals("BucketOwnerEnforced", text(block(module.resource("aws_s3_bucket_ownership_controls",
                "reports"), "rule"), "object_ownership"));

        List<JsonNode> rules = blocksOf(module.resource("aws_s3_bucket_lifecycle_configuration", "reports"), "rule");
        JsonNode reports = rules.stream().filter(r -> r.path("filter").toString().contains("${var.report_prefix}"))
                .findFirst().orElseThrow(() -> new AssertionError("no lifecycle rule for the report prefix"));
        assertEquals("${var.report_retention_days}", text(block(reports, "expiration"), "days"));
        assertTrue(rules.stream().anyMatch(r -> r.has("noncurrent_version_expiration")
                && text(block(r, "noncurrent_version_expiration"), "noncurrent_days")
                        .equals("${var.noncurrent_version_retention_days}")), "noncurrent versions expire");

        JsonNode policy = module.resource("aws_s3_bucket_policy", "reports");
        assertEquals("${data.aws_iam_policy_document.reports_bucket.json}", text(policy, "policy"));
        assertDeniesInsecureTransport(statements("reports_bucket",
                module.dataSource("aws_iam_policy_document", "reports_bucket")),
                List.of("${aws_s3_bucket.reports.arn}", "${aws_s3_bucket.reports.arn}/*"));
        assertDeniesInsecureTransport(statements("failed_invocations_queue",
                module.dataSource("aws_iam_policy_document", "failed_invocations_queue")),
                List.of("${aws_sqs_queue.failed_invocations.arn}"));
        assertDeniesInsecureTransport(statements("schedule_dead_letters_queue",
                module.dataSource("aws_iam_policy_document", "schedule_dead_letters_queue")),
                List.of("${aws_sqs_queue.schedule_dead_letters.arn}"));
        module.resources("aws_sqs_queue").forEach((name, queue) -> assertTrue(
                queue.path("sqs_managed_sse_enabled").asBoolean(), "queue " + name + " is encrypted at rest"));
    }

    private static void assertDeniesInsecureTransport(List<Statement> statements, List<String> resources) {
        Statement deny = statements.stream().filter(s -> s.effect().equals("Deny")).findFirst()
                .orElseThrow(() -> new AssertionError("no Deny statement"));
        JsonNode condition = block(deny.body(), "condition");
        assertEquals("Bool", text(condition, "test"));
        assertEquals("aws:SecureTransport", text(condition, "variable"));
        assertEquals(List.of("false"), texts(condition.path("values")));
        assertEquals(resources, deny.resources());
    }

    @Test
    void theStateTableIsNamedByAVariableRecoverableExpiringAndEncrypted() {
        JsonNode table = module.resource("aws_dynamodb_table", "state");
        assertEquals("${var.state_table_name}", text(table, "name"));
        assertEquals("PAY_PER_REQUEST", text(table, "billing_mode"));
        assertEquals("pk", text(table, "hash_key"));
        assertEquals("sk", text(table, "range_key"));
        Map<String, String> attributes = new TreeMap<>();
        blocksOf(table, "attribute").forEach(a -> attributes.put(text(a, "name"), text(a, "type")));
        assertEquals(Map.of("pk", "S", "sk", "S"), attributes);
        assertTrue(block(table, "point_in_time_recovery").path("enabled").asBoolean(), "PITR on");
        JsonNode ttl = block(table, "ttl");
        assertEquals("expiresAt", text(ttl, "attribute_name"));
        assertTrue(ttl.path("enabled").asBoolean(), "TTL on");
        JsonNode sse = block(table, "server_side_encryption");
        assertEquals("${var.kms_key_arn}", text(sse, "kms_key_arn"));
        assertEquals("${var.state_table_deletion_protection}", text(table, "deletion_protection_enabled"));
    }

    // -------------------------------------------------------------------------------------------- secrets

    @Test
    void secretValuesNeverPassThroughTerraform() {
        assertEquals(Map.of(), module.resources("aws_secretsmanager_secret_version"),
                "no aws_secretsmanager_secret_version: the values would be stored in Terraform state");
        assertEquals(Map.of(), module.dataSources("aws_secretsmanager_secret_version"),
                "no data source reading a secret value into state either");
        Map<String, JsonNode> secrets = module.resources("aws_secretsmanager_secret");
        assertEquals(Set.of("airtable_token", "mongodb_uri"), secrets.keySet());
        secrets.forEach((name, secret) -> {
            assertEquals("${var.secret_recovery_window_days}", text(secret, "recovery_window_in_days"));
            assertEquals("${var.kms_key_arn}", text(secret, "kms_key_id"));
        });
        for (String s : module.allStrings()) {
            assertFalse(s.contains("secret_string"), "nothing sets a secret_string: " + s);
        }
        Matcher variable = Pattern.compile("(?i)(^|_)(token|password|passwd|uri|connection_string|secret|secret_value)$").matcher("");
        module.variables().keySet().forEach(name -> assertFalse(variable.reset(name).find(),
                "variable " + name + " looks like a credential: credentials go to Secrets Manager, not tfvars"));
    }

    // ----------------------------------------------------------------------------------------- monitoring

    @Test
    void alarmsWatchErrorsUnsuccessfulRunsAndTheQueue() {
        Map<String, JsonNode> alarms = module.resources("aws_cloudwatch_metric_alarm");
        JsonNode errors = alarms.get("function_errors");
        assertEquals("AWS/Lambda", text(errors, "namespace"));
        assertEquals("Errors", text(errors, "metric_name"));
        assertEquals("${aws_lambda_function.this.function_name}", text(errors.path("dimensions"), "FunctionName"));

        JsonNode runs = alarms.get("runs_not_succeeded");
        assertEquals("${var.metrics_namespace}", text(runs, "namespace"));
        assertEquals("RunsNotSucceeded", text(runs, "metric_name"));
        assertEquals("${aws_lambda_function.this.function_name}", text(runs.path("dimensions"), "Function"));
        assertEquals(1, runs.path("threshold").asInt());
        assertEquals("GreaterThanOrEqualToThreshold", text(runs, "comparison_operator"));

        // Each new message notifies: the alarm counts messages sent per period (not the depth, which stays up until
        // someone deletes them) and returns to OK in the first quiet period.
        for (String queueName : List.of("failed_invocations", "schedule_dead_letters")) {
            JsonNode queue = alarms.get(queueName);
            assertEquals("AWS/SQS", text(queue, "namespace"));
            assertEquals("${aws_sqs_queue." + queueName + ".name}", text(queue.path("dimensions"), "QueueName"));
            assertEquals("NumberOfMessagesSent", text(queue, "metric_name"), queueName);
            assertEquals("Sum", text(queue, "statistic"), queueName);
            assertEquals("notBreaching", text(queue, "treat_missing_data"), queueName);
        }

        JsonNode noSuccess = alarms.get("no_succeeded_run");
        assertEquals("RunsSucceeded", text(noSuccess, "metric_name"));
        assertEquals("${var.metrics_namespace}", text(noSuccess, "namespace"));
        assertEquals("${aws_lambda_function.this.function_name}", text(noSuccess.path("dimensions"), "Function"));
        assertEquals("breaching", text(noSuccess, "treat_missing_data"));
        assertEquals("LessThanThreshold", text(noSuccess, "comparison_operator"));
        assertEquals("${var.no_succeeded_run_alarm_hours}", text(noSuccess, "evaluation_periods"));
        assertEquals(3600, noSuccess.path("period").asInt());

        alarms.forEach((name, alarm) -> assertEquals(List.of("${aws_sns_topic.alarms.arn}"),
                texts(alarm.path("alarm_actions")), name + " notifies the topic"));
        assertEquals("${var.alarm_email == null ? 0 : 1}",
                text(module.resource("aws_sns_topic_subscription", "alarm_email"), "count"));

        JsonNode logGroup = module.resource("aws_cloudwatch_log_group", "function");
        assertEquals("/aws/lambda/${var.name}", text(logGroup, "name"));
        assertEquals("${var.log_retention_days}", text(logGroup, "retention_in_days"));
        assertEquals("${aws_cloudwatch_log_group.function.name}",
                text(block(module.resource("aws_lambda_function", "this"), "logging_config"), "log_group"));
    }
}
