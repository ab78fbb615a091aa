package dev.chat.gateway.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.common.errors.Refusal;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.OperationBatch;
import dev.chat.common.internal.OperationResult;
import dev.chat.common.internal.OperationResults;
import dev.chat.common.internal.PendingPage;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.common.internal.TypingRequest;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationBatcherTest {

    /** A message-service whose batches stay unanswered until the test answers them. */
    private static final class HeldBatches implements MessageServiceClient {
        // Written by the overtake timer's thread too.
        final List<OperationBatch> sent = new CopyOnWriteArrayList<>();
        final List<UniEmitter<? super OperationResults>> answers = new CopyOnWriteArrayList<>();

        @Override
        public Uni<OperationResults> batch(OperationBatch batch) {
            return Uni.createFrom().emitter(answer -> {
                sent.add(batch);
                answers.add(answer);
            });
        }

        /** Answers batch {@code i} with a 201 for every send and 204 for the rest. */
        void answer(int i) {
            answers.get(i).complete(new OperationResults(sent.get(i).operations().stream()
                    .map(op -> op.send() != null ? new OperationResult(201, stored(), null, null)
                            : new OperationResult(204, null, null, null)).toList()));
        }

        @Override
        public Uni<SendResponse> send(SendRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<PendingPage> pending(UUID userId, String deviceId, UUID after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<List<UUID>> delivered(DeliveredRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Void> seen(SeenRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Void> typing(TypingRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private final HeldBatches messageService = new HeldBatches();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aLoneOperationLeavesAtOnceAndGetsItsResult() {
        OperationBatcher batcher = batcher(256, 4);

        UniAssertSubscriber<SendResponse> send = subscribe(batcher.send(send("c-1")));

        assertEquals(1, messageService.sent.size());
        messageService.answer(0);
        assertEquals(stored(), send.awaitItem(Duration.ofSeconds(1)).getItem());
    }

    @Test
    void operationsArrivingWhileEveryBatchIsInFlightLeaveTogetherWhenOneIsAnswered() {
        OperationBatcher batcher = batcher(256, 1);
        UniAssertSubscriber<SendResponse> first = subscribe(batcher.send(send("c-1")));
        List<UniAssertSubscriber<Void>> more = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            more.add(subscribe(batcher.seen(new SeenRequest(UUID.randomUUID(), directChat(), UUID.randomUUID()))));
        }
        assertEquals(1, messageService.sent.size(), "the others wait while one batch is in flight");

        messageService.answer(0);

        first.awaitItem(Duration.ofSeconds(1));
        assertEquals(2, messageService.sent.size());
        assertEquals(3, messageService.sent.get(1).operations().size(), "the three waiting ones in one batch");
        messageService.answer(1);
        more.forEach(seen -> seen.awaitItem(Duration.ofSeconds(1)));
    }

    @Test
    void waitingDeliveredReceiptsOfOneDeviceChatAndSenderLeaveAsOneOperationAndEachGetsItsResult() {
        OperationBatcher batcher = batcher(256, 1);
        subscribe(batcher.send(send("c-1")));
        UUID user = UUID.randomUUID();
        UUID chat = directChat();
        UUID sender = UUID.randomUUID();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UniAssertSubscriber<List<UUID>>> receipts = new ArrayList<>();
        receipts.add(subscribe(batcher.delivered(new DeliveredRequest(user, "phone", chat, sender, ids.subList(0, 2), true))));
        receipts.add(subscribe(batcher.delivered(new DeliveredRequest(user, "laptop", chat, sender, List.of(ids.get(0)), true))));
        receipts.add(subscribe(batcher.delivered(new DeliveredRequest(user, "phone", chat, sender, ids.subList(1, 3), true))));
        receipts.add(subscribe(batcher.delivered(new DeliveredRequest(user, "phone", chat, sender, ids100(), true))));

        messageService.answer(0);

        var operations = messageService.sent.get(1).operations();
        assertEquals(3, operations.size(), "phone's first two joined, laptop's apart, the one past 100 ids apart");
        assertEquals(ids, operations.get(0).delivered().messageIds(), "each id once, in their order");
        assertEquals("laptop", operations.get(1).delivered().deviceId());
        assertEquals(100, operations.get(2).delivered().messageIds().size());

        UniAssertSubscriber<List<UUID>> afterLeaving =
                subscribe(batcher.delivered(new DeliveredRequest(user, "phone", chat, sender, List.of(ids.get(2)), true)));
        messageService.answer(1);
        receipts.forEach(r -> r.awaitItem(Duration.ofSeconds(1)));
        assertEquals(3, messageService.sent.size(), "one that left is not joined; the next one waits for the next batch");
        assertEquals(List.of(ids.get(2)), messageService.sent.get(2).operations().get(0).delivered().messageIds());
        messageService.answer(2);
        afterLeaving.awaitItem(Duration.ofSeconds(1));
    }

    @Test
    void waitingSendsGoAheadOfReceiptsWhichStillGetAQuarterOfEachBatch() {
        OperationBatcher batcher = batcher(4, 1);
        subscribe(batcher.send(send("c-0")));
        List<UniAssertSubscriber<Void>> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(subscribe(batcher.seen(new SeenRequest(UUID.randomUUID(), directChat(), UUID.randomUUID()))));
        }
        List<UniAssertSubscriber<SendResponse>> sends = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sends.add(subscribe(batcher.send(send("c-" + i))));
        }

        messageService.answer(0);
        assertEquals(List.of("c-1", "c-2", "c-3", "seen"), kinds(messageService.sent.get(1)),
                "sends first, in order, three quarters of the batch; a receipt in the rest");
        messageService.answer(1);
        assertEquals(List.of("c-4", "c-5", "seen", "seen"), kinds(messageService.sent.get(2)));
        messageService.answer(2);
        sends.forEach(send -> send.awaitItem(Duration.ofSeconds(1)));
        seen.forEach(receipt -> receipt.awaitItem(Duration.ofSeconds(1)));
    }

    @Test
    void longBodiesFillABatchBeforeItsOperationCountDoesAndASocketsRunIsCutByThemInOrder() {
        OperationBatcher batcher = batcher(256, 10_000, 1, Duration.ofHours(1));
        subscribe(batcher.send(send("c-0")));
        for (int i = 1; i <= 3; i++) {
            subscribe(batcher.send(SendRequest.direct(UUID.randomUUID(), "phone", UUID.randomUUID(), "long-" + i,
                    "x".repeat(4_000))));
        }
        List<SendRequest> run = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            run.add(SendRequest.direct(UUID.randomUUID(), "phone", UUID.randomUUID(), "run-" + i, "y".repeat(6_001)));
        }
        UniAssertSubscriber<List<SendOutcome>> inOrder = subscribe(batcher.sendInOrder(run));

        messageService.answer(0);
        assertEquals(List.of("long-1", "long-2"), kinds(messageService.sent.get(1)), "8,000 characters; a third passes 10,000");
        messageService.answer(1);
        assertEquals(List.of("long-3"), kinds(messageService.sent.get(2)), "with 6,001 more it would pass the budget");
        messageService.answer(2);
        assertEquals(List.of("run-1"), kinds(messageService.sent.get(3)), "a run is cut where its bodies pass the budget");
        messageService.answer(3);
        assertEquals(List.of("run-2"), kinds(messageService.sent.get(4)));
        messageService.answer(4);
        assertEquals(List.of("run-3"), kinds(messageService.sent.get(5)));
        messageService.answer(5);
        assertEquals(3, inOrder.awaitItem(Duration.ofSeconds(1)).getItem().size());
    }

    private static List<String> kinds(OperationBatch batch) {
        return batch.operations().stream().map(op -> op.send() != null ? op.send().clientMessageId() : "seen").toList();
    }

    private static List<UUID> ids100() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }

    @Test
    void operationsWaitForTheBatchInFlightEvenWhenMoreMayBeInFlight() {
        OperationBatcher batcher = batcher(256, 4, Duration.ofHours(1));
        subscribe(batcher.send(send("c-1")));
        UniAssertSubscriber<SendResponse> second = subscribe(batcher.send(send("c-2")));
        UniAssertSubscriber<SendResponse> third = subscribe(batcher.send(send("c-3")));
        assertEquals(1, messageService.sent.size(), "one batch at a time while the one in flight is quick");

        messageService.answer(0);

        assertEquals(2, messageService.sent.size());
        assertEquals(2, messageService.sent.get(1).operations().size(), "the two waiting ones in one batch");
        messageService.answer(1);
        second.awaitItem(Duration.ofSeconds(1));
        third.awaitItem(Duration.ofSeconds(1));
    }

    @Test
    void operationsOvertakeABatchOutForLongerThanTheOvertakeTimeUpToTheBatchesInFlight() {
        OperationBatcher batcher = batcher(256, 2, Duration.ofMillis(100));
        subscribe(batcher.send(send("slow")));
        UniAssertSubscriber<SendResponse> overtaking = subscribe(batcher.send(send("overtaking")));
        assertEquals(1, messageService.sent.size(), "it waits while the batch in flight is younger than the overtake time");

        await().atMost(Duration.ofSeconds(5)).until(() -> messageService.sent.size() == 2);
        assertEquals("overtaking", messageService.sent.get(1).operations().get(0).send().clientMessageId());
        UniAssertSubscriber<SendResponse> third = subscribe(batcher.send(send("third")));
        assertEquals(2, messageService.sent.size(), "no more than two batches in flight");

        messageService.answer(1);
        overtaking.awaitItem(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> messageService.sent.size() == 3);
        assertEquals("third", messageService.sent.get(2).operations().get(0).send().clientMessageId(),
                "the slow batch is still out beyond the overtake time, so the next one leaves beside it");
        messageService.answer(2);
        third.awaitItem(Duration.ofSeconds(1));
    }

    @Test
    void aGroupBatchInFlightHoldsNoOneToOneOperation() {
        OperationBatcher batcher = batcher(256, 1);
        UUID groupChat = UUID.randomUUID(); // a group's chat id is the group id (not name-based like a one-to-one chat's)
        UniAssertSubscriber<SendResponse> toGroup = subscribe(batcher.send(new SendRequest(UUID.randomUUID(), "phone", null,
                groupChat, "g-1", "hi all", false, null)));
        UniAssertSubscriber<Void> groupSeen = subscribe(batcher.seen(new SeenRequest(UUID.randomUUID(), groupChat, UUID.randomUUID())));

        UniAssertSubscriber<SendResponse> direct = subscribe(batcher.send(send("d-1")));

        assertEquals(2, messageService.sent.size(), "the one-to-one send left beside the group's batch in flight");
        assertEquals("d-1", messageService.sent.get(1).operations().get(0).send().clientMessageId());
        messageService.answer(1);
        direct.awaitItem(Duration.ofSeconds(1));
        assertEquals(2, messageService.sent.size(), "the group's seen waits behind the group's batch in flight");
        messageService.answer(0);
        toGroup.awaitItem(Duration.ofSeconds(1));
        assertEquals(3, messageService.sent.size());
        assertEquals(groupChat, messageService.sent.get(2).operations().get(0).seen().chatId());
        messageService.answer(2);
        groupSeen.awaitItem(Duration.ofSeconds(1));
    }

    @Test
    void aBatchHoldsAtMostTheBatchSize() {
        OperationBatcher batcher = batcher(2, 1);
        subscribe(batcher.send(send("c-0")));
        for (int i = 1; i <= 5; i++) {
            subscribe(batcher.send(send("c-" + i)));
        }

        messageService.answer(0);
        messageService.answer(1);
        messageService.answer(2);

        assertEquals(List.of(1, 2, 2, 1), messageService.sent.stream().map(b -> b.operations().size()).toList());
    }

    @Test
    void aFailedOperationFailsAloneAndAFailedBatchFailsEachOfItsOperations() {
        OperationBatcher batcher = batcher(256, 1);
        subscribe(batcher.send(send("held")));
        UniAssertSubscriber<SendResponse> refused = subscribe(batcher.send(send("refused")));
        UniAssertSubscriber<Void> fine = subscribe(batcher.typing(new TypingRequest(UUID.randomUUID(), UUID.randomUUID())));
        messageService.answer(0);
        messageService.answers.get(1).complete(new OperationResults(List.of(
                new OperationResult(404, null, null, "no registered user", "unknown_recipient"),
                new OperationResult(204, null, null, null))));

        Refusal notFound = assertInstanceOf(Refusal.class, refused.awaitFailure(Duration.ofSeconds(1)).getFailure());
        assertEquals(404, notFound.status());
        assertEquals(ErrorCode.UNKNOWN_RECIPIENT, notFound.code());
        assertEquals("no registered user", notFound.getMessage());
        fine.awaitItem(Duration.ofSeconds(1));

        UniAssertSubscriber<SendResponse> a = subscribe(batcher.send(send("a")));
        UniAssertSubscriber<SendResponse> b = subscribe(batcher.send(send("b")));
        messageService.answers.get(2).fail(new IOException("connection reset"));
        messageService.answers.get(3).fail(new IOException("connection reset"));
        assertInstanceOf(IOException.class, a.awaitFailure(Duration.ofSeconds(1)).getFailure());
        assertInstanceOf(IOException.class, b.awaitFailure(Duration.ofSeconds(1)).getFailure());
        assertFalse(messageService.sent.isEmpty());
        assertTrue(messageService.sent.stream().allMatch(batch -> !batch.operations().isEmpty()));
    }

    @Test
    void aSocketsSendsInOrderLeaveTogetherPerLaneEachRunAfterTheOneBeforeCompleted() {
        OperationBatcher batcher = batcher(256, 4);
        UUID group = UUID.randomUUID();

        UniAssertSubscriber<List<SendOutcome>> outcomes = subscribe(batcher.sendInOrder(List.of(
                send("d-1"), send("d-2"), toGroup(group, "g-1"), send("d-3"))));

        assertEquals(List.of(List.of("d-1", "d-2")), clientIdsOfBatches());
        messageService.answer(0);
        assertEquals(List.of("g-1"), clientIdsOfBatches().get(1), "the group's run leaves once the first completed");
        messageService.answers.get(1).fail(new IOException("connection reset"));
        assertEquals(List.of("d-3"), clientIdsOfBatches().get(2), "a failed run does not hold the next");
        messageService.answer(2);

        List<SendOutcome> answered = outcomes.awaitItem(Duration.ofSeconds(1)).getItem();
        assertEquals(stored(), answered.get(0).stored());
        assertEquals(stored(), answered.get(1).stored());
        assertInstanceOf(IOException.class, answered.get(2).failure());
        assertEquals(stored(), answered.get(3).stored());
    }

    @Test
    void sendsInOrderAreNeverCutAcrossBatchesAndARefusalStaysItsOwn() {
        OperationBatcher batcher = batcher(2, 1);
        subscribe(batcher.send(send("in-flight")));
        subscribe(batcher.send(send("waiting")));
        UniAssertSubscriber<List<SendOutcome>> outcomes = subscribe(batcher.sendInOrder(List.of(send("u-1"), send("u-2"))));

        messageService.answer(0);
        messageService.answer(1);
        messageService.answers.get(2).complete(new OperationResults(List.of(
                new OperationResult(404, null, null, "no registered user"), new OperationResult(201, stored(), null, null))));

        assertEquals(List.of(List.of("in-flight"), List.of("waiting"), List.of("u-1", "u-2")), clientIdsOfBatches(),
                "the two sent in order leave together, not one beside the waiting send");
        List<SendOutcome> answered = outcomes.awaitItem(Duration.ofSeconds(1)).getItem();
        assertEquals(404, assertInstanceOf(Refusal.class, answered.get(0).failure()).status());
        assertEquals(stored(), answered.get(1).stored());
    }

    @Test
    void aSendWaitingLongerThanTheLimitIsAnsweredShedWithoutLeavingWhileReceiptsBesideItStillLeave() {
        OperationBatcher batcher = batcher(256, 65_536, 1, Duration.ofHours(1), Duration.ofMillis(200));
        UniAssertSubscriber<SendResponse> inFlight = subscribe(batcher.send(send("in-flight")));
        UniAssertSubscriber<SendResponse> waiting = subscribe(batcher.send(send("waiting")));
        UniAssertSubscriber<Void> seen = subscribe(batcher.seen(new SeenRequest(UUID.randomUUID(), directChat(), UUID.randomUUID())));

        // Nothing else happens: the lane's timer sheds it once it has waited for the limit.
        assertInstanceOf(SendShed.class, waiting.awaitFailure(Duration.ofSeconds(5)).getFailure());
        assertEquals(1, messageService.sent.size(), "the shed send never left");

        messageService.answer(0);
        assertEquals(stored(), inFlight.awaitItem(Duration.ofSeconds(1)).getItem(), "a send in flight is never shed");
        assertEquals(2, messageService.sent.size());
        assertEquals(1, messageService.sent.get(1).operations().size(), "only the receipt, not the shed send");
        assertNull(messageService.sent.get(1).operations().get(0).send());
        messageService.answer(1);
        seen.awaitItem(Duration.ofSeconds(1));

        UniAssertSubscriber<SendResponse> next = subscribe(batcher.send(send("next")));
        assertEquals(3, messageService.sent.size(), "the lane goes on: a new send leaves at once");
        assertEquals("next", messageService.sent.get(2).operations().get(0).send().clientMessageId());
        messageService.answer(2);
        next.awaitItem(Duration.ofSeconds(1));
    }

    private List<List<String>> clientIdsOfBatches() {
        return messageService.sent.stream()
                .map(batch -> batch.operations().stream().map(op -> op.send().clientMessageId()).toList()).toList();
    }

    private static SendRequest toGroup(UUID group, String clientId) {
        return new SendRequest(UUID.randomUUID(), "phone", null, group, clientId, "hi all", false, null);
    }

    private OperationBatcher batcher(int batchSize, int inFlight) {
        return batcher(batchSize, inFlight, Duration.ofHours(1));
    }

    private OperationBatcher batcher(int batchSize, int inFlight, Duration overtake) {
        return batcher(batchSize, 65_536, inFlight, overtake);
    }

    private OperationBatcher batcher(int batchSize, int bodyChars, int inFlight, Duration overtake) {
        return batcher(batchSize, bodyChars, inFlight, overtake, Duration.ofHours(1));
    }

    private OperationBatcher batcher(int batchSize, int bodyChars, int inFlight, Duration overtake, Duration sendWaitLimit) {
        GatewayConfig.MessageService settings = new GatewayConfig.MessageService() {
            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public int batchBodyChars() {
                return bodyChars;
            }

            @Override
            public int batchesInFlight() {
                return inFlight;
            }

            @Override
            public Duration batchOvertake() {
                return overtake;
            }

            @Override
            public Duration sendWaitLimit() {
                return sendWaitLimit;
            }
        };
        GatewayConfig config = (GatewayConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {GatewayConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("messageService")) {
                        return settings;
                    }
                    return method.getReturnType() == Optional.class ? Optional.empty() : null;
                });
        return new OperationBatcher(messageService, vertx, config, new SimpleMeterRegistry());
    }

    private static <T> UniAssertSubscriber<T> subscribe(Uni<T> uni) {
        return uni.subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private static UUID directChat() {
        return ChatIds.direct(UUID.randomUUID(), UUID.randomUUID());
    }

    private static SendRequest send(String clientId) {
        return SendRequest.direct(UUID.randomUUID(), "phone", UUID.randomUUID(), clientId, "hi");
    }

    private static SendResponse stored() {
        return new SendResponse(new UUID(0x1000, 0), new UUID(0, 1), Instant.EPOCH, false);
    }
}
