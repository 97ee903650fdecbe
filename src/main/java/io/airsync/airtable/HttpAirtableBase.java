package io.airsync.airtable;

import io.airsync.time.Deadline;

/** One base seen with one token; pacing and stats live in the base's shared {@link BaseRequestExecutor}. */
final class HttpAirtableBase implements AirtableBase {
    private final String id;
    private final String token;
    private final AirtableClient client;
    private final BaseRequestExecutor executor;
    private final Deadline deadline;

    HttpAirtableBase(String id, String token, AirtableClient client, BaseRequestExecutor executor) {
        this(id, token, client, executor, Deadline.NONE);
    }

    private HttpAirtableBase(String id, String token, AirtableClient client, BaseRequestExecutor executor,
            Deadline deadline) {
        this.id = id;
        this.token = token;
        this.client = client;
        this.executor = executor;
        this.deadline = deadline;
    }

    @Override
    public AirtableBase within(Deadline deadline) {
        return new HttpAirtableBase(id, token, client, executor, deadline == null ? Deadline.NONE : deadline);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public AirtableTable table(String nameOrId) {
        if (nameOrId == null || nameOrId.isBlank()) {
            throw new IllegalArgumentException("Airtable table name or ID is empty (base " + id + ")");
        }
        return new HttpAirtableTable(this, nameOrId);
    }

    /**
     * The schema; when Airtable refuses it (403, or 404 for an API key), one more request (the token's list of bases)
     * tells which of the likely causes it is, and the exception says so: the token lacks {@code schema.bases:read},
     * or the base was not granted to the token (or does not exist).
     */
    @Override
    public BaseSchema schema() {
        try {
            return call(RequestKind.SCHEMA, "schema of base " + id, (api, auth) -> api.schema(auth, id));
        } catch (AirtableAuthException | AirtableNotFoundException e) {
            if (e.status() == 401) {
                throw e;
            }
            throw AirtableErrors.explained(e, schemaRefusalCause());
        }
    }

    private static final int MAX_BASE_PAGES = 10;

    private String schemaRefusalCause() {
        try {
            String offset = null;
            int seen = 0;
            for (int page = 0; page < MAX_BASE_PAGES; page++) {
                String from = offset;
                AirtableWire.BasesPage bases = call(RequestKind.SCHEMA, "list of the token's bases",
                        (api, auth) -> api.bases(auth, from));
                if (bases.bases().stream().anyMatch(b -> id.equals(b.id()))) {
                    return "the token lists base " + id + " but may not read its schema (its owner's permission on the"
                            + " base may be too low)";
                }
                seen += bases.bases().size();
                offset = bases.offset();
                if (offset == null || offset.isEmpty()) {
                    break;
                }
            }
            return "base " + id + " is not granted to this token (it sees " + seen + " other base"
                    + (seen == 1 ? "" : "s") + "); add the base to the token's access, or check the base ID";
        } catch (AirtableException listRefused) {
            if (listRefused.status() == 403 || listRefused.status() == 404) {
                return "the token lacks the schema.bases:read scope (Airsync reads the schema to check the mapping);"
                        + " add it to the token";
            }
            return "base " + id + " not granted to the token, or the token lacks the schema.bases:read scope";
        }
    }

    @Override
    public AirtableRequestStats stats() {
        return executor.stats();
    }

    boolean usesToken(String other) {
        return token.equals(other);
    }

    AirtableClient client() {
        return client;
    }

    /** A paced, retried call; failures carry {@code request} and never the token. */
    <T> T call(RequestKind kind, String request, ApiCall<T> call) {
        return call(kind, request, (api, auth, mayHaveApplied) -> call.send(api, auth));
    }

    <T> T call(RequestKind kind, String request, RetryAwareApiCall<T> call) {
        String authorization = AirtableWire.bearer(token);
        try {
            return executor.execute(kind, request, deadline,
                    mayHaveApplied -> call.send(client.api(), authorization, mayHaveApplied));
        } catch (AirtableDeadlineException e) {
            throw e;
        } catch (AirtableException e) {
            AirtableException described = AirtableErrors.withRequest(e, request);
            if (e.status() == 403 && kind != RequestKind.SCHEMA) {
                described = AirtableErrors.explained(described, kind == RequestKind.LIST || kind == RequestKind.GET
                        ? "the table was renamed or deleted, or the token lacks the data.records:read scope"
                        : "the token lacks the data.records:write scope, its owner may not edit this base,"
                                + " or the table was renamed or deleted");
            }
            throw AirtableErrors.redact(described, token);
        }
    }

    @FunctionalInterface
    interface ApiCall<T> {
        T send(AirtableRestApi api, String authorization);
    }

    @FunctionalInterface
    interface RetryAwareApiCall<T> {
        T send(AirtableRestApi api, String authorization, boolean earlierAttemptMayHaveApplied);
    }

    @Override
    public String toString() {
        return "AirtableBase[" + id + "]";
    }

}
