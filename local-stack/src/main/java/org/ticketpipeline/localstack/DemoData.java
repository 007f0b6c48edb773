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
import java.util.Map;
import java.util.Random;

/**
 * A realistic sample for a newcomer: two products, the tickets of the last two whole weeks and of this
 * one so far (a few hundred, with themes that rise, hold and fade, noise among them, some routed), and
 * two releases with their briefs and signed handoffs, one still watched. Laid on the week grid (weeks
 * start Monday 00:00 UTC), so the weekly reading of the last complete week holds ledger's release and
 * a whole week before it whatever the day of the run; roster's release is twenty hours before now.
 * Seeded, so every run on the same day of the week tells the same story.
 */
public final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many days of tickets at most: the two whole weeks before this one, and this one. */
    static final int DAYS = 21;
    /** The day of the sample ledger 4.3.0 ships on: the Friday of the last complete week. */
    static final int LEDGER_RELEASE_DAY = 11;

    /** A theme of the sample: which product, its ticket texts, and how its daily volume moves over the days. */
    private record Story(String product, String[] subjects, String[] bodies, double[] perDay) {
    }

    /** The surprise of roster 2.9.0: every ticket of it comes after that release. */
    private static final Story CLOCK_IN = new Story("roster",
            new String[] {"Clock-in button missing", "Can't clock in"},
            new String[] {"The clock-in button is gone from the app since this morning's update.",
                    "Staff can't clock in on the tablet, the clock-in button does nothing after the update."},
            after(DAYS, 10.0)); // the run's last day only: see ticketEvents

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
            CLOCK_IN,
            new Story("roster",
                    new String[] {"Thanks", "Where is the export?"},
                    new String[] {"Thanks for the quick help!", "Where can I find the export button?"},
                    flat(2.0)));

    private DemoData() {
    }

    /** The ticket events of the sample, oldest first, as JSON objects for {@code POST /v1/ticket-events}. */
    public static List<ObjectNode> ticketEvents(Instant now) {
        Random random = new Random(42);
        Instant start = start(now);
        int days = (int) Math.min(DAYS, Duration.between(start, now).toDays() + 1);
        List<ObjectNode> events = new ArrayList<>();
        int ticket = 0;
        for (int day = 0; day < days; day++) {
            for (Story story : STORIES) {
                // roster's surprise comes on the run's last day, after its release twenty hours before now
                double perDay = story == CLOCK_IN ? (day == days - 1 ? 10.0 : 0) : story.perDay()[day];
                int count = poisson(random, perDay);
                for (int i = 0; i < count; i++) {
                    // roster's surprise: the day up to now, whatever the hour
                    Instant dayStart = story == CLOCK_IN ? now.minus(Duration.ofDays(1)) : start.plus(Duration.ofDays(day));
                    Instant at = dayStart.plusSeconds(random.nextInt(24 * 3600));
                    if (story == CLOCK_IN && at.isBefore(rosterReleasedAt(now))) {
                        // "since this morning's update": the same place in the hours since the release, not before it
                        // (no draw of its own, so every other ticket of the sample stays as it was)
                        Duration since = Duration.between(rosterReleasedAt(now), now);
                        at = rosterReleasedAt(now).plusMillis(Duration.between(dayStart, at).toMillis() * since.toMillis() / Duration.ofDays(1).toMillis());
                    }
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
                            .put("productVersion", version(story.product(), at, now))
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

    /** The version a sample ticket names: ledger 4.3.0 and roster 2.9.0 once each shipped. */
    private static String version(String product, Instant at, Instant now) {
        if (product.equals("ledger")) {
            return at.isBefore(ledgerReleasedAt(now)) ? "4.2.1" : "4.3.0";
        }
        return at.isBefore(rosterReleasedAt(now)) ? "2.8.0" : "2.9.0";
    }

    /** The sample's first day: the Monday (00:00 UTC) two weeks before this week's. */
    static Instant start(Instant now) {
        Instant thisWeek = now.atZone(java.time.ZoneOffset.UTC).toLocalDate()
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        return thisWeek.minus(Duration.ofDays(14));
    }

    /** Ledger 4.3.0's release: the start of {@link #LEDGER_RELEASE_DAY}, the Friday of the last complete week. */
    static Instant ledgerReleasedAt(Instant now) {
        return start(now).plus(Duration.ofDays(LEDGER_RELEASE_DAY));
    }

    private static Instant rosterReleasedAt(Instant now) {
        return now.minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * The releases of the sample, with their briefs and signed handoffs: ledger 4.3.0 on the Friday of
     * the last complete week (its watch closed), and roster 2.9.0 twenty hours before now (still watched).
     */
    public static List<ObjectNode> releases(Instant now) {
        Instant ledger = ledgerReleasedAt(now);
        ObjectNode ledgerRelease = release("ledger", "4.3.0", ledger,
                "Streaming CSV export for large date ranges; new PDF invoice layout; bank feed connector upgrade.",
                Map.of("csv export times out", "medium", "pdf invoice layout", "low"));
        handoff(ledgerRelease, ledger, "Exports over 12 months may take up to 2 minutes.", "Macro EXPORT-SPLIT: export quarter by quarter.",
                "reporting squad on-call", "Why are exports slower for a full year?", "Large exports now stream; a full year can take up to 2 minutes.");
        Instant roster = rosterReleasedAt(now);
        ObjectNode rosterRelease = release("roster", "2.9.0", roster,
                "Live sync between web and phone; bulk edit of shifts.",
                Map.of("sync delays between devices", "medium", "bulk edit request", "low"));
        handoff(rosterRelease, roster, "The phone app may take a minute to show edits made on the web.", "Macro SYNC-REFRESH: pull down to refresh.",
                "scheduling squad on-call", "Why does my phone show old shifts?", "Sync now runs live; pull down once after updating the app.");
        return List.of(ledgerRelease, rosterRelease);
    }

    private static ObjectNode release(String product, String version, Instant releasedAt, String summary, Map<String, String> predictedThemes) {
        ObjectNode release = JSON.createObjectNode()
                .put("releaseId", product + "-" + version)
                .put("product", product)
                .put("version", version)
                .put("releasedAt", releasedAt.toString());
        ObjectNode brief = release.putObject("brief").put("summary", summary);
        ArrayNode predicted = brief.putArray("predictedThemes");
        new java.util.TreeMap<>(predictedThemes).forEach((theme, strength) -> predicted.addObject().put("theme", theme).put("strength", strength));
        return release;
    }

    private static void handoff(ObjectNode release, Instant releasedAt, String knownIssues, String workarounds, String escalateTo,
                                String question, String answer) {
        ObjectNode handoff = release.putObject("handoff")
                .put("knownIssues", knownIssues)
                .put("workarounds", workarounds)
                .put("customerComms", "Release note in-app and by e-mail to admins.")
                .put("escalateTo", escalateTo);
        handoff.putArray("tier1Answers").addObject().put("question", question).put("answer", answer);
        ArrayNode signatures = handoff.putArray("signatures");
        String signedAt = releasedAt.minus(Duration.ofDays(1)).toString();
        for (String[] role : new String[][] {{"cs_lead", "Support lead"}, {"product_owner", "Product owner"}, {"designer", "Designer"},
                {"tech_lead", "Tech lead"}}) {
            signatures.addObject().put("role", role[0]).put("name", role[1]).put("signedAt", signedAt);
        }
    }

    /**
     * One new roster ticket written now, for the run command's live trickle: the demo's release watch
     * keeps moving on the dashboard. Alternates the release's surprise and one of its predicted themes.
     */
    public static ObjectNode liveTicket(int n, Instant now) {
        boolean clockIn = n % 2 == 0;
        String ticketId = "R-live-" + now.toEpochMilli() + "-" + n;
        return JSON.createObjectNode()
                .put("eventId", ticketId + "-created")
                .put("ticketId", ticketId)
                .put("type", "created")
                .put("occurredAt", now.toString())
                .put("sourceHelpdesk", "zendesk")
                .put("product", "roster")
                .put("productVersion", "2.9.0")
                .put("channel", "chat")
                .put("customerId", "cust-" + (300 + n % 50))
                .put("tier", "L1")
                .put("subject", clockIn ? "Can't clock in" : "Shifts not syncing")
                .put("body", clockIn ? "The clock-in button does nothing on our tablet since the update."
                        : "Shifts I add on the web are not syncing to the app, it shows old data.");
    }

    /** Nothing until {@code day}, then {@code perDay}: a theme the release brought. */
    private static double[] after(int day, double perDay) {
        double[] days = new double[DAYS];
        for (int d = day; d < DAYS; d++) {
            days[d] = perDay;
        }
        return days;
    }

    private static double[] flat(double perDay) {
        double[] days = new double[DAYS];
        java.util.Arrays.fill(days, perDay);
        return days;
    }

    /**
     * {@code from} tickets a day until {@code turnDay}, then a straight line to {@code to} on the last day of
     * the last complete week (day 13), held there this week.
     */
    private static double[] ramp(double from, int turnDay, double to) {
        double[] days = new double[DAYS];
        for (int d = 0; d < DAYS; d++) {
            days[d] = d < turnDay ? from : from + (to - from) * (Math.min(d, 13) - turnDay + 1) / (14 - turnDay);
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
