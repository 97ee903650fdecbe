package io.airsync.airtable;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/** The Airtable Web API's request and answer bodies, as they travel (answers also use AirtableRecord and BaseSchema). */
public final class AirtableWire {
    private AirtableWire() {
    }

    /** GET/POST list answer: one page, and the offset of the next one (absent on the last page). */
    @RegisterForReflection
    public record ListPage(List<AirtableRecord> records, String offset) {
        public ListPage {
            records = records == null ? List.of() : records;
        }
    }

    /** GET /v0/meta/bases answer: the bases the token was granted, a page at a time. */
    @RegisterForReflection
    public record BasesPage(List<BaseInfo> bases, String offset) {
        public BasesPage {
            bases = bases == null ? List.of() : bases;
        }
    }

    @RegisterForReflection
    public record BaseInfo(String id, String name, String permissionLevel) {
    }

    /** POST .../listRecords body: the list options that would not fit in a GET URL. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListRecordsBody(
            List<String> fields,
            String filterByFormula,
            Boolean returnFieldsByFieldId,
            String cellFormat,
            String view,
            Integer pageSize,
            Integer maxRecords,
            String offset) {
    }

    /** One record to write: no id for creates and upserts; id + fields for updates. Null cell values clear cells. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WriteRecord(String id, Map<String, Object> fields) {
    }

    /** POST / PATCH / PUT body; performUpsert only for upserts. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WriteBody(List<WriteRecord> records, Boolean typecast, PerformUpsert performUpsert) {
    }

    @RegisterForReflection
    public record PerformUpsert(List<String> fieldsToMergeOn) {
    }

    /** Answer to create / update: the records as stored. */
    @RegisterForReflection
    public record RecordsAnswer(List<AirtableRecord> records) {
        public RecordsAnswer {
            records = records == null ? List.of() : records;
        }
    }

    /** Answer to an upsert: the records, and which IDs were created and which updated. */
    @RegisterForReflection
    public record UpsertAnswer(List<AirtableRecord> records, List<String> createdRecords, List<String> updatedRecords) {
        public UpsertAnswer {
            records = records == null ? List.of() : records;
            createdRecords = createdRecords == null ? List.of() : createdRecords;
            updatedRecords = updatedRecords == null ? List.of() : updatedRecords;
        }
    }

    /** Answer to DELETE ?records[]=...: {@code {"records":[{"id":"rec...","deleted":true}]}}. */
    @RegisterForReflection
    public record DeleteAnswer(List<Deleted> records) {
        public DeleteAnswer {
            records = records == null ? List.of() : records;
        }
    }

    @RegisterForReflection
    public record Deleted(String id, boolean deleted) {
    }

    /** Value of the Authorization header; the only place the token is put on the wire. */
    static String bearer(String token) {
        return "Bearer " + token;
    }
}
