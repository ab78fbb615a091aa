package dev.chat.gateway.sessions;

import dev.chat.common.internal.PendingMessage;
import dev.chat.common.internal.PendingPage;
import dev.chat.common.protocol.ServerFrames;
import dev.chat.gateway.messaging.MessageServiceClient;
import dev.chat.gateway.protocol.FrameWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Pushes a newly connected device's pending messages, oldest first, page by page, then lets the
 * session go live with a {@code synced} frame. The device's route is registered before this
 * starts, so every message stored after the first page was read is also delivered live (and held
 * back until catch-up ends).
 */
@ApplicationScoped
public class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class);
    static final int PAGE = 200;

    private final MessageServiceClient messages;
    private final FrameWriter frames;

    public CatchUp(@RestClient MessageServiceClient messages, FrameWriter frames) {
        this.messages = messages;
        this.frames = frames;
    }

    /** Completes with the number of pending messages pushed. */
    public Uni<Integer> run(ClientSession session) {
        return page(session, null, 0, session::pushCaughtUp)
                .invoke(count -> session.goLive(frames.write(new ServerFrames.Synced(count))));
    }

    /**
     * Pushes the device's pending messages again to a session that may have missed live pushes
     * because its route was missing for a while (RouteRenewal, ChatSocket): messages stored
     * meanwhile were kept as pending only. They go as live frames, so a session still in its first
     * catch-up holds them back like any other. Messages the device already has are pushed again
     * (clients de-duplicate by message id), and a repaired one can arrive after newer messages of
     * its chat (clients order a chat by message id, docs/protocol.md). Runs in the background; a
     * failure is logged, and the messages stay pending for the next connection.
     */
    public void repair(ClientSession session) {
        page(session, null, 0, session::push).subscribe().with(pushed -> { }, failure -> LOG.warnf(
                "Repairing %s/%s failed (its messages stay pending until it reconnects): %s", session.userId(),
                session.deviceId(), failure.getMessage()));
    }

    private Uni<Integer> page(ClientSession session, UUID after, int pushedSoFar, BiConsumer<UUID, String> pusher) {
        return messages.pending(session.userId(), session.deviceId(), after, PAGE).chain(page -> {
            UUID last = push(page, pusher);
            int pushed = pushedSoFar + page.messages().size();
            return page.more() && session.isOpen() ? page(session, last, pushed, pusher) : Uni.createFrom().item(pushed);
        });
    }

    private UUID push(PendingPage page, BiConsumer<UUID, String> pusher) {
        UUID last = null;
        for (PendingMessage m : page.messages()) {
            pusher.accept(m.messageId(), frames.write(m.group()
                    ? ServerFrames.Message.ofGroup(m.messageId(), m.chatId(), m.from(), m.body(), m.sentAt(), m.system(), m.subject())
                    : new ServerFrames.Message(m.messageId(), m.chatId(), m.from(), m.body(), m.sentAt())));
            last = m.messageId();
        }
        return last;
    }

}
