package io.airsync.testing.aws;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * dynalite (an in-memory DynamoDB) on a free loopback port, for plain JUnit tests, the benchmark and the local
 * AWS-emulated run: {@code try (Dynalite db = Dynalite.start()) { db.createStateTable("airsync-state"); ... }}.
 */
public final class Dynalite implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY = "dynalite-test";
    public static final String SECRET_KEY = "dynalite-test";

    private final NodeTool tool;

    private Dynalite(NodeTool tool) {
        this.tool = tool;
    }

    public static Dynalite start() {
        return new Dynalite(NodeTool.start("dynalite", "dynalite/cli.js", List.of(
                "--host", "127.0.0.1", "--port", "{port}",
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")));
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + tool.port());
    }

    /** A client for this dynalite (static test credentials, us-east-1, URL connection HTTP client). */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .build();
    }

    /** Creates the state table as Terraform does (pk S, sk S, on demand). */
    public void createStateTable(String name) {
        try (DynamoDbClient client = client()) {
            createStateTable(client, name);
        }
    }

    /**
     * Creates the Airsync state table: partition key {@code pk} (S), sort key {@code sk} (S), on-demand billing.
     * (dynalite has no TTL; in AWS, Terraform also enables TTL on {@code expiresAt}.)
     */
    public static void createStateTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        for (int i = 0; i < 100; i++) {
            if (client.describeTable(b -> b.tableName(name)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("DynamoDB table " + name + " did not become ACTIVE");
    }

    @Override
    public void close() {
        tool.close();
    }
}
