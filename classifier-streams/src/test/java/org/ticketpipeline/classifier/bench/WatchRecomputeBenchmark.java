package org.ticketpipeline.classifier.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.ticketpipeline.classifier.watch.ReleaseWatchProcessor;
import org.ticketpipeline.classifier.watch.WatchStores;
import org.ticketpipeline.classifier.watch.WatchSettings;
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

/**
 * What a release watch's recompute costs as its product's kept tickets pile up ({@code ./benchmark
 * --watch 10000,100000}): one open release, N tickets of its product spread over the 7 days before it
 * and the 20 hours since: the first recompute, which counts the background, then a new ticket and the
 * beat that recomputes the watch, best of five. The
 * processor alone on in-memory stores: the Avro reads are counted, RocksDB's are not.
 */
final class WatchRecomputeBenchmark {

    private static final Instant RELEASED = Instant.parse("2026-11-10T08:00:00Z");

    private WatchRecomputeBenchmark() {
    }

    static void run(String sizes) {
        for (String size : sizes.split(",")) {
            int kept = Integer.parseInt(size.strip());
            Topics topics = new Topics(TopicNames.DEFAULTS, new InMemoryRegistry());
            MockProcessorContext<String, ReleaseWatch> context = new MockProcessorContext<>();
            Instant now = RELEASED.plus(Duration.ofHours(20));
            context.setCurrentSystemTimeMs(now.toEpochMilli());
            TimestampedKeyValueStore<String, Release> releases = WatchStores.attach(context, topics);
            releases.put("r1", ValueAndTimestamp.make(Release.newBuilder().setReleaseId("r1").setProduct("ledger").setVersion("4.3.0")
                    .setReleasedAt(RELEASED).setHandoff(org.ticketpipeline.classifier.Handoffs.signed()).setBrief(new Brief("Streaming CSV export", List.of(new PredictedTheme("theme 1", Strength.MEDIUM))))
                    .build(), RELEASED.toEpochMilli()));
            ReleaseWatchProcessor watch = new ReleaseWatchProcessor(WatchSettings.DEFAULTS, 1);
            watch.init(context);
            long span = Duration.ofDays(7).plusHours(20).toMillis();
            for (int i = 0; i < kept; i++) {
                watch.process(ticket("t" + i, RELEASED.minus(Duration.ofDays(7)).plusMillis(span * i / kept), i % 40));
            }
            var beat = context.scheduledPunctuators().get(0).getPunctuator();
            long first = System.nanoTime();
            beat.punctuate(now.toEpochMilli());
            first = System.nanoTime() - first;
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                // beats a minute apart: a slow recompute's back-off is over by the next
                Instant at = now.plus(Duration.ofMinutes(run + 1));
                watch.process(ticket("new" + run, at, 1));
                long started = System.nanoTime();
                beat.punctuate(at.plusMillis(500).toEpochMilli());
                best = Math.min(best, System.nanoTime() - started);
            }
            System.out.printf(java.util.Locale.ROOT, "release watch, %d tickets of its product kept: the first recompute (its"
                    + " background counted) %.1f ms, then %.1f ms a recompute%n", kept, first / 1e6, best / 1e6);
        }
    }

    private static Record<String, SortedTicket> ticket(String id, Instant at, int theme) {
        SortedTicket ticket = SortedTicket.newBuilder().setTicketId(id).setEventId("e-" + id).setEventType(TicketEventType.CREATED)
                .setOccurredAt(at).setProduct("ledger").setProductVersion("4.3.0").setKind(TicketKind.BUG).setTheme("theme " + theme)
                .setQuote("The CSV export times out when I pick a whole year, again and again (" + id + ")")
                .setReasons(List.of("model: bug 0.93 (words: export, times)", "taxonomy theme 'theme " + theme + "'")).build();
        return new Record<>("ledger", ticket, at.toEpochMilli());
    }
}
