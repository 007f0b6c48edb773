package org.ticketpipeline.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;

class ThemeAggregatorTest {

    private static final String SAYS = "The CSV export times out again.";

    private static SortedTicket ticket(String id, String quote) {
        return SortedTicket.newBuilder().setTicketId(id).setEventId("e-" + id).setEventType(TicketEventType.CREATED)
                .setOccurredAt(Instant.parse("2026-11-02T09:00:00Z")).setProduct("ledger").setKind(TicketKind.BUG)
                .setTheme("csv export times out").setQuote(quote).build();
    }

    @Test
    void shouldCountAQuoteKeptBeforeTheCountsAsOneTicket() {
        // as a window written by the version before the counts reads back: the quote, and no count
        ThemeAggregate before = ThemeAggregator.add(ThemeAggregator.empty(), ticket("t1", SAYS));
        ThemeAggregate restored = ThemeAggregate.newBuilder(before).setQuoteTickets(List.of()).build();

        ThemeAggregate both = ThemeAggregator.add(restored, ticket("t2", SAYS));
        assertThat(both.getQuoteTickets()).containsExactly(2L);
        ThemeAggregate one = ThemeAggregator.remove(both, ticket("t2", SAYS));
        assertThat(one.getQuotes()).as("t1 still says it").containsExactly(SAYS);
        assertThat(ThemeAggregator.remove(one, ticket("t1", SAYS)).getQuotes()).isEmpty();
    }

    @Test
    void shouldKeepTheCountsInLineWithThePoolAsQuotesComeAndGo() {
        ThemeAggregate agg = ThemeAggregator.empty();
        String[] reports = {"invoices", "payroll", "shifts", "ledger", "budgets", "orders", "clients", "receipts", "taxes", "stocks"};
        for (int i = 0; i < 10; i++) {
            // each shares every word of the quote most tickets say, and it stays the pool's most central
            agg = ThemeAggregator.add(agg, ticket("t" + i, SAYS.replace(".", "") + " for " + reports[i] + "."));
            agg = ThemeAggregator.add(agg, ticket("u" + i, SAYS));
        }
        assertThat(agg.getQuoteTickets()).hasSameSizeAs(agg.getQuotes());
        assertThat(agg.getQuoteTickets().get(agg.getQuotes().indexOf(SAYS))).isEqualTo(10L);
        assertThat(ThemeAggregator.remove(agg, ticket("x", null)).getQuotes()).as("a ticket with no quote moves none").isEqualTo(agg.getQuotes());
    }

    @Test
    void shouldStartAWindowAgainFromEmptyOnceACorrectionTookItsLastTicket() {
        SortedTicket first = SortedTicket.newBuilder(ticket("t1", SAYS)).setCustomerId("cust-a").setOccurredAt(Instant.parse("2026-11-02T10:05:00Z")).build();
        SortedTicket later = SortedTicket.newBuilder(ticket("t2", "It fails.")).setCustomerId("cust-b").setOccurredAt(Instant.parse("2026-11-02T10:40:00Z")).build();

        ThemeAggregate emptied = ThemeAggregator.remove(ThemeAggregator.add(ThemeAggregator.empty(), first), first);
        ThemeAggregate again = ThemeAggregator.add(emptied, later);

        assertThat(again.getVolume()).isEqualTo(1);
        assertThat(ThemeAggregator.distinctCustomers(again)).as("the customer of the ticket moved out is not counted").isEqualTo(1);
        assertThat(again.getFirstSeen()).isEqualTo(Instant.parse("2026-11-02T10:40:00Z").toEpochMilli());
        assertThat(again.getQuotes()).containsExactly("It fails.");
    }

    @Test
    void shouldNeverCountMoreDistinctCustomersThanTickets() {
        SortedTicket a = SortedTicket.newBuilder(ticket("t1", SAYS)).setCustomerId("cust-a").build();
        SortedTicket b = SortedTicket.newBuilder(ticket("t2", SAYS)).setCustomerId("cust-b").build();

        ThemeAggregate one = ThemeAggregator.remove(ThemeAggregator.add(ThemeAggregator.add(ThemeAggregator.empty(), a), b), b);

        assertThat(one.getVolume()).isEqualTo(1);
        assertThat(ThemeAggregator.distinctCustomers(one)).isEqualTo(1);
    }

    @Test
    void shouldTakeACustomerOutWithTheirLastTicketAndKeepThemWhileAnotherIsThere() {
        SortedTicket t1 = SortedTicket.newBuilder(ticket("t1", SAYS)).setCustomerId("c1").build();
        SortedTicket t2 = SortedTicket.newBuilder(ticket("t2", SAYS)).setCustomerId("c2").build();
        SortedTicket t3 = SortedTicket.newBuilder(ticket("t3", SAYS)).setCustomerId("c1").build();
        SortedTicket t4 = SortedTicket.newBuilder(ticket("t4", SAYS)).setCustomerId("c1").build();
        ThemeAggregate three = ThemeAggregator.add(ThemeAggregator.add(ThemeAggregator.add(ThemeAggregator.empty(), t1), t2), t3);

        ThemeAggregate moved = ThemeAggregator.remove(three, t2);
        assertThat(moved.getVolume()).isEqualTo(2);
        assertThat(ThemeAggregator.distinctCustomers(moved)).as("c2's only ticket moved out").isEqualTo(1);
        assertThat(ThemeAggregator.distinctCustomers(ThemeAggregator.add(moved, t4))).isEqualTo(1);
        assertThat(ThemeAggregator.distinctCustomers(ThemeAggregator.remove(moved, t3))).as("c1 still has t1").isEqualTo(1);
    }

    @Test
    void shouldCountACustomerKeptBeforeTheCountsAsOneTicket() {
        SortedTicket t1 = SortedTicket.newBuilder(ticket("t1", SAYS)).setCustomerId("c1").build();
        SortedTicket t2 = SortedTicket.newBuilder(ticket("t2", SAYS)).setCustomerId("c2").build();
        ThemeAggregate before = ThemeAggregator.add(ThemeAggregator.add(ThemeAggregator.empty(), t1), t2);
        ThemeAggregate restored = ThemeAggregate.newBuilder(before).setCustomerTicketCounts(java.nio.ByteBuffer.allocate(0)).build();

        ThemeAggregate less = ThemeAggregator.remove(restored, t2);
        assertThat(ThemeAggregator.distinctCustomers(less)).isEqualTo(1);
        assertThat(less.getCustomerTicketCounts().remaining()).as("one count of 4 bytes").isEqualTo(4);
        assertThat(less.getCustomerTicketCounts().duplicate().getInt()).isEqualTo(1);
    }
}
