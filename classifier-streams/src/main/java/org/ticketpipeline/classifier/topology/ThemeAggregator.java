package org.ticketpipeline.classifier.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.SortedTicket;

/** Adds one sorted ticket to a theme's window aggregate. */
final class ThemeAggregator {

    /** Past this many distinct customers in one window, distinctCustomers is a lower bound: the state stays small. */
    static final int CUSTOMER_CAP = 2_000;
    static final int QUOTES_KEPT = 3;

    private ThemeAggregator() {
    }

    static ThemeAggregate empty() {
        return ThemeAggregate.newBuilder().build();
    }

    static ThemeAggregate add(ThemeAggregate agg, SortedTicket ticket) {
        long at = ticket.getOccurredAt().toEpochMilli();
        List<String> customers = new ArrayList<>(agg.getCustomers());
        if (ticket.getCustomerId() != null && customers.size() < CUSTOMER_CAP && !customers.contains(ticket.getCustomerId())) {
            customers.add(ticket.getCustomerId());
        }
        Map<String, Long> kinds = new HashMap<>(agg.getKindMix());
        kinds.merge(ticket.getKind().name(), 1L, Long::sum);
        Map<String, Long> tiers = new HashMap<>(agg.getTierMix());
        tiers.merge(ticket.getActualTier() == null ? "unrouted" : ticket.getActualTier().name(), 1L, Long::sum);
        List<String> quotes = new ArrayList<>(agg.getQuotes());
        if (ticket.getQuote() != null && quotes.size() < QUOTES_KEPT && !quotes.contains(ticket.getQuote())) {
            quotes.add(ticket.getQuote());
        }
        return ThemeAggregate.newBuilder()
                .setProduct(ticket.getProduct())
                .setTheme(ticket.getTheme())
                .setVolume(agg.getVolume() + 1)
                .setCustomers(customers)
                .setKindMix(kinds)
                .setTierMix(tiers)
                .setQuotes(quotes)
                .setFirstSeen(agg.getFirstSeen() == 0 ? at : Math.min(agg.getFirstSeen(), at))
                .setLastSeen(Math.max(agg.getLastSeen(), at))
                .build();
    }
}
