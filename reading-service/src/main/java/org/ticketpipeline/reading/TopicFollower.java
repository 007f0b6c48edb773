package org.ticketpipeline.reading;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.topic.GlobalThreadLetters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Follows one topic from its end, on a thread of its own, and hands every committed record to any
 * number of live subscribers (server-sent event clients). Assigned, not subscribed: there is no
 * group to join, so a record written a moment after start is seen without a rebalance's delay, and
 * every instance of the service sees every record. A record that cannot be read is logged and
 * skipped: a live view must not stall on one bad record (the topics' owners dead-letter them).
 */
final class TopicFollower<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    /**
     * One change of the topic: a value, a tombstone (its key, no value: a release-watch whose release is gone),
     * or a gap, when following started again after a failure from the topic's end and what was written
     * meanwhile was not seen.
     */
    record Change<V>(String key, V value, boolean gap) {
        static <V> Change<V> gapInFollowing() {
            return new Change<>(null, null, true);
        }

        boolean tombstone() {
            return !gap && value == null && key != null;
        }
    }

    /** Values and tombstones in one stream, in the topic's order: two streams merged could put a withdrawal before its watch. */
    private final Sinks.Many<Change<V>> sink = Sinks.many().multicast().directBestEffort();
    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;
    /** Whether following has started again since the last failure (its wait then starts over). */
    private boolean following;

    TopicFollower(String bootstrapServers, String clientPrefix, String topic, Deserializer<V> values) {
        this.topic = topic;
        // a topic followed from its end: "latest" where a position is lost
        this.consumer = AssignedConsumers.of(bootstrapServers, clientPrefix, topic, values, "latest");
        this.thread = new Thread(this::follow, "follow-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Every change from now on, values, tombstones and gaps, in order. */
    Flux<Change<V>> changes() {
        return buffered(sink.asFlux(), topic);
    }

    /** How many records a slow subscriber may fall behind before its oldest are dropped. */
    static final int MAX_BEHIND = 10_000;

    /**
     * The live records with a buffer of their own per subscriber. The sink gives a record only to the
     * subscribers that asked for one, and a server-sent event client asks a few at a time: a burst (every
     * open watch published again after the classifier restarts) would reach it only in part, and a quiet
     * release would stay stale on the page until it closed. A subscriber that falls {@link #MAX_BEHIND}
     * behind loses its oldest, and is handed a gap with the next it gets, so its page loads again.
     */
    static <V> Flux<Change<V>> buffered(Flux<Change<V>> live, String topic) {
        return Flux.defer(() -> {
            java.util.concurrent.atomic.AtomicBoolean said = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
            // Reactor calls back once per record dropped: said once per client, not once per record
            return live.onBackpressureBuffer(MAX_BEHIND, lost -> {
                dropped.set(true);
                if (said.compareAndSet(false, true)) {
                    LOG.warn("a client of {} fell {} records behind; its oldest are dropped from now on, and it is told to load again", topic,
                            MAX_BEHIND);
                }
            }, reactor.core.publisher.BufferOverflowStrategy.DROP_OLDEST)
                    // after the record in hand: it may be one taken before the drop, and a gap after it has the page
                    // load everything that followed, whichever it is
                    .concatMap(change -> dropped.getAndSet(false) && !change.gap()
                            ? Flux.just(change, Change.<V>gapInFollowing()) : Flux.just(change), 1);
        });
    }

    /**
     * Runs on the follower's thread, the only one that emits: a failure (the broker away at start,
     * say) is logged and retried from the topic's end, so the stream never goes quiet for good.
     */
    private void follow() {
        long backoffMs = 500;
        boolean failed = false;
        try {
            while (running) {
                try {
                    followFromTheEnd(failed);
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    if (following) {
                        backoffMs = 500; // it had followed again since the last failure: this one is a first
                        following = false;
                    }
                    LOG.warn("following {} failed; retrying in {} ms", topic, backoffMs, e);
                    failed = true;
                    Thread.sleep(backoffMs);
                    backoffMs = Math.min(backoffMs * 2, 30_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close();
            sink.tryEmitComplete();
        }
    }

    /** @param afterAFailure whether following failed before: what was written since is not seen, which is said */
    private void followFromTheEnd(boolean afterAFailure) {
        List<TopicPartition> partitions = AssignedConsumers.partitionsOf(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        boolean polled = false;
        while (running) {
            pollOnce();
            if (!polled) {
                // following again for real (a poll answered): the wait after a failure starts over, and the gap is said once
                polled = true;
                following = true;
                if (afterAFailure) {
                    sink.tryEmitNext(Change.gapInFollowing());
                }
            }
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() != null || record.key() != null) {
                    sink.tryEmitNext(new Change<>(record.key(), record.value(), false));
                }
            }
        } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
            if (!skippable(e)) {
                // the registry is away, not the record unreadable: skipped, every snapshot written meanwhile would be lost to the
                // page without a word; failing, the follower waits, follows again from the end and tells the page to load again
                throw e;
            }
            LOG.warn("skipping unreadable record {}-{}@{}: {}", topic, e.topicPartition().partition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    /** Whether a record that could not be read is passed over: its bytes are bad, not the registry away. */
    static boolean skippable(org.apache.kafka.common.errors.RecordDeserializationException e) {
        return !GlobalThreadLetters.registryUnavailable(e);
    }

    /** Stops following; the follower's thread closes the consumer and completes the stream. */
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
