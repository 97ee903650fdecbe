package io.airsync.testing.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract check, with no real Airtable here (no network): a second emulator stands in for the real API. What
 * this shows is the check's mechanics (tables created on both sides, every scenario answered, differences found,
 * a base with records refused), not that the emulator matches Airtable: only a run against a real base shows that.
 */
class ContractCheckTest {
    static final String BASE = "appContractBase01";
    static final String TOKEN = "patContract.0123";

    AirtableEmulator standIn;

    @BeforeEach
    void start() {
        standIn = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(5));
        standIn.addBase(BASE, "{\"tables\":[{\"name\":\"Table 1\",\"fields\":[{\"name\":\"Name\",\"type\":\"singleLineText\"}]}]}");
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void anEmulatorStandingInForAirtableAnswersEveryBehaviourTheSame() {
        // Time-scaled ten times: the command spaces requests 210 ms apart against Airtable's 5 a second; here 21 ms
        // against a stand-in allowing 50 a second, which shows the same spacing rule without waiting for it.
        standIn.options().requestsPerSecond(50);
        List<ContractCheck.Row> rows = ContractCheckMain.compare(standIn.url(), TOKEN, BASE, false, Duration.ofMillis(21));

        String table = ContractCheck.render(rows);
        assertTrue(rows.size() >= 20, table);
        assertTrue(rows.stream().allMatch(ContractCheck.Row::same), table);
        assertTrue(table.contains("All " + rows.size() + " behaviours answer the same."), table);
        assertTrue(table.contains("| 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND |"), table);
        assertEquals(0, standIn.requests().stream().filter(r -> r.status() == 429).count(), "spaced under the stand-in's rate");
        assertTrue(standIn.schemaJson(BASE).contains("airsync contract "), "the scratch tables were created");
        String scratch = rows.isEmpty() ? null : standIn.schemaJson(BASE).replaceAll("(?s).*\"(airsync contract [0-9-]+)\".*", "$1");
        assertTrue(standIn.records(BASE, scratch).isEmpty(), "the records the check made are deleted again");
    }

    @Test
    void aDifferenceIsShownRowByRow() {
        standIn.options().requestsPerSecond(0).apiKeyEraErrors(true); // answers unknown tables as in the API-key era

        List<ContractCheck.Row> rows = ContractCheckMain.compare(standIn.url(), TOKEN, BASE, false, Duration.ZERO);

        ContractCheck.Row unknown = rows.stream().filter(r -> r.behaviour().equals("unknown table")).findFirst().orElseThrow();
        assertEquals("404 TABLE_NOT_FOUND", unknown.real());
        assertEquals("403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", unknown.emulator());
        String table = ContractCheck.render(rows);
        assertTrue(table.contains("behaviours differ"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("unknown table ") && l.endsWith("| NO")), table);
    }

    @Test
    void aBaseThatHoldsRecordsIsRefusedUnlessAllowed() {
        standIn.options().requestsPerSecond(0);
        standIn.putRecord(BASE, "Table 1", Map.of("Name", "precious"));

        ContractCheck.BaseNotEmptyException e = assertThrows(ContractCheck.BaseNotEmptyException.class,
                () -> ContractCheckMain.compare(standIn.url(), TOKEN, BASE, false, Duration.ZERO));
        assertTrue(e.getMessage().contains("holds records (table 'Table 1')"), e.getMessage());
        assertTrue(standIn.requests().stream().allMatch(r -> r.method().equals("GET")), "nothing written");

        List<ContractCheck.Row> rows = ContractCheckMain.compare(standIn.url(), TOKEN, BASE, true, Duration.ZERO);
        assertTrue(rows.stream().allMatch(ContractCheck.Row::same), ContractCheck.render(rows));
        assertEquals(1, standIn.records(BASE, "Table 1").size(), "the base's own record untouched");
    }
}
