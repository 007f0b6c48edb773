package org.ticketpipeline.reading;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.Reading;

/**
 * Reads the readings topic into a {@link ReplayLog}, on a thread of its own: at start the readings
 * written in the last {@code keep} (so a client that reconnects after the service restarted is given
 * what it missed), then every reading as it is written. Assigned, not subscribed, as {@link TopicFollower}
 * is: every instance reads every reading, with no group to join. After a failure (the broker away) it goes
 * on from where it was, not from the topic's end: a reading written meanwhile is still given.
 */
final class ReadingHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingHistory.class);

    private final KafkaConsumer<String, Reading> consumer;
    private final String topic;
    private final Duration keep;
    private final ReplayLog<Reading> log;
    private final Thread thread;
    /** The next offset to read of each partition, once reading has started; empty before. */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    /** Each partition's end when reading started: a record from there on was written since, and is new. */
    private final Map<TopicPartition, Long> endAtStart = new HashMap<>();
    private volatile boolean running = true;

    ReadingHistory(String bootstrapServers, String clientPrefix, String topic, Deserializer<Reading> values, Duration keep,
                   ReplayLog<Reading> log) {
        this.topic = topic;
        this.keep = keep;
        this.log = log;
        // a position past what retention deleted starts again at what is left
        this.consumer = AssignedConsumers.of(bootstrapServers, clientPrefix, topic, values, "earliest");
        this.thread = new Thread(this::read, "history-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        long backoffMs = 500;
        try {
            while (running) {
                try {
                    readOn();
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("reading {} failed; retrying in {} ms from where it was", topic, backoffMs, e);
                    Thread.sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 30_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
        }
    }

    private void readOn() {
        if (next.isEmpty()) {
            start();
        } else {
            consumer.assign(next.keySet());
            next.forEach(consumer::seek);
        }
        while (running) {
            pollOnce();
            if (!log.isCaughtUp() && endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                LOG.info("read {} readings of the last {} on {}: a stream client that reconnects is given what it missed", log.size(), keep,
                        topic);
                log.caughtUp();
            }
        }
    }

    /** Assigns every partition at the first reading written in the last {@code keep} (at the end where there is none). */
    private void start() {
        List<TopicPartition> partitions = AssignedConsumers.partitionsOf(consumer, topic);
        consumer.assign(partitions);
        endAtStart.putAll(consumer.endOffsets(partitions));
        long since = Instant.now().minus(keep).toEpochMilli();
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(at);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp found = first.get(partition);
            long offset = found == null ? endAtStart.get(partition) : found.offset();
            consumer.seek(partition, offset);
            next.put(partition, offset);
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, Reading> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                next.put(partition, record.offset() + 1);
                if (record.value() != null) {
                    log.add(new ReplayLog.Entry<>(EventIds.oneLine(record.value().getReadingId()), record.timestamp(), record.partition(),
                            record.offset(), record.value()), record.offset() >= endAtStart.getOrDefault(partition, 0L));
                }
            }
        } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
            LOG.warn("skipping unreadable record {}-{}@{}: {}", topic, e.topicPartition().partition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            next.put(e.topicPartition(), e.offset() + 1);
        }
    }

    /** Stops reading; the thread closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
