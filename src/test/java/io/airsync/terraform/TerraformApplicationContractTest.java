package io.airsync.terraform;

import static io.airsync.terraform.TerraformModule.block;
import static io.airsync.terraform.TerraformModule.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.airsync.config.AirsyncConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Terraform and the application agree: the Lambda environment is exactly what {@link AirsyncConfig} reads, the
 * handler is the one Quarkus provides, and the defaults fit together. Both sides are read from the code, so a
 * setting added, renamed or removed on either side fails here until someone decides what Terraform does with it.
 */
class TerraformApplicationContractTest {

    /**
     * Every AirsyncConfig setting that Terraform deliberately does not set, and why. A new setting must be added
     * either to the Lambda environment (function.tf) or here.
     */
    static final Map<String, String> LEFT_TO_THE_APPLICATION_DEFAULT = Map.ofEntries(
            Map.entry("airsync.airtable.token", "the token itself is for local runs; Lambda reads the secret"),
            Map.entry("airsync.mongodb.uri", "the URI itself is for local runs; Lambda reads the secret"),
            Map.entry("airsync.airtable.url", "Airtable's real API"),
            Map.entry("airsync.airtable.rate-limit-penalty", "Airtable's documented 30 s penalty"),
            Map.entry("airsync.airtable.max-in-flight", "tuned in the application"),
            Map.entry("airsync.airtable.max-retries", "tuned in the application"),
            Map.entry("airsync.airtable.rate-limit-retries", "tuned in the application"),
            Map.entry("airsync.airtable.connect-timeout", "tuned in the application"),
            Map.entry("airsync.airtable.read-timeout", "tuned in the application"),
            Map.entry("airsync.mongodb.batch-size", "tuned in the application"),
            Map.entry("airsync.airtable.monthly-request-budget", "the plan's (airtable_plan); a contract that differs sets it in the application"),
            Map.entry("airsync.airtable.records-per-base", "the plan's (airtable_plan); a contract that differs sets it in the application"),
            Map.entry("airsync.mongodb.allow-insecure", "production requires TLS to MongoDB (SECURITY.md)"),
            Map.entry("airsync.state.lock-lease", "a short lease renewed by a heartbeat (checked below)"),
            Map.entry("airsync.local.dir", "Lambda keeps state in DynamoDB and reports in S3"),
            Map.entry("airsync.run.progress-every", "log volume, tuned in the application"),
            Map.entry("airsync.run.time-budget", "the Lambda's own remaining time decides; the cap is for tests"),
            Map.entry("airsync.run.lambda-endpoint", "AWS's Lambda endpoint; overridden only by tests"),
            Map.entry("airsync.aws.endpoint-override", "AWS's endpoints; overridden only by tests and emulators"));

    /** Settings whose value is a credential: never a plain environment variable. */
    static final Set<String> CREDENTIALS = Set.of("airsync.airtable.token", "airsync.mongodb.uri");

    /** Non-Airsync variables Terraform may set, and when. */
    static final Set<String> PLATFORM_VARIABLES = Set.of("DISABLE_SIGNAL_HANDLERS");

    static final String QUARKUS_STREAM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";

    private final TerraformModule module = TerraformModule.load();

    @Test
    void theLambdaEnvironmentIsExactlyWhatAirsyncConfigReads() {
        Map<String, String> propertyByEnvName = new TreeMap<>();
        for (String property : configProperties().keySet()) {
            String previous = propertyByEnvName.put(envName(property), property);
            assertEquals(null, previous, "two settings share the environment variable " + envName(property));
        }

        Set<String> setByTerraform = new TreeSet<>();
        for (String name : terraformEnvironment().keySet()) {
            if (PLATFORM_VARIABLES.contains(name)) {
                continue;
            }
            String property = propertyByEnvName.get(name);
            assertNotNull(property, "Terraform sets " + name + " but AirsyncConfig has no such setting; known: "
                    + propertyByEnvName.keySet());
            setByTerraform.add(property);
        }

        for (String credential : CREDENTIALS) {
            assertFalse(setByTerraform.contains(credential),
                    credential + " is a credential and must come from Secrets Manager, not the environment");
        }
        Set<String> overlap = new TreeSet<>(setByTerraform);
        overlap.retainAll(LEFT_TO_THE_APPLICATION_DEFAULT.keySet());
        assertEquals(Set.of(), overlap, "set by Terraform and also listed as left to the default");

        Set<String> decided = new TreeSet<>(setByTerraform);
        decided.addAll(LEFT_TO_THE_APPLICATION_DEFAULT.keySet());
        Set<String> all = configProperties().keySet();
        assertEquals(Set.of(), TerraformModuleTest.difference(all, decided),
                "AirsyncConfig settings Terraform neither sets (function.tf) nor leaves to the default on purpose"
                        + " (LEFT_TO_THE_APPLICATION_DEFAULT)");
        assertEquals(Set.of(), TerraformModuleTest.difference(decided, all),
                "settings named here or in Terraform that AirsyncConfig no longer has");
    }

    @Test
    void theSecretsAreHandedOverByArnAndTheTablesAndBucketByName() {
        Map<String, String> env = terraformEnvironment();
        assertEquals("${aws_secretsmanager_secret.airtable_token.arn}", env.get("AIRSYNC_AIRTABLE_TOKEN_SECRET"));
        assertEquals("${aws_secretsmanager_secret.mongodb_uri.arn}", env.get("AIRSYNC_MONGODB_URI_SECRET"));
        assertEquals("${aws_dynamodb_table.state.name}", env.get("AIRSYNC_STATE_TABLE"));
        assertEquals("${aws_s3_bucket.reports.bucket}", env.get("AIRSYNC_REPORT_BUCKET"));
        assertEquals("${var.report_prefix}", env.get("AIRSYNC_REPORT_PREFIX"));
        assertEquals("${var.metrics_namespace}", env.get("AIRSYNC_METRICS_NAMESPACE"));
        // Only native needs DISABLE_SIGNAL_HANDLERS; null leaves it out (see the filter below).
        assertEquals("${var.runtime == \"native\" ? \"true\" : null}", env.get("DISABLE_SIGNAL_HANDLERS"));
        JsonNode function = module.resource("aws_lambda_function", "this");
        assertEquals("${{ for name, value in local.function_environment : name => value if value != null }}",
                text(block(function, "environment"), "variables"),
                "null settings (mapping_location unset, the JVM's DISABLE_SIGNAL_HANDLERS) must be left out");
    }

    @Test
    void everyAirsyncKeyInApplicationPropertiesIsAConfigSetting() throws IOException {
        Properties properties = applicationProperties();
        Set<String> unknown = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("airsync.") && !configProperties().containsKey(key)) {
                unknown.add(key);
            }
        }
        assertEquals(Set.of(), unknown, "application.properties keys AirsyncConfig does not read");
    }

    @Test
    void theHandlersAreQuarkusOwn() throws Exception {
        JsonNode runtimes = module.local("lambda_runtimes");
        JsonNode jvm = runtimes.path("jvm");
        JsonNode nativeRuntime = runtimes.path("native");
        assertEquals("java21", text(jvm, "runtime"));
        assertEquals(QUARKUS_STREAM_HANDLER + "::handleRequest", text(jvm, "handler"));
        assertEquals("provided.al2023", text(nativeRuntime, "runtime"));
        assertEquals("not.used.in.provided.runtime", text(nativeRuntime, "handler"));
        assertEquals(Set.of("jvm", "native"), fieldNames(runtimes));

        // The class the JVM runtime loads is really in the zip's dependencies, with Lambda's stream signature.
        Class<?> handler = Class.forName(QUARKUS_STREAM_HANDLER);
        Method handle = handler.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
        assertTrue(Modifier.isPublic(handle.getModifiers()));
        // ...and it hands each event to the bean Quarkus is told to use.
        assertEquals("airsync", applicationProperties().getProperty("quarkus.lambda.handler"),
                "quarkus.lambda.handler must name the handler bean");

        JsonNode function = module.resource("aws_lambda_function", "this");
        assertEquals("${local.lambda_runtime.runtime}", text(function, "runtime"));
        assertEquals("${local.lambda_runtime.handler}", text(function, "handler"));
        assertEquals("${local.lambda_runtimes[var.runtime]}", module.local("lambda_runtime").asText());
        assertEquals("\"jvm\"", module.variables().get("runtime").path("default").toString(),
                "the JVM runtime is the default: the path the tests and benchmarks verify");
    }

    @Test
    void theJvmRuntimeUsesSnapStartOnPublishedVersions() {
        JsonNode function = module.resource("aws_lambda_function", "this");
        assertTrue(function.path("publish").asBoolean(), "publish = true (SnapStart needs published versions)");
        JsonNode snapStart = TerraformModule.single(function.path("dynamic").path("snap_start"));
        assertEquals("${var.runtime == \"jvm\" ? [1] : []}", text(snapStart, "for_each"));
        assertEquals("PublishedVersions", text(block(snapStart, "content"), "apply_on"));
        JsonNode alias = module.resource("aws_lambda_alias", "live");
        assertEquals("${aws_lambda_function.this.version}", text(alias, "function_version"));
    }

    @Test
    void theDefaultsFitTogether() {
        Map<String, JsonNode> variables = module.variables();
        // Quarkus reads the margin Terraform passes.
        String margin = variables.get("run_time_margin").path("default").asText();
        Duration parsed = DurationConverter.parseDuration(margin);
        assertEquals(Duration.ofSeconds(60), parsed);
        assertEquals(900, variables.get("timeout_seconds").path("default").asInt());
        assertEquals(512, variables.get("memory_size").path("default").asInt());
        assertEquals(1, variables.get("reserved_concurrency").path("default").asInt());
        assertTrue(TerraformModule.text(TerraformModule.single(variables.get("timeout_seconds").path("validation")),
                "condition").contains("var.timeout_seconds <= 900"), "timeout_seconds is validated <= 900");

        // The lock's lease is short (a heartbeat renews it while the run lives), so a crashed run's lock frees within
        // minutes, not after the longest possible invocation.
        String lease = defaultOf("state.lock-lease");
        assertTrue(DurationConverter.parseDuration(lease).compareTo(Duration.ofMinutes(3)) <= 0,
                "airsync.state.lock-lease default " + lease + " must be at most 3 minutes");

        // Terraform's defaults equal the application's, so leaving a variable alone changes nothing.
        assertEquals(defaultOf("metrics.namespace"), variables.get("metrics_namespace").path("default").asText());
        assertEquals(defaultOf("report.prefix"), variables.get("report_prefix").path("default").asText());
        assertEquals(defaultOf("mongodb.database"), variables.get("mongodb_database").path("default").asText());
        assertEquals(defaultOf("time-zone"), variables.get("time_zone").path("default").asText());
        assertEquals(Double.parseDouble(defaultOf("airtable.requests-per-second")),
                variables.get("airtable_requests_per_second").path("default").asDouble());
        assertEquals(defaultOf("run.time-margin"), margin);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The Lambda environment as written in function.tf: variable name -> expression. */
    private Map<String, String> terraformEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        module.local("function_environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        assertFalse(env.isEmpty());
        return env;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every leaf setting of AirsyncConfig as a property name (airsync.airtable.base-id) -> its @WithDefault or null. */
    static Map<String, String> configProperties() {
        Map<String, String> properties = new TreeMap<>();
        collect(AirsyncConfig.class, "airsync", properties);
        return properties;
    }

    private static void collect(Class<?> group, String prefix, Map<String, String> into) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(method.getName()));
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == AirsyncConfig.class) {
                collect(type, name, into);
            } else {
                WithDefault withDefault = method.getAnnotation(WithDefault.class);
                into.put(name, withDefault == null ? null : withDefault.value());
            }
        }
    }

    private static String defaultOf(String relativeProperty) {
        String value = configProperties().get("airsync." + relativeProperty);
        assertNotNull(value, "airsync." + relativeProperty + " has no @WithDefault");
        return value;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** How SmallRye Config names a property in the environment: airsync.airtable.base-id -> AIRSYNC_AIRTABLE_BASE_ID. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        String text = Files.readString(TerraformModule.BASE_DIR.resolve("src/main/resources/application.properties"));
        // Documented-but-unset keys ("#airsync.mongodb.uri-secret=") are checked as well.
        properties.load(new StringReader(text.replaceAll("(?m)^#(airsync\\.[A-Za-z0-9.-]+=)", "$1")));
        return properties;
    }
}
