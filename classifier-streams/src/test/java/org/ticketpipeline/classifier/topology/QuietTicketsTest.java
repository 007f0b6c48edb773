package org.ticketpipeline.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.InMemoryRegistry;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

/** Rounds through the kept tickets, a slice at a time. */
class QuietTicketsTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(100));

    private final MockProcessorContext<String, SortedTicket> context = new MockProcessorContext<>();
    private KeyValueStore<String, SortedTicket> tickets;
    private KeyValueStore<String, String> index;
    private QuietTickets quiet;

    @BeforeEach
    void setUp() {
        Topics topics = new Topics(TopicNames.DEFAULTS, new InMemoryRegistry());
        tickets = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("tickets"), Serdes.String(), topics.ticketsSorted().valueSerde())
                .withLoggingDisabled().build();
        tickets.init(context.getStateStoreContext(), tickets);
        index = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("index"), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        index.init(context.getStateStoreContext(), index);
        quiet = new QuietTickets(tickets, new ParkedBugs(index, Duration.ofHours(24)), Duration.ofDays(90));
    }

    private void keep(String ticketId, Instant occurredAt, Instant lastEventAt) {
        SortedTicket ticket = SortedTicket.newBuilder().setTicketId(ticketId).setEventId("e-" + ticketId).setEventType(TicketEventType.ROUTED)
                .setOccurredAt(occurredAt).setLastEventAt(lastEventAt).setProduct("ledger").setKind(TicketKind.BUG).setTheme("login loop")
                .setActualTier(Tier.L1).setCreatedAt(occurredAt).build();
        tickets.put(ticketId, ticket);
        new ParkedBugs(index, Duration.ofHours(24)).follow(null, ticket);
    }

    @Test
    void shouldGoOnFromWhereTheLastSliceStoppedUntilTheRoundHasSeenEveryTicket() {
        for (int i = 0; i < 7; i++) {
            keep("t" + i, i % 2 == 0 ? T0 : NOW.minus(Duration.ofDays(1)), null); // t0, t2, t4, t6 quiet for 100 days
        }
        List<QuietTickets.Slice> slices = new ArrayList<>();
        do {
            slices.add(quiet.next(NOW, 3, ticketId -> false));
        } while (!slices.get(slices.size() - 1).roundDone());

        assertThat(slices).extracting(QuietTickets.Slice::looked).containsExactly(3, 3, 1);
        assertThat(slices).extracting(QuietTickets.Slice::forgotten).containsExactly(2, 1, 1);
        assertThat(slices.get(0).oldestKept()).isEqualTo(NOW.minus(Duration.ofDays(1)).toEpochMilli());
        assertThat(keys(tickets)).containsExactly("t1", "t3", "t5");
        assertThat(keys(index)).as("no index entry left for a forgotten bug").hasSize(3).allMatch(k -> !k.endsWith("/t0") && !k.endsWith("/t6"));

        QuietTickets.Slice next = quiet.next(NOW, 3, ticketId -> false);
        assertThat(next.looked()).as("the next round starts from the first ticket").isEqualTo(3);
        assertThat(next.roundDone()).isTrue();
    }

    @Test
    void shouldJudgeATicketByItsLatestEventNotByALateOneAndPassTheBusyBy() {
        keep("late", T0, NOW.minus(Duration.ofDays(30))); // a late event (day 0) came after one of day 70
        keep("busy", T0, null);
        keep("old", T0, null);

        QuietTickets.Slice slice = quiet.next(NOW, 10, Set.of("busy")::contains);

        assertThat(keys(tickets)).containsExactly("busy", "late");
        assertThat(slice.oldestKept()).as("the busy one is kept, and may be quiet at the next round").isEqualTo(T0.toEpochMilli());
    }

    private static List<String> keys(KeyValueStore<String, ?> store) {
        List<String> keys = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }
}
