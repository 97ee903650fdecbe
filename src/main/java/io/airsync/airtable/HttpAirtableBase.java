package io.airsync.airtable;

/** One base seen with one token; pacing and stats live in the base's shared {@link BaseRequestExecutor}. */
final class HttpAirtableBase implements AirtableBase {
    private final String id;
    private final String token;
    private final AirtableClient client;
    private final BaseRequestExecutor executor;

    HttpAirtableBase(String id, String token, AirtableClient client, BaseRequestExecutor executor) {
        this.id = id;
        this.token = token;
        this.client = client;
        this.executor = executor;
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

    @Override
    public BaseSchema schema() {
        return call(RequestKind.SCHEMA, "schema of base " + id, (api, auth) -> api.schema(auth, id));
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
            return executor.execute(kind, request,
                    mayHaveApplied -> call.send(client.api(), authorization, mayHaveApplied));
        } catch (AirtableException e) {
            throw AirtableErrors.redact(AirtableErrors.withRequest(e, request), token);
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
