package org.ticketpipeline.classifier.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Brief;
import org.ticketpipeline.schemas.InMemoryRegistry;
import org.ticketpipeline.schemas.PredictedTheme;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Strength;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

/** The processor alone, on stores of its own and a clock the test moves. */
class ReleaseWatchProcessorTest {

    private static final Instant RELEASED = Instant.parse("2026-11-10T08:00:00Z");
    private static final WatchSettings SETTINGS = new WatchSettings(Duration.ofHours(48), Duration.ofHours(1), Duration.ofDays(7), 2.0,
            Duration.ofMillis(500), Duration.ofSeconds(10));
    private final Topics topics = new Topics(TopicNames.DEFAULTS, new InMemoryRegistry());
    private final MockProcessorContext<String, ReleaseWatch> context = new MockProcessorContext<>();
    private int ids;

    private ReleaseWatchProcessor started(java.util.function.LongSupplier nanoTime, Instant now) {
        context.setCurrentSystemTimeMs(now.toEpochMilli());
        TimestampedKeyValueStore<String, Release> releases = WatchStores.attach(context, topics);
        releases.put("r1", ValueAndTimestamp.make(Release.newBuilder().setReleaseId("r1").setProduct("ledger").setVersion("4.3.0")
                .setReleasedAt(RELEASED).setHandoff(org.ticketpipeline.classifier.Handoffs.signed()).setBrief(new Brief("Streaming CSV export", List.of(new PredictedTheme("csv export times out", Strength.MEDIUM))))
                .build(), RELEASED.toEpochMilli()));
        ReleaseWatchProcessor processor = new ReleaseWatchProcessor(SETTINGS, 1, nanoTime);
        processor.init(context);
        return processor;
    }

    private void ticket(ReleaseWatchProcessor processor, Instant at, String theme) {
        SortedTicket ticket = SortedTicket.newBuilder().setTicketId("t" + ids).setEventId("e" + ids++).setEventType(TicketEventType.CREATED)
                .setOccurredAt(at).setProduct("ledger").setProductVersion("4.3.0").setKind(TicketKind.BUG).setTheme(theme)
                .setQuote("words of " + theme).build();
        processor.process(new Record<>("ledger", ticket, at.toEpochMilli()));
    }

    private List<ReleaseWatch> refresh(Instant at) {
        context.resetForwards();
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(at.toEpochMilli());
        return context.forwarded().stream().map(f -> (ReleaseWatch) f.record().value()).toList();
    }

    @Test
    void shouldWaitNineTimesAsLongAsASlowRecomputeTookBeforeTheNext() {
        AtomicLong nanos = new AtomicLong();
        // the clock moves 100 ms each time it is read: the recompute seems to take 100 ms and its refresh
        // 300, so the next waits until 900 ms after that refresh ended, 1,200 ms after it began
        java.util.function.LongSupplier slow = () -> nanos.getAndAdd(100_000_000);
        Instant now = RELEASED.plus(Duration.ofHours(2));
        ReleaseWatchProcessor processor = started(slow, now);
        assertThat(refresh(now)).extracting(ReleaseWatch::getTicketCount).containsExactly(0L);

        ticket(processor, RELEASED.plus(Duration.ofHours(1)), "csv export times out");
        assertThat(refresh(now.plusMillis(500))).as("within 900 ms of the slow one").isEmpty();
        assertThat(refresh(now.plusMillis(1000))).as("within 900 ms of the slow one").isEmpty();
        assertThat(refresh(now.plusMillis(1500))).as("the product is still due when its turn comes")
                .extracting(ReleaseWatch::getTicketCount).containsExactly(1L);
    }

    @Test
    void shouldKeepABackOffThroughAQuickRecomputeOfTheSameProduct() {
        AtomicLong nanos = new AtomicLong();
        AtomicLong step = new AtomicLong(100_000_000);
        java.util.function.LongSupplier clock = () -> nanos.getAndAdd(step.get());
        Instant now = RELEASED.plus(Duration.ofHours(2));
        ReleaseWatchProcessor processor = started(clock, now);
        refresh(now); // slow: the next waits until 1,200 ms
        step.set(0);
        ticket(processor, RELEASED.plus(Duration.ofHours(1)), "csv export times out");
        assertThat(refresh(now.plusMillis(500))).isEmpty();
        assertThat(refresh(now.plusMillis(1500))).extracting(ReleaseWatch::getTicketCount).containsExactly(1L);
        // quick now: the back-off is over, and the next beat recomputes
        ticket(processor, RELEASED.plus(Duration.ofHours(1)).plusSeconds(1), "csv export times out");
        assertThat(refresh(now.plusMillis(2000))).extracting(ReleaseWatch::getTicketCount).containsExactly(2L);
    }

    @Test
    void shouldRecomputeOnEveryBeatWhileRecomputesAreQuick() {
        Instant now = RELEASED.plus(Duration.ofHours(2));
        ReleaseWatchProcessor processor = started(() -> 0L, now);
        refresh(now);
        ticket(processor, RELEASED.plus(Duration.ofHours(1)), "csv export times out");
        assertThat(refresh(now.plusMillis(500))).extracting(ReleaseWatch::getTicketCount).containsExactly(1L);
    }

    @Test
    void shouldCountALateTicketInTheBackgroundReadBefore() {
        Instant now = RELEASED.plus(Duration.ofHours(10));
        ReleaseWatchProcessor processor = started(() -> 0L, now);
        ticket(processor, RELEASED.plus(Duration.ofHours(1)), "payment declined");
        ticket(processor, RELEASED.plus(Duration.ofHours(2)), "payment declined");
        List<ReleaseWatch> first = refresh(now);
        assertThat(first.get(first.size() - 1).getThemes()).extracting(t -> t.getTheme()).as("new since the release").contains("payment declined");

        // a backlog of the days before lands late: payments were always this common, so no surprise
        for (int day = 1; day <= 7; day++) {
            for (int i = 0; i < 3; i++) {
                ticket(processor, RELEASED.minus(Duration.ofDays(day)).plus(Duration.ofHours(i)), "payment declined");
            }
        }
        List<ReleaseWatch> after = refresh(now.plusMillis(500));
        assertThat(after).isNotEmpty();
        assertThat(after.get(after.size() - 1).getThemes()).extracting(t -> t.getTheme()).doesNotContain("payment declined");
    }
}
