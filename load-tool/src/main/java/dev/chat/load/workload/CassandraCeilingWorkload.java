package dev.chat.load.workload;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.chat.load.measure.Latency;
import dev.chat.schema.CassandraMigrator;
import dev.chat.schema.MigrationSessions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code cassandra-ceiling}: what the Cassandra server allows for the rows one one-to-one message
 * writes, with nothing else of the system in the way. Writes, as fast as the server takes them
 * with a bounded number in flight, the rows message-service writes per message (the message row,
 * both users' inbox rows, one pending row per recipient device, the client-send record), at
 * LOCAL_QUORUM, into a keyspace of its own made with the project's migrations: by default one
 * message per logged batch; {@link Shape} chooses other request shapes (unlogged batches of
 * several messages, the send-id read, a receipt's writes), so that the cost of each can be
 * compared (the Cassandra CPU per message is in the run's server samples). The messages per second
 * are the ceiling the end-to-end rate is compared with.
 *
 * <p>The statements mirror message-service's MessageStore; a change there belongs here too.
 */
public final class CassandraCeilingWorkload {

    private final RunSettings settings;
    private final String contactPoint;
    private final String datacenter;
    private final String keyspace;
    private final int inFlight;
    private final Duration warmup;
    private final Duration duration;
    private final int devices;
    private final Shape shape;
    private final int messagesPerRequest;

    /** What each request is. */
    public enum Shape {
        /** The rows of one message (or several) in one logged batch. */
        LOGGED,
        /** The rows of one message (or several) in one unlogged batch. */
        UNLOGGED,
        /** The send-id look-up of a key that is not there (what a first send read before issue 16). */
        READ,
        /** A delivered receipt: the message's flag, then the pending row's delete. */
        RECEIPTS
    }

    public CassandraCeilingWorkload(RunSettings settings, String contactPoint, String datacenter, String keyspace, int inFlight,
            Duration warmup, Duration duration, int devices, Shape shape, int messagesPerRequest) {
        this.shape = shape;
        this.messagesPerRequest = shape == Shape.UNLOGGED || shape == Shape.LOGGED ? Math.max(1, messagesPerRequest) : 1;
        this.settings = settings;
        this.contactPoint = contactPoint;
        this.datacenter = datacenter;
        this.keyspace = keyspace;
        this.inFlight = inFlight;
        this.warmup = warmup;
        this.duration = duration;
        this.devices = devices;
    }

    public Path run() {
        String[] hostPort = contactPoint.split(":");
        try (Run run = new Run(settings, "cassandra-ceiling");
                // A migration session: the default one waits a second for a schema refresh after each table.
                CqlSession session = MigrationSessions.builder()
                        .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
                        .withLocalDatacenter(datacenter).build()) {
            run.parameters.put("contactPoint", contactPoint);
            run.parameters.put("keyspace", keyspace);
            run.parameters.put("inFlight", inFlight);
            run.parameters.put("devicesPerRecipient", devices);
            run.parameters.put("shape", shape.name().toLowerCase(Locale.ROOT));
            run.parameters.put("messagesPerRequest", messagesPerRequest);
            run.parameters.put("warmupSeconds", warmup.toSeconds());
            run.parameters.put("durationSeconds", duration.toSeconds());
            new CassandraMigrator(session, keyspace).createKeyspaceIfMissing(
                    "{'class': 'SimpleStrategy', 'replication_factor': 1}").migrate();
            Statements statements = new Statements(session, keyspace);
            AtomicLong done = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            Histogram latency = new Histogram(60_000_000L, 3);
            run.showing(() -> "batches " + done.get() + " failed " + failed.get(), () -> new long[] {done.get(), done.get()});
            Semaphore slots = new Semaphore(inFlight);
            String body = "x".repeat(settings.bodyLength());
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long end = measureFrom + duration.toNanos();
            long[] measured = {0};
            while (System.nanoTime() < end) {
                slots.acquireUninterruptibly();
                long began = System.nanoTime();
                request(session, statements, body).whenComplete((rs, failure) -> {
                    long now = System.nanoTime();
                    slots.release();
                    if (failure != null) {
                        failed.incrementAndGet();
                        return;
                    }
                    done.incrementAndGet();
                    run.latency.record(now - began);
                    if (began >= measureFrom && now <= end) {
                        synchronized (latency) {
                            latency.recordValue(Math.min(60_000_000L, (now - began) / 1000));
                            measured[0]++;
                        }
                    }
                });
            }
            slots.acquireUninterruptibly(inFlight);
            double perSecond;
            synchronized (latency) {
                perSecond = measured[0] / (duration.toNanos() / 1e9);
            }
            run.results.put("requestsPerSecond", Math.round(perSecond));
            run.results.put("messagesPerSecond", Math.round(perSecond * messagesPerRequest));
            run.results.put("failed", failed.get());
            run.results.put("requestLatencyMs", Latency.summary(latency));
            return run.finish(String.format("%s: %.0f requests/s, %.0f messages/s (LOCAL_QUORUM) with %d in flight; "
                    + "request p50 %.1f ms p99 %.1f ms; %d failed", shape.name().toLowerCase(Locale.ROOT),
                    perSecond, perSecond * messagesPerRequest, inFlight, Latency.millis(latency.getValueAtPercentile(50)),
                    Latency.millis(latency.getValueAtPercentile(99)), failed.get()));
        }
    }

    private CompletionStage<?> request(CqlSession session, Statements statements, String body) {
        return switch (shape) {
            case LOGGED -> session.executeAsync(statements.messageBatch(body, devices, BatchType.LOGGED, messagesPerRequest));
            case UNLOGGED -> session.executeAsync(statements.messageBatch(body, devices, BatchType.UNLOGGED, messagesPerRequest));
            case READ -> session.executeAsync(statements.clientSendLookUp());
            case RECEIPTS -> {
                UUID recipient = UUID.randomUUID();
                UUID chat = UUID.randomUUID();
                UUID id = Uuids.timeBased();
                yield session.executeAsync(statements.markDelivered.bind(chat, 0, id))
                        .thenCompose(flagged -> session.executeAsync(statements.deletePending.bind(recipient, "device-0", id)));
            }
        };
    }

    /** message-service's per-message statements, in the ceiling's keyspace. */
    private static final class Statements {
        private final PreparedStatement message;
        private final PreparedStatement recipientInbox;
        private final PreparedStatement senderInbox;
        private final PreparedStatement pending;
        private final PreparedStatement clientSend;
        private final PreparedStatement lookUp;
        final PreparedStatement markDelivered;
        final PreparedStatement deletePending;

        Statements(CqlSession session, String ks) {
            message = session.prepare("INSERT INTO " + ks + ".messages"
                    + " (chat_id, bucket, message_id, sender_id, client_message_id, body) VALUES (?, ?, ?, ?, ?, ?)");
            recipientInbox = session.prepare("UPDATE " + ks + ".user_inbox USING TIMESTAMP ?"
                    + " SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?, last_message_preview = ?,"
                    + " unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?");
            senderInbox = session.prepare("UPDATE " + ks + ".user_inbox USING TIMESTAMP ?"
                    + " SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?, last_message_preview = ?"
                    + " WHERE user_id = ? AND chat_id = ?");
            pending = session.prepare("INSERT INTO " + ks + ".pending_messages"
                    + " (user_id, device_id, message_id, chat_id, sender_id, body) VALUES (?, ?, ?, ?, ?, ?)");
            clientSend = session.prepare("INSERT INTO " + ks + ".client_sends"
                    + " (sender_id, client_message_id, message_id, chat_id) VALUES (?, ?, ?, ?)");
            lookUp = session.prepare("SELECT message_id, chat_id FROM " + ks + ".client_sends"
                    + " WHERE sender_id = ? AND client_message_id = ?");
            markDelivered = session.prepare("UPDATE " + ks + ".messages SET is_delivered = true"
                    + " WHERE chat_id = ? AND bucket = ? AND message_id = ?");
            deletePending = session.prepare("DELETE FROM " + ks + ".pending_messages"
                    + " WHERE user_id = ? AND device_id = ? AND message_id = ?");
        }

        BoundStatement clientSendLookUp() {
            return lookUp.bind(UUID.randomUUID(), "c-absent").setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
        }

        BatchStatement messageBatch(String body, int devices, BatchType type, int messages) {
            BatchStatementBuilder batch = BatchStatement.builder(type).setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
            for (int m = 0; m < messages; m++) {
                addMessage(batch, body, devices);
            }
            return batch.build();
        }

        private void addMessage(BatchStatementBuilder batch, String body, int devices) {
            UUID chat = UUID.randomUUID();
            UUID sender = UUID.randomUUID();
            UUID recipient = UUID.randomUUID();
            UUID id = Uuids.timeBased();
            long micros = Uuids.unixTimestamp(id) * 1000;
            String clientId = "c-" + id;
            String preview = body.substring(0, Math.min(body.length(), 64));
            batch.addStatement(message.bind(chat, 0, id, sender, clientId, body))
                    .addStatement(recipientInbox.bind(micros, sender, id, sender, preview, Set.of(id), recipient, chat))
                    .addStatement(senderInbox.bind(micros, recipient, id, sender, preview, sender, chat))
                    .addStatement(clientSend.bind(sender, clientId, id, chat));
            for (int d = 0; d < devices; d++) {
                batch.addStatement(pending.bind(recipient, "device-" + d, id, chat, sender, body));
            }
        }
    }
}
