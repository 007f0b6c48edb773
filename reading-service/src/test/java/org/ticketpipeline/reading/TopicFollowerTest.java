package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks;

class TopicFollowerTest {

    /** A subscriber that asks for one record, then for more when the test says so. */
    private static BaseSubscriber<TopicFollower.Change<String>> slowInto(List<String> seen) {
        return new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(TopicFollower.Change<String> change) {
                seen.add(change.gap() ? "gap" : change.tombstone() ? "withdrawn " + change.key() : "watch " + change.value());
            }
        };
    }

    /** A topic's live records, and a client of them that has asked for one record so far. */
    private static final class SlowClient {
        final Sinks.Many<TopicFollower.Change<String>> sink = Sinks.many().multicast().directBestEffort();
        final List<String> seen = new CopyOnWriteArrayList<>();
        final BaseSubscriber<TopicFollower.Change<String>> slow = slowInto(seen);

        SlowClient() {
            TopicFollower.buffered(sink.asFlux(), "release-watch").subscribe(slow);
        }
    }

    private static org.apache.kafka.common.errors.RecordDeserializationException unreadable(Throwable cause) {
        return new org.apache.kafka.common.errors.RecordDeserializationException(
                org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                new org.apache.kafka.common.TopicPartition("release-watch", 0), 7, 0, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                null, null, new org.apache.kafka.common.header.internals.RecordHeaders(), "cannot read", cause);
    }

    @Test
    void shouldPassOverARecordOfBadBytesButNotOneTheRegistryCouldNotBeAskedAbout() {
        var registryAway = new org.ticketpipeline.schemas.registry.SchemaRegistryException("release-watch-value", 503, "unavailable");
        var neverGiven = new org.ticketpipeline.schemas.registry.SchemaRegistryException("release-watch-value", 404,
                org.ticketpipeline.schemas.registry.SchemaRegistryException.SCHEMA_NOT_FOUND, "no schema 99", null);

        assertThat(TopicFollower.skippable(unreadable(new IllegalArgumentException("not Avro")))).isTrue();
        assertThat(TopicFollower.skippable(unreadable(neverGiven))).as("an id the registry never gave: bad bytes").isTrue();
        assertThat(TopicFollower.skippable(unreadable(registryAway))).as("followed again once it answers, the page told to load again")
                .isFalse();
    }

    @Test
    void shouldKeepABurstForASubscriberThatAsksAFewAtATime() {
        SlowClient client = new SlowClient();
        for (int i = 0; i < 100; i++) {
            client.sink.tryEmitNext(new TopicFollower.Change<>("r" + i, String.valueOf(i), false));
        }
        client.slow.request(99);

        assertThat(client.seen).as("every record of the burst, in order").hasSize(100).startsWith("watch 0", "watch 1", "watch 2").endsWith("watch 99");
    }

    @Test
    void shouldTellASubscriberThatFellTooFarBehindThatItMissedRecords() {
        SlowClient client = new SlowClient();
        int burst = TopicFollower.MAX_BEHIND + 10;
        for (int i = 0; i < burst; i++) {
            client.sink.tryEmitNext(new TopicFollower.Change<>("r" + i, String.valueOf(i), false));
        }
        client.slow.request(burst);

        assertThat(client.seen).as("the oldest dropped, the newest kept").doesNotContain("watch 5").endsWith("watch " + (burst - 1));
        assertThat(client.seen).as("one gap, once the drop is seen, before the newest").filteredOn("gap"::equals).hasSize(1);
        assertThat(client.seen.indexOf("gap")).isLessThan(client.seen.indexOf("watch " + TopicFollower.MAX_BEHIND));
    }

    @Test
    void shouldKeepAWatchAndItsWithdrawalInTheTopicsOrderForASlowSubscriber() {
        SlowClient client = new SlowClient();
        // one stream: merged from two, a subscriber behind could get the withdrawal first and show the watch again
        client.sink.tryEmitNext(new TopicFollower.Change<>("r1", "r1 open", false));
        client.sink.tryEmitNext(new TopicFollower.Change<>("r1", null, false));
        client.sink.tryEmitNext(TopicFollower.Change.gapInFollowing());
        client.slow.request(10);

        assertThat(client.seen).containsExactly("watch r1 open", "withdrawn r1", "gap");
    }
}
