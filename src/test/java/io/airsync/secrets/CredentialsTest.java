package io.airsync.secrets;

import static io.airsync.secrets.SecretResolverTest.TOKEN;
import static io.airsync.secrets.SecretResolverTest.assertNoValueIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.config.AirsyncConfig;
import io.airsync.testing.AirsyncTestConfig;
import io.airsync.testing.aws.AwsJsonTestDouble;
import io.airsync.testing.aws.AwsJsonTestDouble.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private static final String MONGO_URI = "mongodb+srv://airsync:S3cr3tPassw0rd@cluster0.example.net/airsync";

    private AwsJsonTestDouble aws;

    @BeforeEach
    void start() {
        aws = new AwsJsonTestDouble()
                .on("secretsmanager.GetSecretValue", body -> body.contains("airsync/airtable")
                        ? SecretResolverTest.secretString("airsync/airtable", "{\"token\":\"" + TOKEN + "\"}")
                        : Response.error(400, "AccessDeniedException", "not authorized"))
                .on("AmazonSSM.GetParameter", body -> Response.ok("{\"Parameter\":{\"Name\":\"/airsync/mongo-uri\","
                        + "\"Type\":\"SecureString\",\"Value\":\"" + MONGO_URI + "\"}}"));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private Credentials credentials(Map<String, String> properties) {
        AirsyncConfig config = AirsyncTestConfig.of(properties);
        return new Credentials(config, SecretResolverTest.resolverFor(aws));
    }

    @Test
    void directValuesAreUsedAsTheyAreWithoutAws() {
        Credentials credentials = credentials(Map.of("airsync.airtable.token", TOKEN,
                "airsync.mongodb.uri", MONGO_URI, "airsync.airtable.token-secret", "ignored"));

        assertEquals(TOKEN, credentials.airtableToken());
        assertEquals(MONGO_URI, credentials.mongoUri());
        assertTrue(aws.requests().isEmpty());
    }

    @Test
    void secretReferencesAreReadOnceAndKept() {
        Credentials credentials = credentials(Map.of("airsync.airtable.token-secret", "airsync/airtable",
                "airsync.mongodb.uri-secret", "ssm:/airsync/mongo-uri"));

        assertEquals(TOKEN, credentials.airtableToken());
        assertEquals(MONGO_URI, credentials.mongoUri());
        assertEquals(TOKEN, credentials.airtableToken());
        assertEquals(MONGO_URI, credentials.mongoUri());

        assertEquals(2, aws.requests().size(), "each secret is read once: " + aws.requests());
        assertNoValueIn(credentials.toString(), TOKEN, "S3cr3tPassw0rd");
        assertTrue(credentials.toString().contains("secret airsync/airtable"), credentials.toString());
    }

    @Test
    void aMissingSettingNamesTheSettingAndTheEnvironmentVariable() {
        Credentials credentials = credentials(Map.of());

        MissingSecretException token = assertThrows(MissingSecretException.class, credentials::airtableToken);
        assertTrue(token.getMessage().contains("airsync.airtable.token"), token.getMessage());
        assertTrue(token.getMessage().contains("AIRSYNC_AIRTABLE_TOKEN"), token.getMessage());
        assertTrue(token.getMessage().contains("AIRSYNC_AIRTABLE_TOKEN_SECRET"), token.getMessage());

        MissingSecretException uri = assertThrows(MissingSecretException.class, credentials::mongoUri);
        assertTrue(uri.getMessage().contains("AIRSYNC_MONGODB_URI"), uri.getMessage());
        assertTrue(uri.getMessage().contains("AIRSYNC_MONGODB_URI_SECRET"), uri.getMessage());
    }

    @Test
    void anUnreadableSecretNamesTheReferenceAndTheAwsErrorButNoValue() {
        Credentials credentials = credentials(Map.of("airsync.mongodb.uri-secret", "airsync/mongo",
                "airsync.airtable.token", TOKEN));

        MissingSecretException e = assertThrows(MissingSecretException.class, credentials::mongoUri);

        assertTrue(e.getMessage().contains("airsync.mongodb.uri-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("'airsync/mongo'"), e.getMessage());
        assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
        assertNoValueIn(e.getMessage(), TOKEN, "S3cr3tPassw0rd", "test-secret-key");
        assertNoValueIn(credentials.toString(), TOKEN);
    }
}
