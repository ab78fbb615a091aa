package dev.chat.load.workload;

import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ReceivedMessage;
import dev.chat.load.client.Recipient;
import dev.chat.load.measure.Latency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntBinaryOperator;
import java.util.function.LongSupplier;

/**
 * Numbered message streams between the load tool's clients, sent at a fixed total rate, and the
 * bookkeeping of what comes back.
 *
 * <p>Latency is measured from each message's <i>intended</i> send time (start + n / rate), not
 * from when the generator got round to sending it, so a generator or socket that falls behind
 * shows as latency instead of hiding the server's delay (coordinated omission). One thread sends
 * every stream's messages in turn, so each stream's messages leave in order.
 *
 * <p>Receivers acknowledge every message as their protocol asks (the chat protocol's
 * {@code delivered}, batched per flush interval), as a real client must: otherwise the messages
 * stay pending. A sender whose protocol does not acknowledge sends has each message counted as
 * taken when it is sent, without ack latency.
 */
final class Traffic implements ChatClient.Listener {

    private record Stream(ChatClient sender, Recipient to) {
    }

    private final String run = Frames.shortRunId();
    private final String padding;
    private final Latency latency;
    private final Latency ackLatency;
    private final IntBinaryOperator receiverSlot;
    private final List<Stream> streams = new ArrayList<>();
    private final Map<Integer, ChatClient> receivers = new ConcurrentHashMap<>();
    private final List<Phase> phases = new ArrayList<>();
    private final LongSupplier clock = System::nanoTime;
    /** Client ids of reactions start with this, so that their acks and errors are told from messages'. */
    private static final String REACTION = "R";
    private volatile int reactionsPercent;
    /** Per stream: its latest acknowledged message, and the last one it reacted to. */
    private final Map<Integer, String> lastAcked = new ConcurrentHashMap<>();
    private final Map<Integer, String> reactedTo = new ConcurrentHashMap<>();
    private volatile int attachmentsPercent;
    /** Per stream: the attachment its messages carry, uploaded once (a chat may carry one upload in many messages). */
    private volatile Map<Integer, String> attachmentByStream = Map.of();

    /**
     * @param receiverSlot maps (stream, receiving client's index) to the receiver's slot in the
     *                     stream's ledger
     */
    Traffic(int bodyLength, Latency latency, Latency ackLatency, IntBinaryOperator receiverSlot) {
        this.padding = Frames.padding(bodyLength);
        this.latency = latency;
        this.ackLatency = ackLatency;
        this.receiverSlot = receiverSlot;
    }

    /**
     * Beside the messages, send a reaction for about {@code percent} % of them, each to the
     * stream's latest acknowledged message (at most one per message); counted in the phase's
     * {@link Phase#reactions}.
     */
    void reactWith(int percent) {
        this.reactionsPercent = percent;
    }

    /**
     * About {@code percent} % of the messages carry the stream's attachment ({@code byStream}, a
     * descriptor each, uploaded beforehand); their body is its caption, numbered as any body.
     */
    void attachWith(int percent, Map<Integer, String> byStream) {
        this.attachmentByStream = Map.copyOf(byStream);
        this.attachmentsPercent = percent;
    }

    int addStream(ChatClient sender, Recipient to) {
        streams.add(new Stream(sender, to));
        return streams.size() - 1;
    }

    int streamCount() {
        return streams.size();
    }

    synchronized Phase newPhase(double rate, int receiversPerStream) {
        Phase phase = new Phase(phases.size(), rate, streams.size(), receiversPerStream);
        phases.add(phase);
        return phase;
    }

    private synchronized Phase phase(int number) {
        return number >= 0 && number < phases.size() ? phases.get(number) : null;
    }

    /** Sends every receiver's gathered acknowledgements; called every flush interval. */
    void flushAcks() {
        receivers.values().forEach(ChatClient::flushAcknowledgements);
    }

    /**
     * Sends {@code rate} messages per second over all streams for {@code duration}, then returns.
     * Latency counts towards the phase's histograms after {@code warmup}.
     */
    void send(Phase phase, Duration warmup, Duration duration) {
        long periodNanos = Math.max(1, Math.round(1e9 / phase.targetRate));
        long start = clock.getAsLong();
        long measureFrom = start + warmup.toNanos();
        long end = start + duration.toNanos();
        int streamCount = streams.size();
        long total = duration.toNanos() / periodNanos;
        phase.measuring = warmup.isZero();
        latency.counting(warmup.isZero());
        for (long i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            long wait = intended - clock.getAsLong();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
            if (!phase.measuring && intended >= measureFrom) {
                phase.measuring = true;
                latency.counting(true);
            }
            int s = (int) (i % streamCount);
            int seq = (int) (i / streamCount);
            Stream stream = streams.get(s);
            phase.ledger.sent(s);
            Frames.Numbered numbered = new Frames.Numbered(phase.number, s, seq, intended);
            String attachment = isEvery(attachmentsPercent, seq) ? attachmentByStream.get(s) : null;
            if (attachment != null) {
                stream.sender().send(Frames.clientId(run, numbered), stream.to(), Frames.body(numbered, padding), attachment);
                phase.attachmentsSent.incrementAndGet();
            } else {
                stream.sender().send(Frames.clientId(run, numbered), stream.to(), Frames.body(numbered, padding));
            }
            if (!stream.sender().acknowledgesSends()) {
                phase.ledger.acked(s, seq);
            }
            if (isEvery(reactionsPercent, seq)) {
                react(phase, s, stream, numbered);
            }
            phase.sentCount = i + 1;
            if (clock.getAsLong() > end + 1_000_000_000L) {
                break;
            }
        }
        phase.sendingNanos = clock.getAsLong() - start;
    }

    /** Whether the {@code seq}-th message of a stream is among {@code percent} % of them, spread evenly. */
    private static boolean isEvery(int percent, int seq) {
        return percent > 0 && (seq * (long) percent) / 100 != ((seq + 1) * (long) percent) / 100;
    }

    private void react(Phase phase, int s, Stream stream, Frames.Numbered numbered) {
        String target = lastAcked.get(s);
        if (target != null && !target.equals(reactedTo.put(s, target))) {
            phase.reactions.sent(target, numbered.intendedNanos());
            stream.sender().react(REACTION + Frames.clientId(run, numbered), stream.to(), target, "👍");
        }
    }

    /**
     * Waits until every message (and reaction) of {@code phase} has been acknowledged or refused
     * and every acknowledged one has reached all its receivers, or {@code timeout}; true if it got there.
     */
    boolean drain(Phase phase, Duration timeout) {
        return await(timeout, () -> {
            var counts = phase.ledger.counts();
            return counts.lost() == 0 && counts.acked() + counts.refused() >= counts.sent() && phase.reactions.settled();
        });
    }

    /** Waits until every message of {@code phase} was acknowledged (stored) or refused, or {@code timeout}; true if it got there. */
    boolean awaitStored(Phase phase, Duration timeout) {
        return await(timeout, () -> {
            var counts = phase.ledger.counts();
            return counts.acked() + counts.refused() >= counts.sent();
        });
    }

    private static boolean await(Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(100_000_000L);
        }
        return true;
    }

    @Override
    public void onMessage(ChatClient client, ReceivedMessage message) {
        long now = clock.getAsLong();
        Frames.Numbered m = Frames.fromBody(message.body());
        Phase phase = m == null ? null : phase(m.phase());
        if (phase == null || isOwnMessage(client, m)) {
            return;
        }
        latency.record(now - m.intendedNanos());
        phase.delivered(now - m.intendedNanos());
        phase.ledger.received(m.stream(), receiverSlot.applyAsInt(m.stream(), client.index()), m.seq(), message.messageId());
        receivers.putIfAbsent(client.index(), client);
        client.acknowledge(message);
    }

    @Override
    public void onReaction(ChatClient client, String target, ReceivedMessage reaction) {
        Phase phase = currentPhase();
        if (phase != null) {
            phase.reactions.received(target, clock.getAsLong(), phase.measuring);
        }
        receivers.putIfAbsent(client.index(), client);
        client.acknowledge(reaction);
    }

    @Override
    public void onAck(ChatClient client, String clientId, String messageId) {
        Frames.Numbered m = Frames.fromClientId(clientId);
        Phase phase = m == null ? null : phase(m.phase());
        if (phase != null && clientId.startsWith(REACTION)) {
            phase.reactions.acked();
            return;
        }
        if (m != null && messageId != null && !messageId.isEmpty()) {
            lastAcked.put(m.stream(), messageId);
        }
        onAck(client, clientId);
    }

    @Override
    public void onAck(ChatClient client, String clientId) {
        long now = clock.getAsLong();
        Frames.Numbered m = Frames.fromClientId(clientId);
        Phase phase = m == null ? null : phase(m.phase());
        if (phase != null) {
            phase.ledger.acked(m.stream(), m.seq());
            ackLatency.record(now - m.intendedNanos());
            phase.acked(now - m.intendedNanos());
        }
    }

    @Override
    public void onError(ChatClient client, String clientId, String code) {
        Frames.Numbered m = Frames.fromClientId(clientId);
        Phase phase = m == null ? currentPhase() : phase(m.phase());
        if (phase != null && clientId.startsWith(REACTION)) {
            phase.reactions.refused();
            phase.error(code);
            return;
        }
        if (phase != null) {
            if (m != null) {
                phase.ledger.refused(m.stream());
            }
            phase.error(code);
        }
    }

    /**
     * Whether {@code client} sent {@code m}: an XMPP room reflects every message to its sender
     * too, which is no delivery. (The chat protocol never sends a device its own message.)
     */
    private boolean isOwnMessage(ChatClient client, Frames.Numbered m) {
        return m.stream() < streams.size() && streams.get(m.stream()).sender() == client;
    }

    private synchronized Phase currentPhase() {
        return phases.isEmpty() ? null : phases.get(phases.size() - 1);
    }
}
