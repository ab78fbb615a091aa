package dev.chat.message.endpoints;

import dev.chat.message.domain.Blocks;
import dev.chat.message.storage.BlockStore;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user's block list (through the ingress under {@code /v1/blocks}). It lives in
 * message-service because this is where it is enforced: sends and typing between two users one of
 * whom has blocked the other are refused here ({@link Blocks}); presence-service reads the same
 * table to hide presence both ways. Rules: docs/privacy.md.
 */
@Path("/v1/blocks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class BlockResource {

    private final Blocks blocks;
    private final JsonWebToken token;

    public BlockResource(Blocks blocks, JsonWebToken token) {
        this.blocks = blocks;
        this.token = token;
    }

    public record BlockedUser(UUID userId, Instant blockedAt) {
    }

    /** Everyone the user has blocked, in user id order. */
    public record BlockList(List<BlockedUser> blocked) {
    }

    @GET
    public Uni<BlockList> list() {
        return blocks.listOf(me()).map(list -> new BlockList(list.stream()
                .map((BlockStore.Block b) -> new BlockedUser(b.userId(), b.blockedAt())).toList()));
    }

    /** 204 once the block is stored and in force; blocking again is no error. */
    @POST
    @Path("/{userId}")
    public Uni<Void> block(@PathParam("userId") String userId) {
        return blocks.block(me(), RequestValues.uuid(userId, "a user id"));
    }

    /** 204 whether or not the user was blocked. */
    @DELETE
    @Path("/{userId}")
    public Uni<Void> unblock(@PathParam("userId") String userId) {
        return blocks.unblock(me(), RequestValues.uuid(userId, "a user id"));
    }

    private UUID me() {
        return RequestValues.signedInUser(token.getSubject());
    }
}
