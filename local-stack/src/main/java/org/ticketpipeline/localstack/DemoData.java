package org.ticketpipeline.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A realistic sample for a newcomer: two products, two weeks of tickets ending now (a few hundred,
 * with themes that rise, hold and fade, noise among them, some routed), and one release with its
 * brief and signed handoff. Seeded, so every run tells the same story relative to its "now".
 */
public final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A theme of the sample: which product, its ticket texts, and how its daily volume moves over the 14 days. */
    private record Story(String product, String[] subjects, String[] bodies, double[] perDay) {
    }

    private static final List<Story> STORIES = List.of(
            new Story("ledger",
                    new String[] {"CSV export times out", "Export fails", "Export spins forever"},
                    new String[] {"The CSV export of last month's invoices spins then fails after 60 seconds since the update.",
                            "Exporting invoices to CSV times out every time since the release, we need it for our accountant.",
                            "CSV export fails with an error when I pick more than 3 months. Regards, Maria Lopez"},
                    ramp(0.6, 11, 12.0)),
            new Story("ledger",
                    new String[] {"Login loop", "Keeps logging me out", "Can't sign in"},
                    new String[] {"After the update I get sent back to the login page in a loop.",
                            "I keep getting logged out and have to sign in again every few minutes. Call me on +44 20 7946 0958.",
                            "Login loop on Safari, redirected to login after entering my password."},
                    ramp(6.0, 5, 0.6)),
            new Story("ledger",
                    new String[] {"Dark mode please", "Feature request: dark theme"},
                    new String[] {"Would be great to have a dark mode for late invoicing sessions.",
                            "Feature request: a dark theme option, the white screen is hard on the eyes."},
                    flat(1.6)),
            new Story("ledger",
                    new String[] {"Thanks!", "How do I add a logo?", "Out of office"},
                    new String[] {"Thank you, that solved it.", "How do I add my company logo to invoices?",
                            "I am out of office until Monday. This is an auto-reply."},
                    flat(3.0)),
            new Story("ledger",
                    new String[] {"Invoice total wrong", "VAT amount off"},
                    new String[] {"The invoice total is wrong when a discount is applied after tax.",
                            "VAT amount on the invoice is off by a cent on every line."},
                    flat(2.0)),
            new Story("ledger",
                    new String[] {"Bank feed disconnected", "Bank transactions not importing"},
                    new String[] {"Our bank feed disconnected and transactions stopped importing, reconnecting asks for the bank login again.",
                            "Bank transactions are not importing any more, the feed shows disconnected for our business account."},
                    after(11, 4.0)),
            new Story("roster",
                    new String[] {"Shifts not syncing", "Sync broken on phone"},
                    new String[] {"Shifts I add on the web are not syncing to the app, it shows old data.",
                            "My schedule doesn't show on the app, sync seems broken since yesterday."},
                    ramp(1.0, 10, 6.0)),
            new Story("roster",
                    new String[] {"No shift reminders", "Notifications stopped"},
                    new String[] {"Notifications stopped, nobody got the shift reminder this morning.",
                            "No notification for swapped shifts anymore."},
                    flat(2.0)),
            new Story("roster",
                    new String[] {"Bulk edit shifts", "Edit several shifts at once"},
                    new String[] {"Please add bulk edit so I can move several shifts at once.",
                            "It would be nice to edit many shifts in one go, doing it one by one takes ages."},
                    flat(1.4)),
            new Story("roster",
                    new String[] {"Thanks", "Where is the export?"},
                    new String[] {"Thanks for the quick help!", "Where can I find the export button?"},
                    flat(2.0)));

    private DemoData() {
    }

    /** The ticket events of the sample, oldest first, as JSON objects for {@code POST /v1/ticket-events}. */
    public static List<ObjectNode> ticketEvents(Instant now) {
        Random random = new Random(42);
        Instant start = now.minus(Duration.ofDays(14)).truncatedTo(ChronoUnit.HOURS);
        List<ObjectNode> events = new ArrayList<>();
        int ticket = 0;
        for (int day = 0; day < 14; day++) {
            for (Story story : STORIES) {
                int count = poisson(random, story.perDay()[day]);
                for (int i = 0; i < count; i++) {
                    Instant at = start.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(24 * 3600));
                    if (at.isAfter(now)) {
                        continue;
                    }
                    ticket++;
                    String ticketId = story.product().substring(0, 1).toUpperCase() + "-" + (10_000 + ticket);
                    int pick = random.nextInt(story.bodies().length);
                    ObjectNode created = JSON.createObjectNode()
                            .put("eventId", ticketId + "-created")
                            .put("ticketId", ticketId)
                            .put("type", "created")
                            .put("occurredAt", at.toString())
                            .put("sourceHelpdesk", random.nextBoolean() ? "zendesk" : "intercom")
                            .put("product", story.product())
                            .put("productVersion", story.product().equals("ledger") ? (day >= 11 ? "4.3.0" : "4.2.1") : "2.8.0")
                            .put("channel", new String[] {"email", "chat", "web"}[random.nextInt(3)])
                            .put("customerId", "cust-" + (100 + random.nextInt(160)))
                            .put("tier", "L1")
                            .put("subject", story.subjects()[pick % story.subjects().length])
                            .put("body", story.bodies()[pick]);
                    events.add(created);
                    if (random.nextInt(5) == 0) {
                        Instant routedAt = at.plus(Duration.ofMinutes(20 + random.nextInt(600)));
                        if (routedAt.isBefore(now)) {
                            events.add(JSON.createObjectNode()
                                    .put("eventId", ticketId + "-routed")
                                    .put("ticketId", ticketId)
                                    .put("type", "routed")
                                    .put("occurredAt", routedAt.toString())
                                    .put("sourceHelpdesk", created.get("sourceHelpdesk").asText())
                                    .put("product", story.product())
                                    .put("tier", random.nextBoolean() ? "L2" : "L3"));
                        }
                    }
                }
            }
        }
        events.sort(Comparator.comparing(e -> Instant.parse(e.get("occurredAt").asText())));
        return events;
    }

    /** The ledger 4.3.0 release of the sample, three days before now, with its brief and signed handoff. */
    public static ObjectNode release(Instant now) {
        Instant releasedAt = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        ObjectNode release = JSON.createObjectNode()
                .put("releaseId", "ledger-4.3.0")
                .put("product", "ledger")
                .put("version", "4.3.0")
                .put("releasedAt", releasedAt.toString());
        ObjectNode brief = release.putObject("brief").put("summary",
                "Streaming CSV export for large date ranges; new PDF invoice layout; bank feed connector upgrade.");
        ArrayNode predicted = brief.putArray("predictedThemes");
        predicted.addObject().put("theme", "csv export times out").put("strength", "medium");
        predicted.addObject().put("theme", "pdf invoice layout").put("strength", "low");
        ObjectNode handoff = release.putObject("handoff")
                .put("knownIssues", "Exports over 12 months may take up to 2 minutes.")
                .put("workarounds", "Macro EXPORT-SPLIT: export quarter by quarter.")
                .put("customerComms", "Release note in-app and by e-mail to admins.")
                .put("escalateTo", "reporting squad on-call");
        handoff.putArray("tier1Answers").addObject()
                .put("question", "Why are exports slower for a full year?")
                .put("answer", "Large exports now stream; a full year can take up to 2 minutes.");
        ArrayNode signatures = handoff.putArray("signatures");
        signatures.addObject().put("role", "cs_lead").put("name", "Support lead").put("signedAt", releasedAt.minus(Duration.ofDays(1)).toString());
        signatures.addObject().put("role", "product_owner").put("name", "Product owner").put("signedAt", releasedAt.minus(Duration.ofDays(1)).toString());
        signatures.addObject().put("role", "designer").put("name", "Designer").put("signedAt", releasedAt.minus(Duration.ofDays(1)).toString());
        signatures.addObject().put("role", "tech_lead").put("name", "Tech lead").put("signedAt", releasedAt.minus(Duration.ofDays(1)).toString());
        return release;
    }

    /** Nothing until {@code day}, then {@code perDay}: a theme the release brought. */
    private static double[] after(int day, double perDay) {
        double[] days = new double[14];
        for (int d = day; d < 14; d++) {
            days[d] = perDay;
        }
        return days;
    }

    private static double[] flat(double perDay) {
        double[] days = new double[14];
        java.util.Arrays.fill(days, perDay);
        return days;
    }

    /** {@code from} tickets a day until {@code turnDay}, then a straight line to {@code to} on the last day. */
    private static double[] ramp(double from, int turnDay, double to) {
        double[] days = new double[14];
        for (int d = 0; d < 14; d++) {
            days[d] = d < turnDay ? from : from + (to - from) * (d - turnDay + 1) / (14 - turnDay);
        }
        return days;
    }

    private static int poisson(Random random, double mean) {
        double l = Math.exp(-mean);
        double p = 1.0;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
