package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The readings stream stays alive between readings, as the dashboard's does. */
class ReadingsStreamTest {

    @Test
    void shouldSendHeartbeatsWhileNoReadingComesSoAQuietConnectionIsNotClosedAsIdle() {
        List<String> events = ReadingsStream.connectedThen(Flux.<Event<String>>never(), Duration.ofMillis(50))
                .take(3).map(Event::getName).collectList().block(Duration.ofSeconds(10));

        assertThat(events).containsExactly("connected", "heartbeat", "heartbeat");
        String connected = ReadingsStream.connectedThen(Flux.<Event<String>>never(), Duration.ofMillis(50)).blockFirst(Duration.ofSeconds(10)).getData();
        assertThat(connected).as("says how often a heartbeat comes").contains("\"heartbeatMs\":50");
    }

    @Test
    void shouldPassTheReadingsThroughBetweenTheHeartbeats() {
        Flux<Event<String>> reading = Flux.just(Event.of("{\"readingId\":\"ledger|weekly|2026-11-16|trio\"}").name("weekly"));

        List<String> events = ReadingsStream.connectedThen(reading.concatWith(Flux.never()), Duration.ofMillis(50))
                .take(3).map(Event::getName).collectList().block(Duration.ofSeconds(10));

        assertThat(events).containsExactly("connected", "weekly", "heartbeat");
    }

    @Test
    void shouldKeepTheStreamOfAClientThatStoppedReadingForAWhile() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        List<String> names = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.publisher.BaseSubscriber<Event<String>> slow = new reactor.core.publisher.BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(Event<String> event) {
                names.add(event.getName());
            }

            @Override
            protected void hookOnError(Throwable error) {
                failed.set(error);
            }
        };
        ReadingsStream.connectedThen(Flux.<Event<String>>never(), Duration.ofMillis(5)).subscribe(slow);
        Thread.sleep(400); // some 80 heartbeats come due while the client reads nothing: more than any buffer on the way holds
        slow.request(2);
        Thread.sleep(100);
        slow.dispose();

        assertThat(failed.get()).as("the stream is not ended with an overflow").isNull();
        assertThat(names).first().isEqualTo("connected");
        assertThat(names).as("heartbeats come again once the client reads").hasSizeGreaterThan(1);
    }

    @Test
    void shouldSayTheReplayWindowAsAReaderSaysIt() {
        assertThat(ReadingsStream.span(Duration.ofDays(14))).isEqualTo("14 days");
        assertThat(ReadingsStream.span(Duration.ofHours(6))).isEqualTo("6 hours");
        assertThat(ReadingsStream.span(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(ReadingsStream.span(Duration.ofDays(1))).isEqualTo("1 day");
    }

    @Test
    void shouldReadALastEventIdAsTheBrowserSentItInUtf8() {
        String sentAsUtf8ReadAsLatin1 = new String("café|weekly|2026-11-16|trio".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(ReadingsStream.asSent(sentAsUtf8ReadAsLatin1)).isEqualTo("café|weekly|2026-11-16|trio");
        assertThat(ReadingsStream.asSent("ledger|weekly|2026-11-16|trio")).isEqualTo("ledger|weekly|2026-11-16|trio");
        assertThat(ReadingsStream.asSent("caf\u00e9")).as("Latin-1 bytes that are no UTF-8: kept as read").isEqualTo("caf\u00e9");
    }
}
