package io.airsync.testing.aws;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Secrets Manager for a {@code @QuarkusTest}: an {@link AwsJsonTestDouble} that Airsync's own Secrets Manager client is
 * pointed at ({@code airsync.aws.endpoint-override}), with {@code airsync.airtable.token-secret} naming
 * {@link #SECRET_NAME}. It answers nothing until the test says how ({@link #secrets()}{@code .on(...)}). The SDK gets
 * a region and dummy credentials through system properties, as Lambda gives them through the environment.
 */
public class SecretsManagerDoubleResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET_NAME = "airsync/test/airtable-token";
    public static final String GET_SECRET_VALUE = "secretsmanager.GetSecretValue";

    private static final Map<String, String> SDK_PROPERTIES = Map.of("aws.region", "us-east-1",
            "aws.accessKeyId", "test-access-key", "aws.secretAccessKey", "test-secret-key");
    private static volatile AwsJsonTestDouble secrets;

    public static AwsJsonTestDouble secrets() {
        return secrets;
    }

    /** A GetSecretValue answer carrying {@code value} as the SecretString of {@link #SECRET_NAME}. */
    public static AwsJsonTestDouble.Response secretString(String value) {
        String json = "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:" + SECRET_NAME + "-AbCdEf\","
                + "\"Name\":\"" + SECRET_NAME + "\",\"SecretString\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"VersionId\":\"v1\"}";
        return AwsJsonTestDouble.Response.ok(json);
    }

    @Override
    public Map<String, String> start() {
        secrets = new AwsJsonTestDouble();
        SDK_PROPERTIES.forEach(System::setProperty);
        return Map.of("airsync.aws.endpoint-override", secrets.endpoint().toString(),
                "airsync.airtable.token-secret", SECRET_NAME);
    }

    @Override
    public void stop() {
        SDK_PROPERTIES.keySet().forEach(System::clearProperty);
        if (secrets != null) {
            secrets.close();
            secrets = null;
        }
    }
}
