package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** A client that comes back with the id of its last event is given what came after it, then what comes, each once. */
class ReplayLogTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static ReplayLog.Entry<String> entry(String id, int minutesAgo, int partition, long offset) {
        return new ReplayLog.Entry<>(id, NOW.minus(Duration.ofMinutes(minutesAgo)).toEpochMilli(), partition, offset, "reading " + id);
    }

    /** What a client was given: the ids of its records, or "missed:<id>". */
    private static List<String> given(ReplayLog<String> log, String lastEventId, List<Disposable> keep) {
        List<String> given = new CopyOnWriteArrayList<>();
        keep.add(log.follow(lastEventId).subscribe(item -> given.add(item.entry() != null ? item.entry().eventId() : "missed:" + item.notHeld())));
        return given;
    }

    @Test
    void shouldGiveAReconnectingClientWhatCameAfterItsLastEventThenWhatComes() {
        ReplayLog<String> log = new ReplayLog<>(100, Duration.ofDays(14), CLOCK);
        log.add(entry("a", 30, 0, 0), false);
        log.add(entry("b", 20, 1, 0), false);
        log.add(entry("c", 10, 0, 1), false);
        log.caughtUp();
        List<Disposable> clients = new ArrayList<>();

        List<String> afterA = given(log, "a", clients);
        List<String> fresh = given(log, null, clients);
        log.add(entry("d", 0, 1, 1), true);

        assertThat(afterA).containsExactly("b", "c", "d");
        assertThat(fresh).as("a client that names no event gets what comes").containsExactly("d");
        clients.forEach(Disposable::dispose);
    }

    @Test
    void shouldReplayInTheOrderTheReadingsWereWrittenWhateverOrderThePartitionsWereRead() {
        ReplayLog<String> log = new ReplayLog<>(100, Duration.ofDays(14), CLOCK);
        // at start, one partition is read whole before the next
        log.add(entry("a", 30, 0, 0), false);
        log.add(entry("c", 10, 0, 1), false);
        log.add(entry("b", 20, 1, 0), false);
        log.caughtUp();
        List<Disposable> clients = new ArrayList<>();

        assertThat(given(log, "b", clients)).as("c was written after b, though read before it").containsExactly("c");
        assertThat(given(log, "a", clients)).containsExactly("b", "c");
        clients.forEach(Disposable::dispose);
    }

    @Test
    void shouldHaveAClientThatComesBeforeTheHistoryIsReadWaitForItsReplay() {
        ReplayLog<String> log = new ReplayLog<>(100, Duration.ofDays(14), CLOCK);
        List<Disposable> clients = new ArrayList<>();
        List<String> afterA = given(log, "a", clients);
        List<String> fresh = given(log, null, clients);

        log.add(entry("a", 30, 0, 0), false);
        log.add(entry("b", 20, 0, 1), false);
        log.add(entry("new-while-reading", 0, 1, 5), true); // written after the service started, read before the history ends
        assertThat(afterA).as("nothing before the history is read: the log may not hold its event yet").isEmpty();
        log.caughtUp();
        log.add(entry("later", 0, 0, 2), true);

        assertThat(afterA).containsExactly("b", "new-while-reading", "later");
        assertThat(fresh).containsExactly("new-while-reading", "later");
        clients.forEach(Disposable::dispose);
    }

    @Test
    void shouldSayWhenTheLastEventIsNotKeptRatherThanReplayEverything() {
        ReplayLog<String> log = new ReplayLog<>(2, Duration.ofDays(1), CLOCK);
        log.add(entry("too-old", (int) Duration.ofDays(2).toMinutes(), 0, 0), false);
        log.add(entry("a", 30, 0, 1), false);
        log.add(entry("b", 20, 0, 2), false);
        log.add(entry("c", 10, 0, 3), false);
        log.caughtUp();
        List<Disposable> clients = new ArrayList<>();

        assertThat(given(log, "too-old", clients)).as("older than the log keeps").containsExactly("missed:too-old");
        assertThat(given(log, "a", clients)).as("past the log's length").containsExactly("missed:a");
        assertThat(given(log, "never-written", clients)).containsExactly("missed:never-written");
        assertThat(given(log, "b", clients)).containsExactly("c");
        assertThat(log.size()).isEqualTo(2);
        clients.forEach(Disposable::dispose);
    }

    @Test
    void shouldGiveEveryRecordOnceWhileClientsConnectAsRecordsCome() throws Exception {
        ReplayLog<String> log = new ReplayLog<>(100_000, Duration.ofDays(14), CLOCK);
        log.caughtUp();
        int records = 5_000;
        log.add(entry("r0", 0, 0, 0), true);
        Thread writer = new Thread(() -> IntStream.range(1, records).forEach(i -> log.add(entry("r" + i, 0, 0, i), true)));
        List<Disposable> clients = new ArrayList<>();
        List<List<String>> given = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        writer.start();
        for (int i = 0; i < 50; i++) {
            int last = log.size() - 1;
            after.add(last);
            given.add(given(log, "r" + last, clients));
        }
        writer.join();

        for (int c = 0; c < given.size(); c++) {
            int first = after.get(c) + 1;
            assertThat(given.get(c)).as("client %d, after r%d: every later record once, in order", c, after.get(c))
                    .containsExactlyElementsOf(IntStream.range(first, records).mapToObj(i -> "r" + i).toList());
        }
        clients.forEach(Disposable::dispose);
    }

    @Test
    void shouldForgetAClientThatWent() {
        ReplayLog<String> log = new ReplayLog<>(100, Duration.ofDays(14), CLOCK);
        log.caughtUp();
        List<Disposable> clients = new ArrayList<>();
        List<String> gone = given(log, null, clients);
        clients.get(0).dispose();

        log.add(entry("a", 0, 0, 0), true);

        assertThat(gone).isEmpty();
    }

    @Test
    void shouldSayTheReplayWindowAsAReaderSaysIt() {
        assertThat(ReadingsStream.span(Duration.ofDays(14))).isEqualTo("14 days");
        assertThat(ReadingsStream.span(Duration.ofHours(6))).isEqualTo("6 hours");
        assertThat(ReadingsStream.span(Duration.ofSeconds(90))).isEqualTo("90 s");
    }
}
