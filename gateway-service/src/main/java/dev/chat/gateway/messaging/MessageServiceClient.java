package dev.chat.gateway.messaging;

import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.OperationBatch;
import dev.chat.common.internal.OperationResults;
import dev.chat.common.internal.PendingPage;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.common.internal.TypingRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** message-service's internal API ({@code quarkus.rest-client.message-service.url}). */
@RegisterRestClient(configKey = "message-service")
@Path("/internal/v1")
public interface MessageServiceClient {

    @POST
    @Path("/messages")
    Uni<SendResponse> send(SendRequest request);

    @POST
    @Path("/devices/{userId}/{deviceId}/pending")
    Uni<PendingPage> pending(@PathParam("userId") UUID userId, @PathParam("deviceId") String deviceId,
            @QueryParam("after") UUID after, @QueryParam("limit") int limit);

    @POST
    @Path("/receipts/delivered")
    Uni<List<UUID>> delivered(DeliveredRequest request);

    @POST
    @Path("/receipts/seen")
    Uni<Void> seen(SeenRequest request);

    @POST
    @Path("/typing")
    Uni<Void> typing(TypingRequest request);

    @POST
    @Path("/batches")
    Uni<OperationResults> batch(OperationBatch batch);
}
