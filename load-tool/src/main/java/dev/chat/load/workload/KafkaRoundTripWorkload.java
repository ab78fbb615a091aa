package dev.chat.load.workload;

import dev.chat.load.measure.Latency;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code kafka-round-trip}: the floor one Kafka hop sets under a lone message, with nothing of the
 * system in the way. One record every interval into a topic of its own (one partition), produced
 * as message-service produces ({@code acks=all}, no linger) and read back by a consumer in the same
 * process; reports how long the produce took to be acknowledged and how long a record took from
 * its send to its consumer, after a warm-up. Every message crosses one such hop between its store
 * and its delivery, so a lone message's latency cannot be below it.
 */
public final class KafkaRoundTripWorkload {

    private final RunSettings settings;
    private final String bootstrapServers;
    private final Duration interval;
    private final Duration warmup;
    private final Duration duration;

    public KafkaRoundTripWorkload(RunSettings settings, String bootstrapServers, Duration interval, Duration warmup,
            Duration duration) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.interval = interval;
        this.warmup = warmup;
        this.duration = duration;
    }

    public Path run() {
        String topic = "load-tool-round-trip-" + UUID.randomUUID();
        try (Run run = new Run(settings, "kafka-round-trip"); Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            run.parameters.put("bootstrapServers", bootstrapServers);
            run.parameters.put("intervalMs", interval.toMillis());
            run.parameters.put("warmupSeconds", warmup.toSeconds());
            run.parameters.put("durationSeconds", duration.toSeconds());
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return measure(run, topic);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("kafka-round-trip failed: " + e, e);
        }
    }

    private Path measure(Run run, String topic) throws InterruptedException {
        Histogram acked = new Histogram(60_000_000L, 3);
        Histogram consumed = new Histogram(60_000_000L, 3);
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long count = (warmup.toNanos() + duration.toNanos()) / interval.toNanos();
        CountDownLatch arrived = new CountDownLatch((int) count);
        try (KafkaProducer<String, Long> producer = new KafkaProducer<>(producerSettings(), new StringSerializer(), new LongSerializer());
                KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(consumerSettings(topic), new StringDeserializer(),
                        new LongDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            // The consumer is polled by the reader alone until it has stopped: a KafkaConsumer is not thread-safe.
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                while (reading.get() && arrived.getCount() > 0) {
                    for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(500))) {
                        long sentAt = record.value();
                        if (sentAt >= measureFrom) {
                            record(consumed, System.nanoTime() - sentAt);
                        }
                        arrived.countDown();
                    }
                }
            }, "round-trip-consumer");
            reader.start();
            run.showing(() -> "consumed " + (count - arrived.getCount()) + " of " + count, () -> new long[] {0, 0});
            for (long i = 0; i < count; i++) {
                long sentAt = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, Long.toString(i), sentAt), (metadata, failure) -> {
                    if (failure == null && sentAt >= measureFrom) {
                        record(acked, System.nanoTime() - sentAt);
                    }
                });
                Thread.sleep(interval.toMillis());
            }
            boolean all = arrived.await(30, TimeUnit.SECONDS);
            reading.set(false);
            reader.join();
            run.results.put("allConsumed", all);
            run.results.put("produceAckMs", Latency.summary(acked));
            run.results.put("produceToConsumeMs", Latency.summary(consumed));
            return run.finish(String.format("one record every %d ms, acks=all: produce acknowledged p50 %.2f ms"
                    + " p99 %.2f ms; produce to consume p50 %.2f ms p99 %.2f ms%s", interval.toMillis(),
                    Latency.millis(acked.getValueAtPercentile(50)), Latency.millis(acked.getValueAtPercentile(99)),
                    Latency.millis(consumed.getValueAtPercentile(50)), Latency.millis(consumed.getValueAtPercentile(99)),
                    all ? "" : "; NOT every record was consumed"));
        }
    }

    private static void record(Histogram histogram, long nanos) {
        synchronized (histogram) {
            histogram.recordValue(Math.min(60_000_000L, nanos / 1000));
        }
    }

    private Properties producerSettings() {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("acks", "all");
        settings.put("linger.ms", "0");
        return settings;
    }

    private Properties consumerSettings(String topic) {
        Properties settings = new Properties();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("group.id", topic);
        settings.put("auto.offset.reset", "earliest");
        settings.put("enable.auto.commit", "false");
        return settings;
    }
}
