package dev.chat.gateway.messaging;

import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.Operation;
import dev.chat.common.internal.OperationBatch;
import dev.chat.common.internal.OperationResult;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.protocol.Limits;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One lane of batches to message-service ({@link OperationBatcher} keeps one for one-to-one chats
 * and one for groups).
 *
 * <p>How batches form: an operation leaves at once, together with whatever else arrived in the
 * same event-loop turn, when no batch of the lane is in flight; otherwise it waits, and everything
 * that waits leaves as one batch (at most {@code batch-size} operations) as soon as the batch in
 * flight is answered (at most {@code batch-body-chars} of message bodies too). So a lone operation waits for nothing, and under load a batch carries what
 * arrived during one round trip, which keeps the exchanges per second near the round trips per
 * second whatever the rate. A slow batch does not hold the rest for long: once every batch in
 * flight has been out for {@code batch-overtake}, what waits leaves beside them (at most
 * {@code batches-in-flight} in all).
 *
 * <p>Overload: a send that has waited {@code send-wait-limit} without leaving is failed with
 * {@link SendShed} and never sent (nothing of it is stored; its client resends), checked as
 * operations arrive and batches leave, and by a timer while nothing else happens. So under a
 * burst message-service cannot absorb, or while it pauses, a send is answered within about that
 * limit, and the batches that do leave carry sends still worth storing rather than a backlog
 * tens of seconds old. Receipts and typing are not shed: later receipts of a device join a
 * waiting one, so they do not pile up.
 *
 * <p>Guarantees: sends leave in the order they were submitted, ahead of the other operations
 * waiting beside them ({@link #takeNextBatch}), which leave in their order too, except that a
 * {@code delivered} receipt may join a waiting one of the same device, chat and sender
 * ({@link #submitDelivered}); no operation depends on one of another kind before it. Each
 * completes with its own result, or with the failure of its whole batch (message-service
 * unreachable, a timeout).
 * Operations submitted together ({@link #submitTogether}) always leave in one batch, one after
 * another: a batch is never cut between them, though it may exceed {@code batch-size} for them.
 * Thread-safe.
 */
final class BatchLane {

    /**
     * Operations submitted together, which leave in one batch, and who waits for their results:
     * one caller, or several whose {@code delivered} receipts were merged into one operation.
     */
    private static final class Waiting {
        private List<Operation> operations;
        private final List<UniEmitter<? super List<OperationResult>>> waiters = new ArrayList<>(1);
        /** The key it is found by for merging while it waits, or null. */
        private final DeliveredKey mergeKey;
        /** When it began to wait ({@link System#nanoTime()}). */
        private final long since = System.nanoTime();

        Waiting(List<Operation> operations, UniEmitter<? super List<OperationResult>> waiter, DeliveredKey mergeKey) {
            this.operations = operations;
            this.waiters.add(waiter);
            this.mergeKey = mergeKey;
        }

        List<Operation> operations() {
            return operations;
        }

        void complete(List<OperationResult> results) {
            waiters.forEach(w -> w.complete(results));
        }

        void fail(Throwable failure) {
            waiters.forEach(w -> w.fail(failure));
        }
    }

    /** What two {@code delivered} receipts share when they may become one operation. */
    private record DeliveredKey(UUID userId, String deviceId, UUID chatId, UUID senderId, boolean pushedHere) {
        static DeliveredKey of(DeliveredRequest r) {
            return new DeliveredKey(r.userId(), r.deviceId(), r.chatId(), r.senderId(), r.pushedHere());
        }
    }

    private final MessageServiceClient client;
    private final Vertx vertx;
    private final int maxBatch;
    private final int maxBodyChars;
    private final int maxInFlight;
    private final long overtakeNanos;
    private final long sendWaitNanos;
    private final DistributionSummary batchSizes;
    private final Counter overtakes;
    private final Counter merged;
    private final Counter shed;
    /** Waiting sends, which go first into a batch, and the other operations, which fill it. */
    private final List<Waiting> waitingSends = new ArrayList<>();
    private final List<Waiting> waitingOthers = new ArrayList<>();
    /** The waiting {@code delivered} receipts, each by what it may be merged with. */
    private final Map<DeliveredKey, Waiting> waitingReceipts = new HashMap<>();
    /** When each batch in flight left ({@link System#nanoTime()}), in the order they left. */
    private final List<Long> inFlightSince = new ArrayList<>();
    private boolean flushScheduled;
    private boolean overtakeTimerSet;
    private boolean shedTimerSet;

    BatchLane(String name, MessageServiceClient client, Vertx vertx, GatewayConfig.MessageService settings,
            MeterRegistry registry) {
        this.client = client;
        this.vertx = vertx;
        this.maxBatch = settings.batchSize();
        this.maxBodyChars = settings.batchBodyChars();
        this.maxInFlight = settings.batchesInFlight();
        this.overtakeNanos = settings.batchOvertake().toNanos();
        this.sendWaitNanos = settings.sendWaitLimit().toNanos();
        this.batchSizes = DistributionSummary.builder("gateway.message_service.batch.operations").tag("lane", name)
                .description("Operations per batch sent to message-service").register(registry);
        this.overtakes = Counter.builder("gateway.message_service.batch.overtakes").tag("lane", name)
                .description("Batches that left beside a batch in flight for longer than the overtake time")
                .register(registry);
        this.merged = Counter.builder("gateway.message_service.receipts.merged").tag("lane", name)
                .description("Delivered receipts that joined one of the same device, chat and sender while it waited")
                .register(registry);
        this.shed = Counter.builder("gateway.message_service.sends.shed").tag("lane", name)
                .description("Sends answered unavailable without being sent: they waited longer than the send wait limit")
                .register(registry);
    }

    /** Completes with the operation's result as message-service gave it, failed or not. */
    Uni<OperationResult> submit(Operation operation) {
        return submitTogether(List.of(operation)).map(results -> results.get(0));
    }

    /**
     * Completes with the operations' results as message-service gave them, in their order; the
     * operations leave in one batch, in their order.
     */
    Uni<List<OperationResult>> submitTogether(List<Operation> operations) {
        return Uni.createFrom().emitter(results -> enqueue(new Waiting(List.copyOf(operations), results, null)));
    }

    /** Operations that include a send: they go ahead of receipts and typing ({@link #takeNextBatch}). */
    private static boolean carriesASend(Waiting unit) {
        return unit.operations().stream().anyMatch(op -> op.send() != null);
    }

    /**
     * A {@code delivered} receipt: while one of the same device, chat and sender waits to leave,
     * this one joins it (their ids in one operation, up to {@value Limits#MAX_IDS_PER_RECEIPT}),
     * and both complete with its result. So however long a batch takes, a device's receipts wait
     * as one operation per chat and sender, and the batch after it carries them all. Joining one
     * that waits moves the receipt ahead of operations submitted between the two, none of which
     * depends on it.
     */
    Uni<OperationResult> submitDelivered(DeliveredRequest request) {
        return Uni.createFrom().<List<OperationResult>>emitter(results -> {
            DeliveredKey key = DeliveredKey.of(request);
            synchronized (this) {
                Waiting earlier = waitingReceipts.get(key);
                if (earlier != null) {
                    DeliveredRequest joined = joined(earlier.operations().get(0).delivered(), request);
                    if (joined.messageIds().size() <= Limits.MAX_IDS_PER_RECEIPT) {
                        earlier.operations = List.of(Operation.of(joined));
                        earlier.waiters.add(results);
                        merged.increment();
                        return;
                    }
                }
            }
            enqueue(new Waiting(List.of(Operation.of(request)), results, key));
        }).map(results -> results.get(0));
    }

    private static DeliveredRequest joined(DeliveredRequest earlier, DeliveredRequest later) {
        Set<UUID> ids = new LinkedHashSet<>(earlier.messageIds());
        ids.addAll(later.messageIds());
        return new DeliveredRequest(earlier.userId(), earlier.deviceId(), earlier.chatId(), earlier.senderId(),
                List.copyOf(ids), earlier.pushedHere());
    }

    private void enqueue(Waiting unit) {
        boolean flushNow;
        boolean shedTimerNeeded;
        List<Waiting> expired;
        synchronized (this) {
            expired = takeExpiredSends(System.nanoTime());
            (carriesASend(unit) ? waitingSends : waitingOthers).add(unit);
            if (unit.mergeKey != null) {
                waitingReceipts.put(unit.mergeKey, unit);
            }
            flushNow = !flushScheduled && mayLeave(System.nanoTime());
            flushScheduled |= flushNow;
            shedTimerNeeded = !shedTimerSet && !waitingSends.isEmpty();
        }
        failShed(expired);
        if (shedTimerNeeded) {
            armShedTimer();
        }
        if (flushNow) {
            // At the end of this event-loop turn, so that what else the turn brings goes along.
            Context context = Vertx.currentContext();
            if (context != null) {
                context.runOnContext(ignored -> flush());
            } else {
                flush();
            }
        } else {
            armOvertake();
        }
    }

    /** Sends what waits, as long as a batch may leave now. */
    private void flush() {
        synchronized (this) {
            flushScheduled = false;
        }
        while (true) {
            List<Waiting> batch;
            long leftAt;
            List<Waiting> expired;
            synchronized (this) {
                long now = System.nanoTime();
                expired = takeExpiredSends(now);
                if (nothingWaits() || !mayLeave(now)) {
                    batch = null;
                    leftAt = 0;
                } else {
                    if (!inFlightSince.isEmpty()) {
                        overtakes.increment();
                    }
                    batch = takeNextBatch();
                    for (Waiting unit : batch) {
                        if (unit.mergeKey != null) {
                            waitingReceipts.remove(unit.mergeKey, unit);
                        }
                    }
                    inFlightSince.add(now);
                    leftAt = now;
                }
            }
            failShed(expired);
            if (batch == null) {
                break;
            }
            send(batch, leftAt);
        }
        armOvertake();
    }

    /** Removes the waiting sends older than the wait limit; they are the oldest, at the front. Holds the lock. */
    private List<Waiting> takeExpiredSends(long now) {
        int count = 0;
        while (count < waitingSends.size() && now - waitingSends.get(count).since >= sendWaitNanos) {
            count++;
        }
        if (count == 0) {
            return List.of();
        }
        List<Waiting> expired = new ArrayList<>(waitingSends.subList(0, count));
        waitingSends.subList(0, count).clear();
        return expired;
    }

    /** Fails shed sends, outside the lock: their callers answer the clients. */
    private void failShed(List<Waiting> expired) {
        for (Waiting unit : expired) {
            shed.increment(unit.operations().size());
            unit.fail(new SendShed(Duration.ofNanos(sendWaitNanos)));
        }
    }

    /** While sends wait, a timer sheds the oldest when it reaches the limit, even if nothing else happens. */
    private void armShedTimer() {
        long delay;
        synchronized (this) {
            if (shedTimerSet || waitingSends.isEmpty()) {
                return;
            }
            shedTimerSet = true;
            delay = millisUntil(waitingSends.get(0).since + sendWaitNanos);
        }
        vertx.setTimer(delay, ignored -> {
            List<Waiting> expired;
            synchronized (this) {
                shedTimerSet = false;
                expired = takeExpiredSends(System.nanoTime());
            }
            failShed(expired);
            armShedTimer();
        });
    }

    private boolean nothingWaits() {
        return waitingSends.isEmpty() && waitingOthers.isEmpty();
    }

    /**
     * Takes the next batch's units: waiting sends first, in their order, then the other operations
     * in theirs, as many as the batch size allows (at least one unit). A send is what a user waits
     * for; a receipt that waits longer costs nothing, since later ones of the same device join it.
     * Sends take at most three quarters of a batch while other operations wait, so that receipts
     * keep moving even when sends alone would fill every batch.
     */
    private List<Waiting> takeNextBatch() {
        List<Waiting> batch = new ArrayList<>();
        int sendBudget = waitingOthers.isEmpty() ? maxBatch : Math.max(1, maxBatch * 3 / 4);
        Fill fill = new Fill();
        take(waitingSends, batch, fill, sendBudget);
        take(waitingOthers, batch, fill, maxBatch);
        return batch;
    }

    /** What a batch being formed holds so far. */
    private static final class Fill {
        int operations;
        long bodyChars;
    }

    /**
     * Moves units from the front of {@code from} to {@code batch} while the batch stays within
     * {@code maxOperations} and the body budget (the first unit of an empty batch goes whatever its size).
     */
    private void take(List<Waiting> from, List<Waiting> batch, Fill fill, int maxOperations) {
        int units = 0;
        while (units < from.size()) {
            Waiting unit = from.get(units);
            int size = unit.operations().size();
            long chars = bodyChars(unit.operations());
            boolean first = batch.isEmpty() && units == 0;
            if (!first && (fill.operations + size > maxOperations || fill.bodyChars + chars > maxBodyChars)) {
                break;
            }
            fill.operations += size;
            fill.bodyChars += chars;
            units++;
        }
        batch.addAll(from.subList(0, units));
        from.subList(0, units).clear();
    }

    /** Characters of the message bodies the operations carry (the batch's weight at message-service). */
    static long bodyChars(List<Operation> operations) {
        long chars = 0;
        for (Operation op : operations) {
            chars += bodyChars(op.send());
        }
        return chars;
    }

    /** Characters of a send's body and attachment thumbnail counted against {@code batch-body-chars}; 0 for no send. */
    static long bodyChars(SendRequest send) {
        if (send == null) {
            return 0;
        }
        long thumbnail = send.attachment() == null || send.attachment().thumbnail() == null ? 0
                : send.attachment().thumbnail().length();
        return (send.body() == null ? 0 : send.body().length()) + thumbnail;
    }

    /** None in flight, or room for one more and every batch in flight out for the overtake time. */
    private boolean mayLeave(long now) {
        return inFlightSince.isEmpty() || inFlightSince.size() < maxInFlight
                && now - inFlightSince.get(inFlightSince.size() - 1) >= overtakeNanos;
    }

    /** While operations wait behind batches in flight, a timer lets them overtake when those are slow. */
    private void armOvertake() {
        long delay;
        synchronized (this) {
            if (overtakeTimerSet || nothingWaits() || inFlightSince.isEmpty() || inFlightSince.size() >= maxInFlight) {
                return;
            }
            overtakeTimerSet = true;
            long youngest = inFlightSince.get(inFlightSince.size() - 1);
            delay = millisUntil(youngest + overtakeNanos);
        }
        vertx.setTimer(delay, ignored -> {
            synchronized (this) {
                overtakeTimerSet = false;
            }
            flush();
        });
    }

    /** Milliseconds from now until {@code deadline} ({@link System#nanoTime()}), rounded up, at least 1: a timer's delay. */
    private static long millisUntil(long deadline) {
        return Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
    }

    private void send(List<Waiting> batch, long leftAt) {
        List<Operation> operations = batch.stream().flatMap(w -> w.operations().stream()).toList();
        batchSizes.record(operations.size());
        client.batch(new OperationBatch(operations)).subscribe().with(answer -> {
            answered(leftAt);
            List<OperationResult> results = answer.results();
            int next = 0;
            for (Waiting unit : batch) {
                List<OperationResult> ofUnit = new ArrayList<>(unit.operations().size());
                for (int i = 0; i < unit.operations().size(); i++, next++) {
                    ofUnit.add(results != null && next < results.size() ? results.get(next)
                            : new OperationResult(503, null, null, "message-service answered no result for this operation"));
                }
                unit.complete(ofUnit);
            }
        }, failure -> {
            answered(leftAt);
            batch.forEach(w -> w.fail(failure));
        });
    }

    /** A batch was answered: what waits leaves at once. */
    private void answered(long leftAt) {
        synchronized (this) {
            inFlightSince.remove(Long.valueOf(leftAt));
        }
        flush();
    }
}
