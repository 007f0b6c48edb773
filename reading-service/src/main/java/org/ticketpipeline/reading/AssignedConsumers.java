package org.ticketpipeline.reading;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Consumers that are assigned a topic's partitions rather than subscribed: there is no group to join, so
 * a record written a moment after start is seen without a rebalance's delay, and every instance of the
 * service sees every record.
 */
final class AssignedConsumers {

    private AssignedConsumers() {
    }

    /**
     * A consumer of committed records only (the classifier writes its topics in transactions: an aborted write
     * must not reach a page), committing no offsets; {@code autoOffsetReset} where a position past what
     * retention deleted goes.
     */
    static <V> KafkaConsumer<String, V> of(String bootstrapServers, String clientPrefix, String topic, Deserializer<V> values,
                                           String autoOffsetReset) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientPrefix + "-" + topic + "-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), values);
    }

    /** Every partition of the topic; a topic with none (not created yet) is an error, retried by the caller. */
    static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions (not created yet?)");
        }
        return partitions;
    }
}
