package dev.chat.gateway.sessions;

import dev.chat.common.internal.PendingMessage;
import dev.chat.common.internal.PendingPage;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.ServerFrames;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.messaging.MessageServiceClient;
import dev.chat.gateway.protocol.FrameWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Pushes a newly connected device's pending messages, oldest first, page by page, then lets the
 * session go live with a {@code synced} frame. The device's route is registered before this
 * starts, so every message stored after the first page was read is also delivered live (and held
 * back until catch-up ends).
 *
 * <p>A catch-up that fails never locks the device out: the client gets a
 * {@code catch_up_delayed} error frame saying why, the socket goes live at once (it can send, and
 * receives new messages), and the catch-up is tried again after
 * {@code chat.gateway.catch-up-retry-interval}, the wait doubling up to
 * {@code chat.gateway.catch-up-retry-max-interval}, for as long as the socket is open. The retry
 * pushes what the socket does not have yet and ends with {@code synced}. Each failed attempt is
 * counted in {@code gateway_catchup_failures_total}; the first failure of a socket is logged once,
 * with what failed, and its recovery once.
 */
@ApplicationScoped
public class CatchUp {

    private static final Logger LOG = Logger.getLogger(CatchUp.class);
    static final int PAGE = 200;

    private final MessageServiceClient messages;
    private final FrameWriter frames;
    private final Vertx vertx;
    private final RetryBackOff backOff;
    private final Counter failures;
    private final Counter recoveries;

    public CatchUp(@RestClient MessageServiceClient messages, FrameWriter frames, Vertx vertx, GatewayConfig config,
            MeterRegistry registry) {
        this.messages = messages;
        this.frames = frames;
        this.vertx = vertx;
        this.backOff = RetryBackOff.of(config);
        this.failures = Counter.builder("gateway.catchup.failures")
                .description("Attempts to load a connecting device's pending messages that failed").register(registry);
        this.recoveries = Counter.builder("gateway.catchup.recoveries")
                .description("Sockets whose catch-up succeeded on a retry after failing").register(registry);
    }

    /**
     * Runs the catch-up of a socket that has just opened (see the class comment for failures);
     * {@code ended} runs once its first attempt has ended, synced or failed.
     */
    public void start(ClientSession session, Runnable ended) {
        page(session, null, 0, session::pushCaughtUp).subscribe().with(
                pushed -> {
                    session.goLive(frames.write(new ServerFrames.Synced(pushed)));
                    ended.run();
                },
                failure -> {
                    ended.run();
                    failedFirst(session, failure);
                });
    }

    /**
     * Reads all of the device's pending messages, page by page, and hands each to {@code pusher};
     * gives the number pushed. Used by {@link Repairs}, which decides when and how often.
     */
    Uni<Integer> pushPending(ClientSession session, Consumer<Push> pusher) {
        return page(session, null, 0, pusher);
    }

    private void failedFirst(ClientSession session, Throwable failure) {
        failures.increment();
        if (!session.isOpen()) {
            return;
        }
        String reason = CatchUpFailure.describe(failure);
        LOG.warnf("Catch-up of %s/%s failed: %s (%s); the socket stays open and live, and catch-up is retried"
                + " in the background", session.userId(), session.deviceId(), reason, CatchUpFailure.detail(failure));
        session.reply(frames.write(new ServerFrames.Error(ErrorCode.CATCH_UP_DELAYED, "messages sent to you while"
                + " you were offline could not be loaded yet: " + reason + ". This connection stays open and receives"
                + " new messages; the missed ones follow by themselves, then a synced frame. Nothing to do but stay"
                + " connected.", null)));
        session.goLiveBeforeSync();
        retry(session, 2, backOff.first());
    }

    private void retry(ClientSession session, int attempt, Duration wait) {
        vertx.setTimer(wait.toMillis(), timer -> {
            if (!session.isOpen()) {
                return;
            }
            page(session, null, 0, session::pushLate).subscribe().with(pushed -> {
                recoveries.increment();
                session.syncedLate(frames.write(new ServerFrames.Synced(pushed)));
                LOG.infof("Catch-up of %s/%s succeeded at attempt %d", session.userId(), session.deviceId(), attempt);
            }, failure -> {
                failures.increment();
                LOG.debugf("Catch-up of %s/%s failed again at attempt %d: %s", session.userId(), session.deviceId(),
                        attempt, CatchUpFailure.detail(failure));
                retry(session, attempt + 1, backOff.after(wait));
            });
        });
    }

    private Uni<Integer> page(ClientSession session, UUID after, int pushedSoFar, Consumer<Push> pusher) {
        return messages.pending(session.userId(), session.deviceId(), after, PAGE).chain(page -> {
            UUID last = push(page, pusher);
            int pushed = pushedSoFar + page.messages().size();
            return page.more() && session.isOpen() ? page(session, last, pushed, pusher) : Uni.createFrom().item(pushed);
        });
    }

    private UUID push(PendingPage page, Consumer<Push> pusher) {
        UUID last = null;
        for (PendingMessage m : page.messages()) {
            pusher.accept(new Push(m.messageId(), m.chatId(), frames.write(ServerFrames.of(m))));
            last = m.messageId();
        }
        return last;
    }
}
