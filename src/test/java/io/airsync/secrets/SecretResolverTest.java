package io.airsync.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.testing.aws.AwsJsonTestDouble;
import io.airsync.testing.aws.AwsJsonTestDouble.Response;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** SecretResolver against a JDK HttpServer speaking the Secrets Manager and SSM JSON protocol. */
class SecretResolverTest {

    static final String TOKEN = "patAbCdEf0123456789.secretpart";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsJsonTestDouble aws;
    private SecretResolver resolver;

    @BeforeEach
    void start() {
        aws = new AwsJsonTestDouble();
        resolver = resolverFor(aws);
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    static SecretResolver resolverFor(AwsJsonTestDouble aws) {
        return new SecretResolver(Optional.of(aws.endpoint()), () -> Region.EU_WEST_1,
                () -> StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret-key")));
    }

    static Response secretString(String name, String value) {
        try {
            return Response.ok(JSON.writeValueAsString(JSON.createObjectNode()
                    .put("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name + "-AbCdEf")
                    .put("Name", name).put("SecretString", value).put("VersionId", "v1")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsASecretsManagerSecretByName() throws Exception {
        aws.on("secretsmanager.GetSecretValue", body -> secretString("airsync/airtable", TOKEN + "\n"));

        assertEquals(TOKEN, resolver.resolve("airsync/airtable", "token"));

        AwsJsonTestDouble.Request request = aws.requests().get(0);
        assertEquals("secretsmanager.GetSecretValue", request.target());
        assertEquals("application/x-amz-json-1.1", request.contentType());
        assertEquals("airsync/airtable", JSON.readTree(request.body()).get("SecretId").asText());
        assertTrue(request.authorization().startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), request.authorization());
        assertTrue(request.authorization().contains("/eu-west-1/secretsmanager/aws4_request"), request.authorization());
    }

    @Test
    void readsASecretsManagerSecretByArn() throws Exception {
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:airsync/mongo-AbCdEf";
        aws.on("secretsmanager.GetSecretValue", body -> secretString("airsync/mongo", "mongodb+srv://u:p@h/db"));

        assertEquals("mongodb+srv://u:p@h/db", resolver.resolve(arn, "uri"));

        assertEquals(arn, JSON.readTree(aws.requests().get(0).body()).get("SecretId").asText());
    }

    @Test
    void readsAnSsmParameterWithDecryption() throws Exception {
        aws.on("AmazonSSM.GetParameter", body -> Response.ok("{\"Parameter\":{\"Name\":\"/airsync/airtable-token\","
                + "\"Type\":\"SecureString\",\"Value\":\"" + TOKEN + "\",\"Version\":3}}"));

        assertEquals(TOKEN, resolver.resolve("ssm:/airsync/airtable-token", "token"));

        AwsJsonTestDouble.Request request = aws.requests().get(0);
        assertEquals("AmazonSSM.GetParameter", request.target());
        JsonNode body = JSON.readTree(request.body());
        assertEquals("/airsync/airtable-token", body.get("Name").asText());
        assertTrue(body.get("WithDecryption").asBoolean());
        assertTrue(request.authorization().contains("/eu-west-1/ssm/aws4_request"), request.authorization());
    }

    @Test
    void picksTheJsonMemberByRule() {
        aws.on("secretsmanager.GetSecretValue", body -> {
            String id = body.contains("one-key") ? "one-key" : "several";
            return id.equals("one-key")
                    ? secretString(id, "{\"airtable\":\"" + TOKEN + "\"}")
                    : secretString(id, "{\"user\":\"bob\",\"token\":\"" + TOKEN + "\",\"password\":\"hunter2\"}");
        });

        assertEquals(TOKEN, resolver.resolve("one-key", "token"), "a single member is the value");
        assertEquals(TOKEN, resolver.resolve("several", "token"), "the member named like the setting");
        assertEquals("hunter2", resolver.resolve("several#password", "token"), "#key selects a member");

        MissingSecretException noRule = assertThrows(MissingSecretException.class,
                () -> resolver.resolve("several", "uri"));
        assertTrue(noRule.getMessage().contains("'several'"), noRule.getMessage());
        assertTrue(noRule.getMessage().contains("[user, token, password]"), noRule.getMessage());
        assertNoValueIn(noRule.getMessage(), TOKEN, "hunter2", "bob");

        MissingSecretException missingKey = assertThrows(MissingSecretException.class,
                () -> resolver.resolve("several#uri", "uri"));
        assertTrue(missingKey.getMessage().contains("no key 'uri'"), missingKey.getMessage());
        assertNoValueIn(missingKey.getMessage(), TOKEN, "hunter2", "bob");
    }

    @Test
    void aSecretThatIsNotFoundIsNamedWithTheAwsErrorCode() {
        aws.on("secretsmanager.GetSecretValue", body -> Response.error(400, "ResourceNotFoundException",
                "Secrets Manager can't find the specified secret."));

        MissingSecretException e = assertThrows(MissingSecretException.class,
                () -> resolver.resolve("airsync/missing", "token"));

        assertTrue(e.getMessage().contains("'airsync/missing'"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertNoValueIn(e.getMessage(), "test-secret-key");
    }

    @Test
    void aDeniedParameterIsNamedWithTheAwsErrorCode() {
        aws.on("AmazonSSM.GetParameter", body -> Response.error(400, "AccessDeniedException",
                "User is not authorized to perform: ssm:GetParameter"));

        MissingSecretException e = assertThrows(MissingSecretException.class,
                () -> resolver.resolve("ssm:/airsync/mongo-uri", "uri"));

        assertTrue(e.getMessage().contains("'ssm:/airsync/mongo-uri'"), e.getMessage());
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
    }

    @Test
    void anEmptySecretIsRefused() {
        aws.on("secretsmanager.GetSecretValue", body -> secretString("empty", "  "));

        MissingSecretException e = assertThrows(MissingSecretException.class, () -> resolver.resolve("empty", "token"));

        assertTrue(e.getMessage().contains("'empty' is empty"), e.getMessage());
    }

    @Test
    void malformedJsonWithAKeyIsRefusedWithoutQuotingIt() {
        aws.on("secretsmanager.GetSecretValue", body -> secretString("broken", "{\"token\":\"" + TOKEN));

        MissingSecretException e = assertThrows(MissingSecretException.class,
                () -> resolver.resolve("broken#token", "token"));

        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        assertNoValueIn(e.getMessage(), TOKEN);
    }

    @Test
    void parsesReferences() {
        assertEquals(new SecretReference(SecretReference.Service.SSM, "/a/b", null), SecretReference.parse("ssm:/a/b"));
        assertEquals(new SecretReference(SecretReference.Service.SSM, "/a/b", "k"), SecretReference.parse(" ssm:/a/b#k "));
        assertEquals(SecretReference.Service.SSM,
                SecretReference.parse("arn:aws:ssm:eu-west-1:123456789012:parameter/airsync/token").service());
        assertEquals(new SecretReference(SecretReference.Service.SECRETS_MANAGER, "airsync/x", "uri"),
                SecretReference.parse("airsync/x#uri"));
        assertEquals("ssm:/a/b#k", SecretReference.parse("ssm:/a/b#k").toString());
        assertThrows(IllegalArgumentException.class, () -> SecretReference.parse("ssm:"));
        assertThrows(IllegalArgumentException.class, () -> SecretReference.parse(" "));
    }

    @Test
    void noClientIsBuiltUntilASecretIsRead() {
        SecretResolver unconfigured = new SecretResolver(Optional.empty(), () -> {
            throw new IllegalStateException("no region");
        }, () -> {
            throw new IllegalStateException("no credentials");
        });
        assertFalse(unconfigured.toString().isEmpty());
        assertThrows(IllegalStateException.class, () -> unconfigured.resolve("x", "token"));
    }

    static void assertNoValueIn(String message, String... values) {
        for (String value : values) {
            assertFalse(message.contains(value), "message reveals a secret value: " + message);
        }
    }
}
