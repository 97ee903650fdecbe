package io.airsync.airtable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The Airtable Web API over HTTP. Built per {@link AirtableClient} with QuarkusRestClientBuilder (so the URL and
 * timeouts come from {@link AirtableSettings}); nothing injects it. The token travels only in the Authorization
 * header ({@code "Bearer " + token}). Path parameters are encoded as path segments by the client (a table named
 * "My Table" goes as My%20Table). Error answers become typed exceptions through {@link AirtableErrorMapper}.
 */
@Path("/v0")
@RegisterRestClient(configKey = "airtable")
@RegisterProvider(AirtableErrorMapper.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AirtableRestApi {

    /** Same JSON rules as the error parser and the fixture tests. */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return AirtableJson.MAPPER;
    }

    /** One page; query holds fields[], filterByFormula, ..., offset (only the ones set). */
    @GET
    @Path("/{baseId}/{table}")
    AirtableWire.ListPage list(@HeaderParam("Authorization") String authorization,
            @PathParam("baseId") String baseId, @PathParam("table") String table,
            @RestQuery MultivaluedMap<String, String> query);

    /**
     * One page, options in the body: for lists whose GET URL would be too long. Airtable reads {@code timeZone} and
     * {@code userLocale} from the query string here, not from the body (null: not sent).
     */
    @POST
    @Path("/{baseId}/{table}/listRecords")
    AirtableWire.ListPage listByPost(@HeaderParam("Authorization") String authorization,
            @PathParam("baseId") String baseId, @PathParam("table") String table,
            @RestQuery("timeZone") String timeZone, @RestQuery("userLocale") String userLocale,
            AirtableWire.ListRecordsBody body);

    @GET
    @Path("/{baseId}/{table}/{recordId}")
    AirtableRecord get(@HeaderParam("Authorization") String authorization,
            @PathParam("baseId") String baseId, @PathParam("table") String table,
            @PathParam("recordId") String recordId);

    @POST
    @Path("/{baseId}/{table}")
    AirtableWire.RecordsAnswer create(@HeaderParam("Authorization") String authorization,
            @PathParam("baseId") String baseId, @PathParam("table") String table, AirtableWire.WriteBody body);

    /** Update (by id) or, with performUpsert, upsert (by merge fields). */
    @PATCH
    @Path("/{baseId}/{table}")
    AirtableWire.UpsertAnswer patch(@HeaderParam("Authorization") String authorization,
            @PathParam("baseId") String baseId, @PathParam("table") String table, AirtableWire.WriteBody body);

    /** Destructive update: cells not given are cleared. */
    @PUT
    @Path("/{baseId}/{table}")
    AirtableWire.RecordsAnswer replace(@HeaderParam("Authorization") String authorization,
            @PathParam("baseId") String baseId, @PathParam("table") String table, AirtableWire.WriteBody body);

    @DELETE
    @Path("/{baseId}/{table}")
    AirtableWire.DeleteAnswer delete(@HeaderParam("Authorization") String authorization,
            @PathParam("baseId") String baseId, @PathParam("table") String table,
            @RestQuery("records[]") List<String> recordIds);

    /** The bases the token was granted (needs schema.bases:read); offset for the next page. */
    @GET
    @Path("/meta/bases")
    AirtableWire.BasesPage bases(@HeaderParam("Authorization") String authorization, @RestQuery("offset") String offset);

    @GET
    @Path("/meta/bases/{baseId}/tables")
    BaseSchema schema(@HeaderParam("Authorization") String authorization, @PathParam("baseId") String baseId);
}
