package org.ticketpipeline.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.classifier.FakeSorting;
import org.ticketpipeline.classifier.Tickets;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.schemas.InMemoryRegistry;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

/** What the sorting does when its task starts: the driver-level tests start from empty stores. */
class SortTicketProcessorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void shouldQuoteALongCopyListWithNoAddressOrPartOfOne() {
        StringBuilder words = new StringBuilder("Please look at the export. ");
        for (int i = 0; words.length() < 990; i++) {
            words.append("firstname.lastname").append(i).append("@department.example-company.com, ");
        }
        words.append("ana.lopez@acme-mail.com and the rest of a long message");

        String quote = SortTicketProcessor.quoteOf(words.toString());

        assertThat(quote).doesNotContain("@").doesNotContain("firstname").contains("[email]").endsWith("…");
        assertThat(SortTicketProcessor.quoteOf("short and whole")).isEqualTo("short and whole");
    }

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final Topics topics = new Topics(TopicNames.DEFAULTS, registry);
    private final MockProcessorContext<String, SortedTicket> context = new MockProcessorContext<>();

    private <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common.serialization.Serde<V> serde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** The sorting's stores, empty; answers the buffer. */
    private KeyValueStore<String, TicketEvent> stores() {
        store(SortTicketProcessor.TICKET_STATE_STORE, topics.ticketsSorted().valueSerde());
        store(SortTicketProcessor.THEME_CLUSTERS_STORE, AvroSerde.forValues(registry, ThemeCluster.class));
        store(ParkedBugs.STORE, Serdes.String());
        store(SortTicketProcessor.EVENT_TIME_STORE, Serdes.Long());
        return store(SortTicketProcessor.PENDING_STORE, topics.ticketEvents().valueSerde());
    }

    private static SortingTopology.Settings settings() {
        return new SortingTopology.Settings(Duration.ofDays(7), Duration.ofHours(24), 0.5, 8, Duration.ofMillis(50), Duration.ofMinutes(15));
    }

    @Test
    void shouldIndexTheBugsAVersionWithoutTheIndexLeftAtL1AndFlagThemAsTimePasses() {
        stores();
        SortTicketProcessor before = new SortTicketProcessor(FakeSorting.sorter(), FakeSorting.vectors(), settings(), topics.ticketEvents());
        before.init(context);
        before.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."), T0.toEpochMilli()));
        assertThat(context.forwarded()).singleElement().satisfies(f -> assertThat(f.record().value().getKind().name()).isEqualTo("BUG"));
        // as an earlier version left it: the ticket kept, no index
        KeyValueStore<String, String> index = context.getStateStore(ParkedBugs.STORE);
        try (var all = index.all()) {
            all.forEachRemaining(kv -> index.delete(kv.key));
        }
        context.resetForwards();

        SortTicketProcessor after = new SortTicketProcessor(FakeSorting.sorter(), FakeSorting.vectors(), settings(), topics.ticketEvents());
        after.init(context);
        after.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                Tickets.created("e2", "t2", T0.plus(Duration.ofHours(25)), "How do I export?", "How do I export my data?"),
                T0.plus(Duration.ofHours(25)).toEpochMilli()));

        assertThat(context.forwarded()).extracting(f -> f.record().value().getTicketId() + " " + f.record().value().getCause())
                .containsExactly("t2 EVENT", "t1 AGE");
    }

    private static SortingTopology.Settings settings(Duration bugAtL1MaxAge) {
        return new SortingTopology.Settings(Duration.ofDays(7), bugAtL1MaxAge, 0.5, 8, Duration.ofMillis(50), Duration.ofMinutes(15));
    }

    /** The team changes classifier.bug-at-l1-max-age and restarts: the bugs already at L1 are flagged at the new age. */
    @Test
    void shouldFlagTheBugsAlreadyAtL1AtTheNewAgeAfterTheSettingChanges() {
        stores();
        SortTicketProcessor before = new SortTicketProcessor(FakeSorting.sorter(), FakeSorting.vectors(), settings(Duration.ofHours(24)), topics.ticketEvents());
        before.init(context);
        before.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                Tickets.created("e1", "t1", T0, "CSV export times out", "The CSV export times out."), T0.toEpochMilli()));
        context.resetForwards();

        SortTicketProcessor after = new SortTicketProcessor(FakeSorting.sorter(), FakeSorting.vectors(), settings(Duration.ofHours(48)), topics.ticketEvents());
        after.init(context);
        for (int hours : new int[] {25, 49}) {
            Instant at = T0.plus(Duration.ofHours(hours));
            after.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                    Tickets.created("e" + hours, "q" + hours, at, "How do I export?", "How do I export my data?"), at.toEpochMilli()));
        }

        assertThat(context.forwarded()).extracting(f -> f.record().value().getTicketId() + " " + f.record().value().getCause())
                .containsExactly("q25 EVENT", "q49 EVENT", "t1 AGE");
        assertThat(context.forwarded()).last().satisfies(f ->
                assertThat(f.record().value().getMisroutedReason()).isEqualTo("bug at L1 more than 2 d after it came in"));
    }

    @Test
    void shouldJudgeALateBugCreationAtTheLatestEventTimeKeptByTheTaskBeforeARestart() {
        stores();
        SortTicketProcessor before = new SortTicketProcessor(FakeSorting.sorter(), FakeSorting.vectors(), settings(), topics.ticketEvents());
        before.init(context);
        Instant latest = T0.plus(Duration.ofHours(48));
        before.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                Tickets.created("e1", "t1", latest, "Card arrival", "My card has not arrived yet."), latest.toEpochMilli()));
        context.resetForwards();

        // a new owner of the task, on the stores it restored: the bug created two days before comes late
        SortTicketProcessor after = new SortTicketProcessor(FakeSorting.sorter(), FakeSorting.vectors(), settings(), topics.ticketEvents());
        after.init(context);
        after.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                Tickets.created("e2", "t2", T0, "CSV export times out", "The CSV export times out."), latest.toEpochMilli()));

        assertThat(context.forwarded()).singleElement().satisfies(f -> {
            assertThat(f.record().value().getKind().name()).isEqualTo("BUG");
            assertThat(f.record().value().getMisrouted()).as("at L1 for two days by the time the task had reached").isTrue();
        });
    }

    @Test
    void shouldSortTheEventsAnEarlierOwnerLeftWaitingInTheBufferInTheirOrder() {
        KeyValueStore<String, TicketEvent> pending = stores();
        // left by a task that crashed while the encoder worked on them
        pending.put(String.format("%019d", 7), Tickets.created("e1", "t1", T0, "Card arrival", "My card has not arrived yet."));
        pending.put(String.format("%019d", 8), Tickets.created("e2", "t2", T0.plusSeconds(5), "Login loop", "Sent back to the login page."));

        SortTicketProcessor processor = new SortTicketProcessor(FakeSorting.sorter(), FakeSorting.vectors(),
                settings(), topics.ticketEvents());
        processor.init(context);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(0);
        processor.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                Tickets.created("e3", "t3", T0.plusSeconds(9), "Card not arrived", "The card has not arrived."), T0.plusSeconds(9).toEpochMilli()));

        assertThat(context.forwarded()).extracting(f -> f.record().value().getEventId()).containsExactly("e1", "e2", "e3");
        assertThat(context.forwarded().get(0).record().value().getThemeSource()).isEqualTo("emerging");
        try (var left = pending.all()) {
            assertThat(left.hasNext()).as("nothing left in the buffer").isFalse();
        }
    }

    @Test
    void shouldDeadLetterARestoredEventTheSorterNowRefusesInsteadOfFailingToStartAndNumberNewOnesAfterTheRest() {
        KeyValueStore<String, TicketEvent> pending = stores();
        pending.put(String.format("%019d", 7), Tickets.created("e1", "t1", T0, "Poison", "The sorter throws on this one."));
        pending.put(String.format("%019d", 8), Tickets.created("e2", "t2", T0.plusSeconds(5), "Login loop", "Sent back to the login page."));
        Sorter refusesPoison = event -> {
            if ("Poison".equals(event.getSubject())) {
                throw new IllegalArgumentException("cannot sort this");
            }
            return FakeSorting.sorter().sort(event);
        };
        TextVectors neverForLate = new TextVectors() {
            @Override
            public float[] vector(String text) {
                return FakeSorting.vectors().vector(text);
            }

            @Override
            public java.util.concurrent.CompletableFuture<float[]> vectorLater(String text) {
                return text.contains("late") ? new java.util.concurrent.CompletableFuture<>() : TextVectors.super.vectorLater(text);
            }
        };

        SortTicketProcessor processor = new SortTicketProcessor(refusesPoison, neverForLate,
                settings(), topics.ticketEvents());
        processor.init(context); // does not throw: the task starts

        assertThatThrownBy(() -> context.scheduledPunctuators().get(0).getPunctuator().punctuate(0))
                .isInstanceOf(BufferedEventFailed.class).hasMessageContaining("'e1'").hasMessageContaining("cannot sort this");
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(50);
        assertThat(context.forwarded()).extracting(f -> f.record().value().getEventId()).containsExactly("e2");

        processor.process(new org.apache.kafka.streams.processor.api.Record<>("ledger",
                Tickets.created("e3", "t3", T0.plusSeconds(9), "Card", "My card came late."), T0.plusSeconds(9).toEpochMilli()));
        assertThat(pending.get(String.format("%019d", 9))).as("numbered after the restored events").isNotNull();
        assertThat(pending.get(String.format("%019d", 7))).as("the refused event left the buffer").isNull();
    }
}
