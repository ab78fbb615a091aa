package dev.chat.load;

import dev.chat.load.client.ChatProtocol;
import dev.chat.load.client.Protocol;
import dev.chat.load.client.xmpp.XmppProtocol;
import dev.chat.load.workload.CassandraCeilingWorkload;
import dev.chat.load.workload.ConnectionsWorkload;
import dev.chat.load.workload.GroupWorkload;
import dev.chat.load.workload.KafkaRoundTripWorkload;
import dev.chat.load.workload.PairsWorkload;
import dev.chat.load.workload.RampWorkload;
import dev.chat.load.workload.RunSettings;
import dev.chat.load.workload.StormWorkload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load tool's command line: {@code load-tool <workload> [options]}. Every workload prints a
 * progress line every few seconds and a final {@code SUMMARY} line, and writes a JSON result and
 * a PNG plot; the exit status is 0 when the run was clean (nothing lost, duplicated, out of order
 * or refused, every socket held), 1 otherwise, 2 for bad options.
 */
@Command(name = "load-tool", mixinStandardHelpOptions = true, version = "chat-backend load-tool 0.1",
        description = "Drives the chat backend's gateways and REST API with synthetic users and measures what it "
                + "sustains (docs/benchmarks.md); with --protocol xmpp, a peer XMPP server the same way.",
        subcommands = {LoadTool.Connections.class, LoadTool.Pairs.class, LoadTool.Ramp.class, LoadTool.Group.class,
                LoadTool.Storm.class, LoadTool.CassandraCeiling.class, LoadTool.KafkaRoundTrip.class, dev.chat.load.chaos.ChaosCommand.class})
public final class LoadTool {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} parses it (enum values such as {@code --shape} in any case). */
    public static CommandLine commandLine() {
        return new CommandLine(new LoadTool()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The protocols the tool speaks. */
    enum ProtocolName {
        chat, xmpp
    }

    /** Options every workload takes. */
    static final class Target {
        @Option(names = "--protocol", defaultValue = "chat", paramLabel = "NAME",
                description = "what the clients speak: chat (this backend's socket protocol) or xmpp (XMPP over WebSocket, "
                        + "RFC 7395, to measure a peer server such as ejabberd: load-tool/bench/peer-ejabberd/README.md) "
                        + "(default: ${DEFAULT-VALUE})")
        ProtocolName protocol;

        @Option(names = "--gateway", paramLabel = "URL", description = "a gateway's socket URL; repeat for several "
                + "(default ws://127.0.0.1:8080/ws; with --protocol xmpp, ws://127.0.0.1:15280/ws)")
        List<URI> gateways = new ArrayList<>();

        @Option(names = "--contacts", paramLabel = "URL", defaultValue = "http://127.0.0.1:8085",
                description = "chat: contacts-service, where accounts are registered (local registration mode) (default: ${DEFAULT-VALUE})")
        String contacts;

        @Option(names = "--messages", paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
                description = "chat: message-service's public API, for groups (default: ${DEFAULT-VALUE})")
        String messages;

        @Option(names = "--xmpp-domain", paramLabel = "DOMAIN", defaultValue = "localhost",
                description = "xmpp: the users' domain (JIDs are <user id>@DOMAIN) (default: ${DEFAULT-VALUE})")
        String xmppDomain;

        @Option(names = "--xmpp-muc", paramLabel = "DOMAIN",
                description = "xmpp: the multi-user chat service, for group (default conference.<xmpp-domain>)")
        String xmppMuc;

        @Option(names = "--xmpp-api", paramLabel = "URL",
                description = "xmpp: the server's HTTP API, where users are registered with its register command "
                        + "(default http://<first gateway's host:port>/api)")
        String xmppApi;

        @Option(names = "--keys", paramLabel = "DIR", defaultValue = ".local-stack/keys",
                description = "the local stack's key folder, to mint tokens for listen-only users (default: ${DEFAULT-VALUE})")
        Path keys;

        @Option(names = "--users-file", paramLabel = "FILE",
                description = "keep the users in FILE and reuse them in later runs instead of registering again (one file per "
                        + "system: a chat backend's users do not exist on an XMPP server, nor the other way)")
        Path usersFile;

        @Option(names = "--source-addresses", paramLabel = "IP", split = ",",
                description = "loopback addresses to spread the sockets over (127.0.0.2,127.0.0.3,…): about 28,000 sockets each")
        List<String> sourceAddresses = new ArrayList<>();

        @Option(names = "--event-loops", defaultValue = "2", description = "the tool's Vert.x event loops (default: ${DEFAULT-VALUE})")
        int eventLoops;

        @Option(names = "--results", paramLabel = "DIR", defaultValue = "load-results",
                description = "where the JSON results and plots go (default: ${DEFAULT-VALUE})")
        Path results;

        @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "5",
                description = "seconds between progress lines (default: ${DEFAULT-VALUE})")
        int progressSeconds;

        @Option(names = "--watch", paramLabel = "NAME=PID", description = "a server process whose RSS and CPU to sample; repeatable")
        Map<String, Long> watch = new LinkedHashMap<>();

        @Option(names = "--watch-local-stack", paramLabel = "DIR",
                description = "sample every process of the local stack whose data folder is DIR (its pids/*.pid files)")
        Path localStack;

        @Option(names = "--body-length", defaultValue = "100", description = "characters per message body (default: ${DEFAULT-VALUE})")
        int bodyLength;

        @Option(names = "--ack-interval", paramLabel = "MS", defaultValue = "100",
                description = "chat: receivers send their gathered delivered frames this often (default: ${DEFAULT-VALUE} ms); "
                        + "xmpp receivers answer each stream-management request at once")
        int ackIntervalMs;

        RunSettings settings() {
            Map<String, Long> processes = new LinkedHashMap<>();
            if (localStack != null) {
                processes.putAll(localStackPids(localStack.resolve("pids")));
            }
            processes.putAll(watch);
            boolean xmpp = protocol == ProtocolName.xmpp;
            List<URI> urls = !gateways.isEmpty() ? gateways
                    : List.of(URI.create(xmpp ? "ws://127.0.0.1:15280/ws" : "ws://127.0.0.1:8080/ws"));
            return new RunSettings(urls, protocol(urls.get(0)), Files.isDirectory(keys) ? keys : null, usersFile, sourceAddresses,
                    eventLoops, results, Duration.ofSeconds(progressSeconds), processes, bodyLength, Duration.ofMillis(ackIntervalMs));
        }

        private Protocol protocol(URI firstGateway) {
            if (protocol == ProtocolName.chat) {
                return new ChatProtocol(contacts, messages);
            }
            String api = xmppApi != null ? xmppApi
                    : "http://" + firstGateway.getHost() + (firstGateway.getPort() > 0 ? ":" + firstGateway.getPort() : "") + "/api";
            return new XmppProtocol(xmppDomain, xmppMuc != null ? xmppMuc : "conference." + xmppDomain, api);
        }

        private static Map<String, Long> localStackPids(Path dir) {
            Map<String, Long> pids = new LinkedHashMap<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
                for (Path file : files) {
                    pids.put(file.getFileName().toString().replaceFirst("\\.pid$", "").replace("-service", ""),
                            Long.parseLong(Files.readString(file).trim()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local stack's pid files in " + dir, e);
            }
            return pids;
        }
    }

    static int exitCode(Path result) {
        try {
            var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.toFile());
            var r = document.get("results");
            boolean clean = r.path("lost").asLong() == 0 && r.path("duplicated").asLong() == 0
                    && r.path("outOfOrder").asLong() == 0 && r.path("refused").asLong() == 0 && r.path("failed").asLong() == 0
                    && r.path("drained").asBoolean(true);
            return clean ? 0 : 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Command(name = "connections", mixinStandardHelpOptions = true,
            description = "Open N authenticated sockets and hold them idle: connect rate, connect latency, gateway RSS per socket.")
    static final class Connections implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--sockets", defaultValue = "1000", description = "sockets to open (default: ${DEFAULT-VALUE})")
        int sockets;

        @Option(names = "--connect-rate", defaultValue = "500", description = "new sockets per second (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "30", description = "how long to hold them (default: ${DEFAULT-VALUE})")
        int hold;

        @Option(names = "--registered", description = "use registered accounts instead of tokens minted with --keys")
        boolean registered;

        @Override
        public Integer call() {
            return exitCode(new ConnectionsWorkload(target.settings(), sockets, rate, Duration.ofSeconds(hold), registered).run());
        }
    }

    @Command(name = "pairs", mixinStandardHelpOptions = true,
            description = "P sender→receiver pairs at a total rate R: end-to-end latency, lost, duplicated, out of order.")
    static final class Pairs implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--pairs", defaultValue = "100", description = "sender→receiver pairs (default: ${DEFAULT-VALUE})")
        int pairs;

        @Option(names = "--rate", defaultValue = "500", description = "messages per second in total (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10", description = "sent but not measured (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", description = "measured (default: ${DEFAULT-VALUE})")
        int duration;

        @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "30",
                description = "how long to wait for the last messages (default: ${DEFAULT-VALUE})")
        int drain;

        @Option(names = "--reactions", paramLabel = "PERCENT", defaultValue = "0",
                description = "beside this share of the messages, a reaction to the stream's latest acknowledged message,"
                        + " counted apart (chat protocol; default: ${DEFAULT-VALUE})")
        int reactions;

        @Option(names = "--attachments", paramLabel = "PERCENT", defaultValue = "0",
                description = "this share of the messages carries an attachment, one uploaded per pair through message-service"
                        + " before the run (chat protocol; needs --messages; default: ${DEFAULT-VALUE})")
        int attachments;

        @Option(names = "--attachment-size", paramLabel = "BYTES", defaultValue = "10240",
                description = "the size of each pair's attachment (default: ${DEFAULT-VALUE})")
        int attachmentSize;

        @Override
        public Integer call() {
            return exitCode(new PairsWorkload(target.settings(), pairs, rate, Duration.ofSeconds(warmup), Duration.ofSeconds(duration),
                    Duration.ofSeconds(drain), reactions, attachments, attachmentSize).run());
        }
    }

    @Command(name = "ramp", mixinStandardHelpOptions = true,
            description = "Step the rate of P pairs up until p99 passes the bound or anything is lost, then bisect.")
    static final class Ramp implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--pairs", defaultValue = "1000", description = "sender→receiver pairs (default: ${DEFAULT-VALUE})")
        int pairs;

        @Option(names = "--start-rate", defaultValue = "500", description = "first step's rate (default: ${DEFAULT-VALUE})")
        double start;

        @Option(names = "--step-rate", defaultValue = "500", description = "rate added per step (default: ${DEFAULT-VALUE})")
        double step;

        @Option(names = "--step-seconds", defaultValue = "30", description = "each step's duration (default: ${DEFAULT-VALUE})")
        int stepSeconds;

        @Option(names = "--p99-bound", paramLabel = "MS", defaultValue = "100", description = "p99 a step may reach (default: ${DEFAULT-VALUE})")
        double p99Bound;

        @Option(names = "--bisect", defaultValue = "3", description = "bisection steps after the first failure (default: ${DEFAULT-VALUE})")
        int bisect;

        @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0",
                description = "send at the start rate this long first, reported but not judged (default: ${DEFAULT-VALUE})")
        int warmup;

        @Override
        public Integer call() {
            new RampWorkload(target.settings(), pairs, start, step, Duration.ofSeconds(stepSeconds), p99Bound, bisect,
                    Duration.ofSeconds(warmup)).run();
            return 0;
        }
    }

    @Command(name = "group", mixinStandardHelpOptions = true,
            description = "Fan-out: S members of a group of M send at a total rate R; every message reaches the other M-1.")
    static final class Group implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--members", defaultValue = "100", description = "group members, all connected (default: ${DEFAULT-VALUE})")
        int members;

        @Option(names = "--senders", defaultValue = "1", description = "members who send (default: ${DEFAULT-VALUE})")
        int senders;

        @Option(names = "--rate", defaultValue = "10", description = "messages per second in total (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5", description = "sent but not measured (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30", description = "measured (default: ${DEFAULT-VALUE})")
        int duration;

        @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "30",
                description = "how long to wait for the last deliveries (default: ${DEFAULT-VALUE})")
        int drain;

        @Override
        public Integer call() {
            return exitCode(new GroupWorkload(target.settings(), members, senders, rate, Duration.ofSeconds(warmup),
                    Duration.ofSeconds(duration), Duration.ofSeconds(drain)).run());
        }
    }

    @Command(name = "storm", mixinStandardHelpOptions = true,
            description = "Kill -9 the first gateway holding K clients; measure until all are reconnected to the others and caught up.")
    static final class Storm implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--clients", defaultValue = "1000", description = "clients on the gateway that is killed (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--victim-pid", required = true, description = "the pid of the first --gateway's process")
        long victimPid;

        @Option(names = "--messages-per-client", defaultValue = "1",
                description = "messages sent to each client, held unacknowledged until the kill (default: ${DEFAULT-VALUE})")
        int messages;

        @Option(names = "--send-during-storm",
                description = "send those messages after the kill, while the clients reconnect, instead of before it")
        boolean duringStorm;

        @Option(names = "--send-rate", defaultValue = "1000", description = "those messages per second (default: ${DEFAULT-VALUE})")
        double sendRate;

        @Option(names = "--connect-rate", defaultValue = "500", description = "clients connected per second before the kill (default: ${DEFAULT-VALUE})")
        double connectRate;

        @Option(names = "--jitter", paramLabel = "MS", defaultValue = "2000",
                description = "each client reconnects after a random delay up to this, doubled per failure (default: ${DEFAULT-VALUE})")
        long jitterMs;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "give up after (default: ${DEFAULT-VALUE})")
        int timeout;

        @Override
        public Integer call() {
            return exitCode(new StormWorkload(target.settings(), clients, victimPid, messages, sendRate, connectRate,
                    Duration.ofMillis(jitterMs), Duration.ofSeconds(timeout), duringStorm).run());
        }
    }

    @Command(name = "kafka-round-trip", mixinStandardHelpOptions = true,
            description = "One record every interval through Kafka alone (acks=all): the floor one Kafka hop sets under a lone message.")
    static final class KafkaRoundTrip implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:19092",
                description = "bootstrap servers (default: ${DEFAULT-VALUE}, the local stack's)")
        String bootstrapServers;

        @Option(names = "--interval", paramLabel = "MS", defaultValue = "200", description = "between records (default: ${DEFAULT-VALUE})")
        long intervalMs;

        @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10", description = "not measured (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", description = "measured (default: ${DEFAULT-VALUE})")
        int duration;

        @Override
        public Integer call() {
            return exitCode(new KafkaRoundTripWorkload(target.settings(), bootstrapServers, Duration.ofMillis(intervalMs),
                    Duration.ofSeconds(warmup), Duration.ofSeconds(duration)).run());
        }
    }

    @Command(name = "cassandra-ceiling", mixinStandardHelpOptions = true,
            description = "The raw Cassandra ceiling: message-service's per-message writes (or one of its reads), as fast as "
                    + "Cassandra takes them.")
    static final class CassandraCeiling implements Callable<Integer> {
        @Mixin
        Target target = new Target();

        @Option(names = "--cassandra", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:19042",
                description = "a contact point (default: ${DEFAULT-VALUE}, the local stack's)")
        String contactPoint;

        @Option(names = "--datacenter", defaultValue = "datacenter1", description = "the local datacenter (default: ${DEFAULT-VALUE})")
        String datacenter;

        @Option(names = "--keyspace", defaultValue = "chat_ceiling",
                description = "a keyspace of its own, made with the project's migrations (default: ${DEFAULT-VALUE})")
        String keyspace;

        @Option(names = "--in-flight", defaultValue = "64", description = "batches in flight (default: ${DEFAULT-VALUE})")
        int inFlight;

        @Option(names = "--devices", defaultValue = "1", description = "pending rows per message (default: ${DEFAULT-VALUE})")
        int devices;

        @Option(names = "--shape", defaultValue = "logged", description = "what each request is: logged (the rows of "
                + "--messages-per-request messages in a logged batch), unlogged (the same in an unlogged batch), read "
                + "(the send-id look-up of an absent key), receipts (a delivered receipt's two writes) (default: ${DEFAULT-VALUE})")
        CassandraCeilingWorkload.Shape shape;

        @Option(names = "--messages-per-request", defaultValue = "1",
                description = "with --shape logged or unlogged: messages whose rows share one request (default: ${DEFAULT-VALUE})")
        int messagesPerRequest;

        @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "10", description = "not measured (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30", description = "measured (default: ${DEFAULT-VALUE})")
        int duration;

        @Override
        public Integer call() {
            return exitCode(new CassandraCeilingWorkload(target.settings(), contactPoint, datacenter, keyspace, inFlight,
                    Duration.ofSeconds(warmup), Duration.ofSeconds(duration), devices, shape, messagesPerRequest).run());
        }
    }
}
