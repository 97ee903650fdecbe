package io.airsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airsync.testing.aws.Dynalite;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Airtable request counts per base and month, in DynamoDB (dynalite) and in a file: same contract. */
class RequestCountStoreTest {
    static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    static final YearMonth JANUARY = YearMonth.of(2027, 1);

    private static Dynalite dynalite;
    private static DynamoDbClient client;

    @BeforeAll
    static void startDynalite() {
        dynalite = Dynalite.start();
        client = dynalite.client(new io.airsync.testing.aws.RequestCounter());
        Dynalite.createStateTable(client, "airsync-requests");
    }

    @AfterAll
    static void stopDynalite() {
        if (client != null) {
            client.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @Test
    void dynamoDbCountsPerBaseAndMonthAndNeverLosesAConcurrentAddition() throws Exception {
        contract(new DynamoDbRequestCountStore(() -> client, "airsync-requests"));
    }

    @Test
    void aFileCountsTheSame(@TempDir Path dir) throws Exception {
        contract(new FileRequestCountStore(dir));
        assertEquals(5 + 40 * 3, new FileRequestCountStore(dir).monthToDate("appOne", DECEMBER), "kept on disk");
    }

    private static void contract(RequestCountStore store) throws Exception {
        assertEquals(0, store.monthToDate("appOne", DECEMBER));
        assertEquals(5, store.add("appOne", DECEMBER, 5));
        assertEquals(7, store.add("appTwo", DECEMBER, 7));
        assertEquals(1, store.add("appOne", JANUARY, 1), "a new month starts at zero");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Long>> adds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                adds.add(pool.submit(() -> store.add("appOne", DECEMBER, 3)));
            }
            for (Future<Long> f : adds) {
                f.get(1, TimeUnit.MINUTES); // hang guard
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(5 + 40 * 3, store.monthToDate("appOne", DECEMBER));
        assertEquals(7, store.monthToDate("appTwo", DECEMBER));
        assertEquals(1, store.monthToDate("appOne", JANUARY));
    }
}
