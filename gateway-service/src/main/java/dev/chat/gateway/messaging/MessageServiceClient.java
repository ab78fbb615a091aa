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
import dev.chat.support.internal.InternalTlsClientOptions;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * message-service's internal API ({@code quarkus.rest-client.message-service.url}), called over
 * mutual TLS with this service's certificate (docs/security.md).
 *
 * <p>Each method has its full path and the interface none: an interface with {@code @Path} is
 * also taken for a resource of this service, which then "served" message-service's paths on its
 * own port and never answered them. TLS is by {@link InternalTlsClientOptions}' engine.
 */
@RegisterProvider(InternalTlsClientOptions.class)
@RegisterRestClient(configKey = "message-service")
public interface MessageServiceClient {

    @POST
    @Path("/internal/v1/messages")
    Uni<SendResponse> send(SendRequest request);

    @POST
    @Path("/internal/v1/devices/{userId}/{deviceId}/pending")
    Uni<PendingPage> pending(@PathParam("userId") UUID userId, @PathParam("deviceId") String deviceId,
            @QueryParam("after") UUID after, @QueryParam("limit") int limit);

    @POST
    @Path("/internal/v1/receipts/delivered")
    Uni<List<UUID>> delivered(DeliveredRequest request);

    @POST
    @Path("/internal/v1/receipts/seen")
    Uni<Void> seen(SeenRequest request);

    @POST
    @Path("/internal/v1/typing")
    Uni<Void> typing(TypingRequest request);

    @POST
    @Path("/internal/v1/batches")
    Uni<OperationResults> batch(OperationBatch batch);
}
