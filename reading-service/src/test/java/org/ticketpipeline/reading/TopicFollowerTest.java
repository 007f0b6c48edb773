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
}
