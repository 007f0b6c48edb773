package org.ticketpipeline.classifier.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;

/**
 * Synthetic but realistic tickets for the benchmark: helpdesk phrasing over a dozen themes (half the
 * taxonomy knows, half it does not), with names, numbers and asides varied so no two texts repeat.
 */
final class SyntheticTickets {

    private static final String[][] THEMES = {
            {"CSV export times out", "The CSV export of %s spins and then fails after %d seconds since the update."},
            {"Login loop", "After the update I keep getting sent back to the login page, tried %2$d times on %1$s."},
            {"Invoice total wrong", "The invoice total for %s is wrong, VAT is off by %d cents."},
            {"Card declined", "My card payment failed again for %s, error code %d."},
            {"Dark mode", "Would be great to have a dark mode, %s works late, about %d hours a week."},
            {"Thanks", "Thank you %s, all good now, ticket %d can be closed."},
            {"Shift swap", "Two colleagues swapped shifts on %s but the roster still shows the old plan after %d minutes."},
            {"Holiday balance", "My holiday balance shows %2$d days but HR says %1$s is right, which is it?"},
            {"Receipt scanning", "The receipt scanner reads the amount wrong on %s receipts, it added %d euros."},
            {"Team calendar", "Can we share the team calendar with %s? We have %d people who need it."},
            {"Slow reports", "Reports for %s take %d seconds to open, it used to be instant."},
            {"Mobile upload", "Uploading photos from the phone for %s stops at %d percent."}};
    private static final String[] NAMES = {"last month", "Q3", "the Berlin office", "our accountant", "the night team", "project Atlas",
            "March", "the new client", "supplier invoices", "team B", "the weekend", "yesterday"};

    private SyntheticTickets() {
    }

    static List<TicketEvent> generate(int n, Instant start, long spacingMillis, long seed) {
        Random random = new Random(seed);
        List<TicketEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] theme = THEMES[random.nextInt(THEMES.length)];
            String body = String.format(theme[1], NAMES[random.nextInt(NAMES.length)], 2 + random.nextInt(300));
            out.add(TicketEvent.newBuilder()
                    .setEventId("bench-" + seed + "-" + i)
                    .setTicketId("T-" + seed + "-" + i)
                    .setType(TicketEventType.CREATED)
                    .setOccurredAt(start.plusMillis(i * spacingMillis))
                    .setSourceHelpdesk("zendesk")
                    .setProduct(i % 3 == 0 ? "roster" : "ledger")
                    .setCustomerId("cust-" + random.nextInt(5000))
                    .setTier(Tier.L1)
                    .setSubject(theme[0])
                    .setBody(body)
                    .setTags(List.of())
                    .build());
        }
        return out;
    }
}
