package org.ticketpipeline.classifier.topology;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Tier;

/** Adds one sorted ticket to a theme's window aggregate, or takes a corrected one back out. */
final class ThemeAggregator {

    /**
     * Past this many distinct customers in one window, distinctCustomers is a lower bound: every update
     * writes the aggregate to its changelog, so it must stay small (4 bytes a customer).
     */
    static final int CUSTOMER_CAP = 1_000;

    private ThemeAggregator() {
    }

    static ThemeAggregate empty() {
        return ThemeAggregate.newBuilder().build();
    }

    /** Distinct customers, never more than the tickets (a window kept before the per-customer counts may hold more). */
    static int distinctCustomers(ThemeAggregate agg) {
        return (int) Math.min(agg.getCustomerHashes().remaining() / 4, agg.getVolume());
    }

    private static int hashOf(String customerId) {
        return customerId.hashCode() * 0x9E3779B1;
    }

    /** The tickets behind each customer hash, one for each hash kept before the counts were. */
    private static int[] customerTickets(ThemeAggregate agg, int hashes) {
        int[] counts = new int[hashes];
        java.nio.IntBuffer kept = agg.getCustomerTicketCounts().duplicate().asIntBuffer();
        for (int i = 0; i < hashes; i++) {
            counts[i] = i < kept.remaining() ? kept.get(i) : 1;
        }
        return counts;
    }

    /**
     * A window's customers, and how many of its tickets each has: sorted hashes and their counts, 4 bytes
     * each, rather than lists of boxed numbers, as a window's value is written at every ticket it counts.
     */
    record Customers(ByteBuffer hashes, ByteBuffer tickets) {
    }

    private static ByteBuffer ints(int[] values, int skip, int insertAt, int inserted) {
        int n = values.length - (skip >= 0 ? 1 : 0) + (insertAt >= 0 ? 1 : 0);
        ByteBuffer out = ByteBuffer.allocate(n * 4);
        for (int i = 0; i <= values.length; i++) {
            if (i == insertAt) {
                out.putInt(inserted);
            }
            if (i < values.length && i != skip) {
                out.putInt(values[i]);
            }
        }
        return out.flip();
    }

    /** The sorted hash set with the customer's ticket added: a new hash when there is room, else one more for theirs. */
    static Customers addCustomer(ThemeAggregate agg, String customerId) {
        ByteBuffer hashes = agg.getCustomerHashes();
        int count = hashes.remaining() / 4;
        int[] tickets = customerTickets(agg, count);
        if (customerId == null) {
            return new Customers(hashes, ints(tickets, -1, -1, 0));
        }
        int[] sorted = new int[count];
        hashes.duplicate().asIntBuffer().get(sorted);
        int at = Arrays.binarySearch(sorted, hashOf(customerId));
        if (at >= 0) {
            tickets[at]++;
            return new Customers(hashes, ints(tickets, -1, -1, 0));
        }
        if (count >= CUSTOMER_CAP) {
            return new Customers(hashes, ints(tickets, -1, -1, 0));
        }
        int insert = -at - 1;
        return new Customers(ints(sorted, -1, insert, hashOf(customerId)), ints(tickets, -1, insert, 1));
    }

    /** The customers less one ticket of this customer: their hash goes with their last ticket in the window. */
    static Customers removeCustomer(ThemeAggregate agg, String customerId) {
        ByteBuffer hashes = agg.getCustomerHashes();
        int count = hashes.remaining() / 4;
        int[] tickets = customerTickets(agg, count);
        int[] sorted = new int[count];
        hashes.duplicate().asIntBuffer().get(sorted);
        int at = customerId == null ? -1 : Arrays.binarySearch(sorted, hashOf(customerId));
        if (at < 0) {
            return new Customers(hashes, ints(tickets, -1, -1, 0)); // no customer, or one past the cap
        }
        if (tickets[at] > 1) {
            tickets[at]--;
            return new Customers(hashes, ints(tickets, -1, -1, 0));
        }
        return new Customers(ints(sorted, at, -1, 0), ints(tickets, at, -1, 0));
    }

    static ThemeAggregate add(ThemeAggregate agg, SortedTicket ticket) {
        long at = ticket.getOccurredAt().toEpochMilli();
        Customers customers = addCustomer(agg, ticket.getCustomerId());
        Map<String, Long> kinds = new HashMap<>(agg.getKindMix());
        kinds.merge(ticket.getKind().name(), 1L, Long::sum);
        Map<String, Long> tiers = new HashMap<>(agg.getTierMix());
        tiers.merge(tierOf(ticket), 1L, Long::sum);
        Map<String, Long> levels = new HashMap<>(agg.getLevelMix());
        if (ticket.getLevel() != null) {
            levels.merge(ticket.getLevel(), 1L, Long::sum);
        }
        List<String> quotes = RepresentativeQuotes.offer(agg.getQuotes(), ticket.getQuote());
        // lined up with the pool, which a newcomer may have changed; a quote pushed out is no longer followed
        List<Long> quoteTickets = new ArrayList<>(quotes.size());
        for (String quote : quotes) {
            int was = agg.getQuotes().indexOf(quote);
            quoteTickets.add((was >= 0 ? ticketsBehind(agg, was) : 0) + (quote.equals(ticket.getQuote()) ? 1 : 0));
        }
        return ThemeAggregate.newBuilder()
                .setProduct(ticket.getProduct())
                .setTheme(ticket.getTheme())
                .setVolume(agg.getVolume() + 1)
                .setCustomerHashes(customers.hashes())
                .setCustomerTicketCounts(customers.tickets())
                .setKindMix(kinds)
                .setTierMix(tiers)
                .setLevelMix(levels)
                .setQuotes(quotes)
                .setQuoteTickets(quoteTickets)
                .setFirstSeen(agg.getFirstSeen() == 0 ? at : Math.min(agg.getFirstSeen(), at))
                .setLastSeen(Math.max(agg.getLastSeen(), at))
                .build();
    }

    /**
     * The aggregate without a ticket that a correction moved elsewhere: volume, kind, tier and level
     * mix less one (never below zero), its quote out of the pool unless another ticket of the window
     * carries it too, its customer out unless another ticket of the window is theirs. First and last
     * seen stay (the times of the tickets left are not kept),
     * until the last ticket goes: then the window starts again from empty, so a ticket that comes later
     * is not counted with the customer and the time of one no longer in it.
     */
    static ThemeAggregate remove(ThemeAggregate agg, SortedTicket ticket) {
        if (agg.getVolume() <= 1) {
            return ThemeAggregate.newBuilder(empty()).setProduct(ticket.getProduct()).setTheme(ticket.getTheme()).build();
        }
        Map<String, Long> kinds = less(agg.getKindMix(), ticket.getKind().name());
        Map<String, Long> tiers = less(agg.getTierMix(), tierOf(ticket));
        Map<String, Long> levels = ticket.getLevel() == null ? agg.getLevelMix() : less(agg.getLevelMix(), ticket.getLevel());
        List<String> quotes = new ArrayList<>(agg.getQuotes());
        List<Long> quoteTickets = new ArrayList<>(quotes.size());
        for (int i = 0; i < quotes.size(); i++) {
            quoteTickets.add(ticketsBehind(agg, i));
        }
        int at = ticket.getQuote() == null ? -1 : quotes.indexOf(ticket.getQuote());
        if (at >= 0 && quoteTickets.get(at) > 1) {
            quoteTickets.set(at, quoteTickets.get(at) - 1);
        } else if (at >= 0) {
            quotes.remove(at);
            quoteTickets.remove(at);
        }
        Customers customers = removeCustomer(agg, ticket.getCustomerId());
        return ThemeAggregate.newBuilder(agg)
                .setProduct(ticket.getProduct())
                .setTheme(ticket.getTheme())
                .setVolume(Math.max(0, agg.getVolume() - 1))
                .setCustomerHashes(customers.hashes())
                .setCustomerTicketCounts(customers.tickets())
                .setKindMix(kinds)
                .setTierMix(tiers)
                .setLevelMix(levels)
                .setQuotes(quotes)
                .setQuoteTickets(quoteTickets)
                .build();
    }

    /** How many of the window's tickets carry the pool's i-th quote: one for a quote kept before they were counted. */
    private static long ticketsBehind(ThemeAggregate agg, int i) {
        return i < agg.getQuoteTickets().size() ? agg.getQuoteTickets().get(i) : 1;
    }

    /**
     * The tier a ticket counts under in the mix: the one it came in at. Its creation may arrive after a
     * later event that moved it (a reply from L2 sent on first), and a correction takes back this one.
     */
    /**
     * The tier a ticket came in at: none is unrouted, also when a routing that came before its creation is its
     * actual tier now (a taken-back entry carries the same, see the correction's counted form).
     */
    private static String tierOf(SortedTicket ticket) {
        Tier tier = ticket.getCreatedTier();
        return tier == null ? "unrouted" : tier.name();
    }

    private static Map<String, Long> less(Map<String, Long> mix, String key) {
        Map<String, Long> out = new HashMap<>(mix);
        out.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
        return out;
    }
}
