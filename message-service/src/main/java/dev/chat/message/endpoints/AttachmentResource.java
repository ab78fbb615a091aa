package dev.chat.message.endpoints;

import dev.chat.message.domain.Attachments;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Attachments (through the ingress under {@code /v1/attachments}): upload slots and download
 * links, pre-signed URLs of the object store. Rules: {@link Attachments}.
 */
@Path("/v1/attachments")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AttachmentResource {

    private final Attachments attachments;
    private final JsonWebToken token;

    public AttachmentResource(Attachments attachments, JsonWebToken token) {
        this.attachments = attachments;
        this.token = token;
    }

    /** What a file to upload is: its media type, its size in bytes and its SHA-256 digest (hex). */
    public record NewUpload(@NotNull String contentType, @NotNull Long size, @NotNull String sha256) {
    }

    /** 201: where to PUT the file (with exactly {@code uploadHeaders}) until {@code expiresAt}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> upload(@Valid @NotNull NewUpload request) {
        return attachments.newUpload(me(), request.contentType(), request.size(), request.sha256())
                .map(slot -> Response.created(URI.create("/v1/attachments/" + slot.attachmentId())).entity(slot).build());
    }

    /** Where to GET the file until {@code expiresAt}, with its type, size and digest to check it by. */
    @GET
    @Path("/{attachmentId}")
    public Uni<Attachments.DownloadLink> download(@PathParam("attachmentId") String attachmentId) {
        return attachments.downloadLink(me(), RequestValues.uuid(attachmentId, "an attachment id"));
    }

    private UUID me() {
        return RequestValues.signedInUser(token.getSubject());
    }
}
