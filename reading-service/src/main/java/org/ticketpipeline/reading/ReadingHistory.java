package org.ticketpipeline.reading;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.topic.GlobalThreadLetters;

/**
 * Reads the readings topic into a {@link ReplayLog}, on a thread of its own: at start the readings
 * written in the last {@code replayWindow} (so a client that reconnects after the service restarted is
 * given what it missed), then every reading as it is written, each turned into its event once for all
 * clients. Assigned, not subscribed, as {@link TopicFollower} is: every instance reads every reading. After
 * a failure (the broker or the schema registry away) it goes on from where it was, not from the topic's
 * end: a reading written meanwhile is still given.
 */
final class ReadingHistory<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingHistory.class);

    private final Consumer<String, Reading> consumer;
    private final String topic;
    private final Duration replayWindow;
    private final ReplayLog<V> recent;
    private final Function<Reading, V> prepare;
    private final Clock clock;
    private final Thread thread;
    /** The next offset to read of each partition, once reading has started; empty before. */
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    /** Each partition's end when reading started: a record from there on was written since, and is new. */
    private final Map<TopicPartition, Long> endAtStart = new HashMap<>();
    /** The asks after an id not held that are answered; and the ask and the topic's end the reader is reading up to for the next. */
    private long answeredAsks;
    private long askReadFor;
    private Map<TopicPartition, Long> endForAsk;
    /** Whether a poll answered since the last failure: the wait after a failure then starts over. */
    private boolean polledSinceFailure;
    private volatile boolean running = true;

    ReadingHistory(String bootstrapServers, String clientPrefix, String topic, Deserializer<Reading> values, Duration replayWindow,
                   ReplayLog<V> recent, Function<Reading, V> prepare, Clock clock) {
        // a position past what retention deleted starts again at what is left
        this(AssignedConsumers.of(bootstrapServers, clientPrefix, topic, values, "earliest"), topic, replayWindow, recent, prepare, clock);
    }

    /** Over a consumer made elsewhere (a test's). */
    ReadingHistory(Consumer<String, Reading> consumer, String topic, Duration replayWindow, ReplayLog<V> recent,
                   Function<Reading, V> prepare, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.replayWindow = replayWindow;
        this.recent = recent;
        this.prepare = prepare;
        this.clock = clock;
        this.thread = new Thread(this::readUntilClosed, "history-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void readUntilClosed() {
        long backoffMs = 500;
        try {
            while (running) {
                try {
                    readFromWhereItWas();
                } catch (WakeupException | InterruptException stopping) {
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return; // closing: a call cut short is no failure
                    }
                    if (polledSinceFailure) {
                        backoffMs = 500; // it read again since the last failure: this one is a first, and waits the least
                    }
                    polledSinceFailure = false;
                    LOG.warn("reading {} failed; retrying in {} ms from where it was", topic, backoffMs, e);
                    Thread.sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 30_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Thread.interrupted(); // the interrupt that stopped a wait must not fail the close
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the reader of {}", topic, e);
            }
        }
    }

    private void readFromWhereItWas() {
        if (nextOffsets.isEmpty()) {
            startAtTheReplayWindow();
        } else {
            consumer.assign(nextOffsets.keySet());
            nextOffsets.forEach(consumer::seek);
        }
        while (running) {
            pollOnce();
            polledSinceFailure = true;
            if (!recent.isCaughtUp()) {
                if (readUpTo(endAtStart)) {
                    LOG.info("read {} readings of the last {} on {}: a stream client that reconnects is given what it missed", recent.size(),
                            ReadingsStream.span(replayWindow), topic);
                    recent.markCaughtUp();
                }
            } else {
                answerAsksAfterIdsNotHeld();
            }
        }
    }

    /**
     * A client asked after an id the log does not hold: it may be of a reading written since this instance last
     * read (another instance streamed it first). The topic's end is taken after the ask, and once the reader is
     * there, the ask is answered, with a replay or that the id is not held.
     */
    private void answerAsksAfterIdsNotHeld() {
        if (endForAsk == null && recent.unheldAsks() > answeredAsks) {
            askReadFor = recent.unheldAsks();
            endForAsk = consumer.endOffsets(nextOffsets.keySet());
        }
        if (endForAsk != null && readUpTo(endForAsk)) {
            recent.answerAsks(askReadFor);
            answeredAsks = askReadFor;
            endForAsk = null;
        }
    }

    private boolean readUpTo(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** Assigns every partition at the first reading written in the replay window (at the end where there is none). */
    private void startAtTheReplayWindow() {
        List<TopicPartition> partitions = AssignedConsumers.partitionsOf(consumer, topic);
        consumer.assign(partitions);
        endAtStart.putAll(consumer.endOffsets(partitions));
        long since = clock.millis() - replayWindow.toMillis();
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> first = consumer.offsetsForTimes(at);
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp found = first.get(partition);
            starts.put(partition, found == null ? endAtStart.get(partition) : found.offset());
        }
        starts.forEach(consumer::seek);
        // all at once, after every call that can fail: a failure in between would resume from some partitions only
        nextOffsets.putAll(starts);
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, Reading> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                nextOffsets.put(partition, record.offset() + 1);
                if (record.value() != null) {
                    recent.add(new ReplayLog.Entry<>(EventIds.oneLine(record.value().getReadingId()), record.timestamp(), record.partition(),
                            record.offset(), prepare.apply(record.value())), record.offset() >= endAtStart.getOrDefault(partition, 0L));
                }
            }
        } catch (RecordDeserializationException e) {
            if (GlobalThreadLetters.registryUnavailable(e)) {
                // the registry is away, not the record unreadable: skipped, the whole history would be lost with it; the
                // position stays at the record, and the reader tries again after a wait
                throw e;
            }
            LOG.warn("skipping unreadable record {}-{}@{}: {}", topic, e.topicPartition().partition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
            nextOffsets.put(e.topicPartition(), e.offset() + 1);
        }
    }

    /** Stops reading, also during a wait after a failure; the thread closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
