package dev.chat.system;

import dev.chat.common.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/** Which delivery-service instance consumes a chat's messages right now. */
final class KafkaAssignments {

    static final String GROUP = "delivery-service";

    private KafkaAssignments() {
    }

    /** The instance number N of the member {@code delivery-N} that holds the chat's partition. */
    static int deliveryInstanceOwning(String bootstrapServers, UUID chatId) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(Topics.MESSAGES)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.MESSAGES).partitions().size();
            TopicPartition partition = new TopicPartition(Topics.MESSAGES,
                    Utils.toPositive(Utils.murmur2(chatId.toString().getBytes(StandardCharsets.UTF_8))) % partitions);
            return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                        .get(10, TimeUnit.SECONDS).get(GROUP);
                for (MemberDescription member : group.members()) {
                    if (member.assignment().topicPartitions().contains(partition)
                            && member.clientId().startsWith("delivery-")) {
                        return Integer.parseInt(member.clientId().replaceAll("\\D+", " ").trim().split(" ")[0]);
                    }
                }
                return 0;
            }, owner -> owner > 0);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the consumer group " + GROUP, e);
        }
    }
}
