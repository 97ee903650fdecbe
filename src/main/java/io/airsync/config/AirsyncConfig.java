package io.airsync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Every Airsync setting, read once from Quarkus configuration (application.properties, then environment
 * variables: {@code airsync.airtable.base-id} is {@code AIRSYNC_AIRTABLE_BASE_ID}).
 */
@ConfigMapping(prefix = "airsync")
public interface AirsyncConfig {

    Airtable airtable();

    Mongodb mongodb();

    Mapping mapping();

    /** Time zone used to render date-only values and to interpret zone-less date-times. */
    @WithDefault("UTC")
    ZoneId timeZone();

    State state();

    Report report();

    Local local();

    Run run();

    Metrics metrics();

    Aws aws();

    interface Airtable {
        /** The Airtable base ID ({@code app...}). */
        Optional<String> baseId();

        /** The personal access token itself; for local runs only. */
        Optional<String> token();

        /** Secrets Manager name/ARN, or {@code ssm:/name}, holding the token; preferred in Lambda. */
        Optional<String> tokenSecret();

        @WithDefault("https://api.airtable.com")
        String url();

        /** Requests per second per base, shared by everything in this process. Airtable allows 5. */
        @WithDefault("5")
        double requestsPerSecond();

        /** How long Airtable refuses requests after a 429. */
        @WithDefault("30S")
        Duration rateLimitPenalty();

        /** Concurrent requests in flight per base (pacing still applies). */
        @WithDefault("5")
        int maxInFlight();

        /** Retries for 5xx, resets and timeouts (429s are waited out separately, see rateLimitRetries). */
        @WithDefault("6")
        int maxRetries();

        /** How many consecutive 429 penalties one request waits out before giving up. */
        @WithDefault("10")
        int rateLimitRetries();

        @WithDefault("5S")
        Duration connectTimeout();

        @WithDefault("30S")
        Duration readTimeout();

        /**
         * The workspace's Airtable plan (free, team, business, enterprise): defaults for the monthly request budget
         * and the records-per-base cap ({@link AirtablePlan}). Unset: neither is enforced.
         */
        Optional<AirtablePlan> plan();

        /** API calls a month for this base, overriding the plan's (the plan counts per workspace). */
        Optional<Long> monthlyRequestBudget();

        /** Records this base may hold, overriding the plan's. */
        Optional<Long> recordsPerBase();
    }

    interface Mongodb {
        /** The connection string itself; for local runs only. */
        Optional<String> uri();

        /** Secrets Manager name/ARN, or {@code ssm:/name}, holding the URI; preferred in Lambda. */
        Optional<String> uriSecret();

        @WithDefault("airsync")
        String database();

        @WithDefault("1000")
        int batchSize();

        /** Production refuses a URI without TLS unless this is set. */
        @WithDefault("false")
        boolean allowInsecure();
    }

    interface Mapping {
        /** {@code classpath:...}, a file path, or {@code s3://bucket/key}. */
        @WithDefault("classpath:mapping/default-mapping.yaml")
        String location();
    }

    interface State {
        /** DynamoDB table; unset means local files under {@code airsync.local.dir}. */
        Optional<String> table();

        /**
         * The single-flight lock's lease: renewed by a heartbeat every third of it while the run lives, so a crashed
         * run's lock frees within one lease. At most 3 minutes by design.
         */
        @WithDefault("3M")
        Duration lockLease();
    }

    interface Report {
        /** S3 bucket; unset means local files under {@code airsync.local.dir}. */
        Optional<String> bucket();

        @WithDefault("reports/")
        String prefix();
    }

    interface Local {
        /** Where the local run keeps state and reports. */
        @WithDefault("infra/local/data")
        Path dir();
    }

    interface Run {
        /** Stop cleanly and checkpoint when less than this is left of the Lambda's time. */
        @WithDefault("60S")
        Duration timeMargin();

        /** After a checkpoint, invoke this same function asynchronously to go on at once. */
        @WithDefault("false")
        boolean selfContinue();

        /** A progress log line every this many documents (and at least every 10 s). */
        @WithDefault("1000")
        int progressEvery();

        /** A cap on one invocation's working time, below the Lambda's own limit (unset: the Lambda's time decides). */
        Optional<Duration> timeBudget();

        /** Endpoint of the Lambda API for the self-continue call (unset: AWS's; set for tests). */
        Optional<java.net.URI> lambdaEndpoint();
    }

    interface Metrics {
        /** CloudWatch namespace of the Embedded Metric Format line each run prints. */
        @WithDefault("Airsync")
        String namespace();
    }

    interface Aws {
        /**
         * Endpoint of the Secrets Manager and SSM clients Airsync builds itself, for tests and emulators; unset means
         * the AWS endpoints of the region in {@code AWS_REGION}. (The DynamoDB and S3 clients have their own
         * {@code quarkus.dynamodb.endpoint-override} / {@code quarkus.s3.endpoint-override}.)
         */
        Optional<URI> endpointOverride();
    }
}
