package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

/** A client that comes back with the id of its last event is given what came after it, then what comes, each once. */
class ReplayLogTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration LONG_WAIT = Duration.ofMinutes(5);

    private final List<Disposable> clients = new ArrayList<>();

    @AfterEach
    void hangUp() {
        clients.forEach(Disposable::dispose);
    }

    private static ReplayLog<String> log(int maxKept, Duration keep) {
        return new ReplayLog<>(maxKept, keep, LONG_WAIT, 1_024, CLOCK);
    }

    /** A reading on the partition readings are written to. */
    private static ReplayLog.Entry<String> entry(String id, long offset) {
        return entry(id, 0, ReplayLog.WRITTEN_TO, offset);
    }

    private static ReplayLog.Entry<String> entry(String id, int minutesAgo, int partition, long offset) {
        return new ReplayLog.Entry<>(id, NOW.minus(Duration.ofMinutes(minutesAgo)).toEpochMilli(), partition, offset, "reading " + id);
    }

    /** What a client was given: the ids of its records, or "missed:<its id>, now at <newest held>" (and "!" when still reading). */
    private List<String> given(ReplayLog<String> log, String lastEventId) {
        List<String> given = new CopyOnWriteArrayList<>();
        clients.add(log.follow(lastEventId).subscribe(item -> given.add(describe(item)), error -> given.add("ended: " + error.getMessage())));
        return given;
    }

    private static String describe(ReplayLog.Item<String> item) {
        if (item instanceof ReplayLog.Given<String> given) {
            return given.entry().eventId();
        }
        ReplayLog.NotHeld<String> notHeld = (ReplayLog.NotHeld<String>) item;
        return "missed:" + notHeld.lastEventId() + ", now at " + notHeld.newestHeld() + (notHeld.stillReading() ? "!" : "");
    }

    @Test
    void shouldGiveAReconnectingClientWhatCameAfterItsLastEventThenWhatComes() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        log.add(entry("a", 0), false);
        log.add(entry("b", 1), false);
        log.add(entry("c", 2), false);
        log.markCaughtUp();

        List<String> afterA = given(log, "a");
        List<String> fresh = given(log, null);
        log.add(entry("d", 3), true);

        assertThat(afterA).containsExactly("b", "c", "d");
        assertThat(fresh).as("a client that names no event gets what comes").containsExactly("d");
    }

    @Test
    void shouldReplayInTheTopicsOrderWhateverTheTimesTheReadingsCarry() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        // readings stamped by two instances whose clocks disagree: the offsets are the order every client saw
        log.add(entry("a", 1, ReplayLog.WRITTEN_TO, 0), false);
        log.add(entry("b", 3, ReplayLog.WRITTEN_TO, 1), false);
        log.add(entry("c", 2, ReplayLog.WRITTEN_TO, 2), false);
        // a topic made by an earlier version: its other partitions hold older readings, read after the first
        log.add(entry("old-2", 60, 2, 0), false);
        log.add(entry("old-1", 90, 1, 0), false);
        log.markCaughtUp();

        assertThat(given(log, "b")).as("c comes after b in the partition, though stamped before it").containsExactly("c");
        assertThat(given(log, "old-1")).containsExactly("old-2", "a", "b", "c");
    }

    @Test
    void shouldHaveAClientThatComesBeforeTheHistoryIsReadWaitForItsReplay() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        List<String> afterA = given(log, "a");

        log.add(entry("a", 30, ReplayLog.WRITTEN_TO, 0), false);
        log.add(entry("b", 20, ReplayLog.WRITTEN_TO, 1), false);
        log.add(entry("new-while-reading", 0, ReplayLog.WRITTEN_TO, 2), true); // written after the service started
        assertThat(afterA).as("nothing before the history is read: the log may not hold its event yet").isEmpty();
        log.markCaughtUp();
        log.add(entry("later", 3), true);

        assertThat(afterA).containsExactly("b", "new-while-reading", "later");
    }

    @Test
    void shouldGiveAClientThatCameWhileTheHistoryWasReadWhatWasWrittenSince() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        List<String> fresh = given(log, null); // came at NOW, before the history was read

        log.add(entry("an-hour-before", 60, ReplayLog.WRITTEN_TO, 0), false);
        log.add(entry("as-it-came", 0, ReplayLog.WRITTEN_TO, 1), false); // written as it came, read as history all the same
        log.markCaughtUp();
        log.add(entry("later", 2), true);

        assertThat(fresh).containsExactly("as-it-came", "later");
    }

    @Test
    void shouldWaitForTheTopicsEndBeforeSayingAnIdIsNotHeld() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        log.add(entry("a", 0), false);
        log.markCaughtUp();

        // a reading another instance streamed a moment ago, that this one has not read yet
        List<String> justWritten = given(log, "b");
        List<String> unknown = given(log, "never-written");
        assertThat(log.unheldAsks()).isEqualTo(2);
        log.add(entry("b", 1), true);
        assertThat(justWritten).as("no answer before the topic is read to its end as it was when the client came").isEmpty();
        log.answerAsks(2);
        log.add(entry("c", 2), true);

        assertThat(justWritten).containsExactly("c");
        assertThat(unknown).as("told what it may have missed, then given what came while it waited: b is not passed over")
                .containsExactly("missed:never-written, now at a", "b", "c");
    }

    @Test
    void shouldTellAClientItsIdIsNotHeldWhenTheTopicCannotBeReadInTime() {
        ReplayLog<String> log = new ReplayLog<>(100, Duration.ofDays(14), Duration.ofMillis(100), 1_024, CLOCK);
        List<String> waiting = given(log, "a"); // the broker is away: the history is never read

        await().atMost(Duration.ofSeconds(10)).until(() -> !waiting.isEmpty());
        log.add(entry("a", 30, ReplayLog.WRITTEN_TO, 0), false); // the broker back: the history, from before the client came
        log.markCaughtUp();
        log.add(entry("b", 1), true);

        assertThat(waiting).containsExactly("missed:a, now at null!", "b");
    }

    @Test
    void shouldSayWhenTheLastEventIsNotKeptRatherThanReplayEverything() {
        ReplayLog<String> log = log(2, Duration.ofDays(1));
        log.add(entry("too-old", (int) Duration.ofDays(2).toMinutes(), ReplayLog.WRITTEN_TO, 0), false);
        log.add(entry("a", 1), false);
        log.add(entry("b", 2), false);
        log.add(entry("c", 3), false);
        log.markCaughtUp();

        List<String> tooOld = given(log, "too-old");
        List<String> pastTheLength = given(log, "a");
        List<String> afterB = given(log, "b");
        log.answerAsks(log.unheldAsks()); // the topic is read to its end

        assertThat(tooOld).as("older than the log keeps").containsExactly("missed:too-old, now at c");
        assertThat(pastTheLength).containsExactly("missed:a, now at c");
        assertThat(afterB).containsExactly("c");
        assertThat(log.size()).isEqualTo(2);
    }

    @Test
    void shouldReplayFromTheFirstCopyOfAReadingPublishedTwiceSoNothingBetweenIsLost() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        log.add(entry("x", 0), false);
        log.add(entry("y", 1), false);
        log.add(entry("x", 2), false); // published again after a restart
        log.markCaughtUp();

        assertThat(given(log, "x")).containsExactly("y", "x");
    }

    @Test
    void shouldNotGiveAReadingReadAgainAfterAPositionResetTwice() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        log.markCaughtUp();
        List<String> fresh = given(log, null);

        log.add(entry("a", 0), true);
        log.add(entry("a", 0), true);

        assertThat(fresh).containsExactly("a");
    }

    @Test
    void shouldEndTheStreamOfAClientThatFallsTooFarBehindSoItComesBackWithItsLastId() {
        ReplayLog<String> log = new ReplayLog<>(100, Duration.ofDays(14), LONG_WAIT, 8, CLOCK);
        log.markCaughtUp();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        List<String> read = new CopyOnWriteArrayList<>();
        BaseSubscriber<ReplayLog.Item<String>> stopsReading = slowReader(read, ended);
        log.follow(null).subscribe(stopsReading);
        clients.add(stopsReading);

        IntStream.range(0, 10).forEach(i -> log.add(entry("r" + i, i), true));
        stopsReading.request(100);

        assertThat(read).as("the one it asked for, then what its buffer held, then the end").containsExactly("r0", "r1", "r2", "r3", "r4", "r5",
                "r6", "r7", "r8");
        assertThat(ended.get()).hasMessageContaining("fell 8 readings behind");
    }

    @Test
    void shouldGiveEveryRecordOnceWhileClientsConnectAsRecordsCome() throws Exception {
        ReplayLog<String> log = new ReplayLog<>(100_000, Duration.ofDays(14), LONG_WAIT, 1 << 16, CLOCK);
        log.add(entry("r0", 0), true);
        log.markCaughtUp();
        int records = 5_000;
        CountDownLatch halfWritten = new CountDownLatch(1);
        CountDownLatch halfConnected = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            for (int i = 1; i < records; i++) {
                log.add(entry("r" + i, i), true);
                if (i == records / 2) {
                    halfWritten.countDown();
                    try {
                        halfConnected.await(); // so that some clients surely connect while records come, whatever else the machine does
                    } catch (InterruptedException e) {
                        return;
                    }
                } else if (i % 50 == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000); // the rest spread out: the other clients come meanwhile
                }
            }
        });
        writer.start();
        List<List<String>> given = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        halfWritten.await();
        for (int i = 0; i < 50; i++) {
            if (i == 25) {
                halfConnected.countDown();
            }
            int last = log.size() - 1;
            after.add(last);
            given.add(given(log, "r" + last));
        }
        writer.join();

        for (int c = 0; c < given.size(); c++) {
            int first = after.get(c) + 1;
            assertThat(given.get(c)).as("client %d, after r%d: every later record once, in order", c, after.get(c))
                    .containsExactlyElementsOf(IntStream.range(first, records).mapToObj(i -> "r" + i).toList());
        }
    }

    @Test
    void shouldEndTheStreamOfAClientThatFallsBehindWhileStillReadingItsReplay() {
        ReplayLog<String> log = new ReplayLog<>(100, Duration.ofDays(14), LONG_WAIT, 8, CLOCK);
        IntStream.range(0, 5).forEach(i -> log.add(entry("old" + i, i), false));
        log.markCaughtUp();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        List<String> read = new CopyOnWriteArrayList<>();
        BaseSubscriber<ReplayLog.Item<String>> slow = slowReader(read, ended);
        log.follow("old0").subscribe(slow);
        clients.add(slow);

        IntStream.range(0, 20).forEach(i -> log.add(entry("new" + i, 100 + i), true)); // more than its buffer holds, before it reads on
        slow.request(100);

        assertThat(read).as("its replay, then what its buffer held").containsExactly("old1", "old2", "old3", "old4", "new0", "new1", "new2",
                "new3", "new4", "new5", "new6", "new7");
        assertThat(ended.get()).as("ended rather than left with a silent gap: it comes back with its last id").hasMessageContaining("fell 8");
    }

    /** A client that reads one item, then nothing until asked. */
    private static BaseSubscriber<ReplayLog.Item<String>> slowReader(List<String> read, AtomicReference<Throwable> ended) {
        return new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(ReplayLog.Item<String> item) {
                read.add(describe(item));
            }

            @Override
            protected void hookOnError(Throwable error) {
                ended.set(error);
            }
        };
    }

    @Test
    void shouldForgetAClientThatWent() {
        ReplayLog<String> log = log(100, Duration.ofDays(14));
        log.markCaughtUp();
        given(log, null);
        assertThat(log.clientCount()).isEqualTo(1);
        clients.get(0).dispose();

        assertThat(log.clientCount()).as("nothing is kept for, or sent to, a client that went").isZero();
    }
}
