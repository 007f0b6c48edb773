package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks;

class TopicFollowerTest {

    @Test
    void shouldKeepABurstForASubscriberThatAsksAFewAtATime() {
        Sinks.Many<Integer> sink = Sinks.many().multicast().directBestEffort();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        BaseSubscriber<Integer> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(Integer value) {
                seen.add(value);
            }
        };
        TopicFollower.buffered(sink.asFlux(), "release-watch").subscribe(slow);

        for (int i = 0; i < 100; i++) {
            sink.tryEmitNext(i);
        }
        slow.request(99);

        assertThat(seen).as("every record of the burst, in order").hasSize(100).startsWith(0, 1, 2).endsWith(99);
    }

    @Test
    void shouldKeepAWatchAndItsWithdrawalInTheTopicsOrderForASlowSubscriber() {
        Sinks.Many<TopicFollower.Change<String>> sink = Sinks.many().multicast().directBestEffort();
        List<String> seen = new CopyOnWriteArrayList<>();
        BaseSubscriber<TopicFollower.Change<String>> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(TopicFollower.Change<String> change) {
                seen.add(change.gap() ? "gap" : change.tombstone() ? "withdrawn " + change.key() : "watch " + change.value());
            }
        };
        TopicFollower.buffered(sink.asFlux(), "release-watch").subscribe(slow);

        // one stream: merged from two, a subscriber behind could get the withdrawal first and show the watch again
        sink.tryEmitNext(new TopicFollower.Change<>("r1", "r1 open", false));
        sink.tryEmitNext(new TopicFollower.Change<>("r1", null, false));
        sink.tryEmitNext(TopicFollower.Change.gapInFollowing());
        slow.request(10);

        assertThat(seen).containsExactly("watch r1 open", "withdrawn r1", "gap");
    }
}
