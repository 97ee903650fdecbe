package io.airsync.airtable;

import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** REST-client hook: every answer with status >= 400 becomes a typed {@link AirtableException} built from its raw body. */
public class AirtableErrorMapper implements ResponseExceptionMapper<AirtableException> {

    @Override
    public AirtableException toThrowable(Response response) {
        String body = "";
        if (response.hasEntity()) {
            try {
                body = response.readEntity(String.class);
            } catch (RuntimeException unreadable) {
                body = "";
            }
        }
        return AirtableErrors.fromResponse(response.getStatus(), body);
    }
}
