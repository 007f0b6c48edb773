package org.ticketpipeline.classifier.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ticketpipeline.schemas.PredictedTheme;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.release.ThemeKey;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Strength;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.WatchVerdict;
import org.ticketpipeline.schemas.WatchedTheme;

/**
 * The first hours of a release against its brief, from the tickets attributed to it and the product's
 * tickets before it: predicted themes that came (confirmed, with how strongly), predicted themes that
 * did not (quiet), and unpredicted themes standing well above their own background (surprise): at
 * least two tickets, at least {@code surpriseLift} times the theme's rate in the days before the
 * release, and mostly not noise.
 */
final class WatchVerdicts {

    private WatchVerdicts() {
    }

    /** The product's tickets before a release, counted by theme (by {@link #themeKey}). */
    static Map<String, Long> backgroundOf(Iterable<SortedTicket> before) {
        Map<String, Long> background = new HashMap<>();
        before.forEach(t -> background.merge(themeKey(t.getTheme()), 1L, Long::sum));
        return background;
    }

    /**
     * The hours a background's counts are divided by: the span the kept tickets cover, not the configured
     * one. A product whose first tickets came a day before its release has a day of background, and a
     * theme at its usual one an hour is not ten times its rate because the counts were spread over a week.
     * At least a day (or the whole background, when that is shorter), so a product with no history yet
     * still needs a few tickets an hour before a theme surprises.
     */
    static double backgroundHours(Duration covered, WatchSettings settings) {
        Duration least = settings.background().compareTo(MIN_BACKGROUND) < 0 ? settings.background() : MIN_BACKGROUND;
        return (covered.compareTo(least) < 0 ? least : covered.compareTo(settings.background()) > 0 ? settings.background() : covered)
                .toMillis() / 3_600_000.0;
    }

    /** The shortest background a rate is taken over. */
    static final Duration MIN_BACKGROUND = Duration.ofHours(24);

    /** The brief's predicted themes by key, the last of a key winning, as {@link #judge} reads them. */
    static Map<String, Strength> predictedOf(Release release) {
        Map<String, Strength> out = new HashMap<>();
        release.getBrief().getPredictedThemes().forEach(p -> out.put(themeKey(p.getTheme()), p.getStrength()));
        return out;
    }

    /** The predicted themes a snapshot was judged on, by key. */
    static Map<String, Strength> predictedIn(ReleaseWatch watch) {
        Map<String, Strength> out = new HashMap<>();
        watch.getThemes().stream().filter(t -> t.getVerdict() != WatchVerdict.SURPRISE)
                .forEach(t -> out.put(themeKey(t.getTheme()), t.getPredictedStrength()));
        return out;
    }

    /**
     * @param background the product's tickets before the release by theme key, as {@link #backgroundOf} counts them
     * @param backgroundHours the hours they were counted over ({@link #backgroundHours})
     */
    static ReleaseWatch judge(Release release, List<SortedTicket> attributed, Map<String, Long> background, double backgroundHours,
                              Instant now, WatchSettings settings, boolean closed) {
        Instant released = release.getReleasedAt();
        Instant end = released.plus(settings.window());
        double hours = Math.max(1.0, Duration.between(released, now.isBefore(end) ? now : end).toMinutes() / 60.0);

        // by key, not by spelling: emerging themes keep their subject's capitals ("SSO login fails") and a
        // brief typed by a person says "sso login fails" of the same theme
        Map<String, List<SortedTicket>> seen = new HashMap<>();
        attributed.forEach(t -> seen.computeIfAbsent(themeKey(t.getTheme()), k -> new ArrayList<>()).add(t));

        List<WatchedTheme> themes = new ArrayList<>();
        Map<String, PredictedTheme> predicted = new HashMap<>();
        for (PredictedTheme p : release.getBrief().getPredictedThemes()) {
            predicted.put(themeKey(p.getTheme()), p);
        }
        for (Map.Entry<String, PredictedTheme> p : predicted.entrySet()) {
            List<SortedTicket> tickets = seen.getOrDefault(p.getKey(), List.of());
            // named as the brief names it: the trio reads its own prediction back
            themes.add(theme(p.getValue().getTheme(), tickets.isEmpty() ? WatchVerdict.QUIET : WatchVerdict.CONFIRMED,
                    p.getValue().getStrength(), tickets, background.getOrDefault(p.getKey(), 0L) / backgroundHours, backgroundHours, hours, released));
        }
        for (Map.Entry<String, List<SortedTicket>> s : seen.entrySet()) {
            if (predicted.containsKey(s.getKey())) {
                continue;
            }
            // named as its first ticket names it (the tickets come in time order), not in the key's lower case
            WatchedTheme theme = theme(s.getValue().get(0).getTheme(), WatchVerdict.SURPRISE, null, s.getValue(),
                    background.getOrDefault(s.getKey(), 0L) / backgroundHours, backgroundHours, hours, released);
            long noise = s.getValue().stream().filter(t -> t.getKind() == TicketKind.NOISE).count();
            // thanks and how-tos rising after a release is not what a trio acts on
            if (s.getValue().size() >= 2 && theme.getLift() >= settings.surpriseLift() && noise * 2 < s.getValue().size()) {
                themes.add(theme);
            }
        }
        themes.sort(Comparator.comparing(WatchedTheme::getVerdict).thenComparing(Comparator.comparingDouble(WatchedTheme::getLift).reversed())
                .thenComparing(WatchedTheme::getTheme));
        return ReleaseWatch.newBuilder()
                .setReleaseId(release.getReleaseId())
                .setProduct(release.getProduct())
                .setVersion(release.getVersion())
                .setReleasedAt(released)
                .setWatchEndsAt(end)
                .setClosed(closed)
                .setTicketCount(attributed.size())
                .setThemes(themes)
                .setUpdatedAt(now)
                .setHoursSinceRelease(Duration.between(released, now).toMinutes() / 60.0)
                .setVerdict(verdict(themes, closed))
                .build();
    }

    /** What a theme is matched on, between the brief and the tickets: {@link ThemeKey}. */
    static String themeKey(String theme) {
        return ThemeKey.of(theme);
    }

    private static WatchedTheme theme(String name, WatchVerdict verdict, Strength predicted, List<SortedTicket> tickets,
                                      double backgroundPerHour, double backgroundHours, double hours, Instant released) {
        double perHour = tickets.size() / hours;
        // a theme never seen before the release stands out against a floor of one ticket over the background
        double lift = perHour / Math.max(backgroundPerHour, 1.0 / backgroundHours);
        // the dashboard shows what customers say now, so the newest words first
        List<String> quotes = tickets.stream().sorted(Comparator.comparing(SortedTicket::getOccurredAt).reversed())
                .map(SortedTicket::getQuote).filter(q -> q != null && !q.isBlank())
                .distinct().limit(3).toList();
        return WatchedTheme.newBuilder()
                .setTheme(name)
                .setVerdict(verdict)
                .setPredictedStrength(predicted)
                .setObserved(tickets.size())
                .setBackgroundPerHour(backgroundPerHour)
                .setObservedPerHour(perHour)
                .setLift(lift)
                .setObservedStrength(tickets.isEmpty() ? null : lift < 2 ? Strength.LOW : lift < 5 ? Strength.MEDIUM : Strength.HIGH)
                .setQuotes(new ArrayList<>(quotes))
                .setHourly(hourly(tickets, released, hours))
                .build();
    }

    /** Tickets per hour since the release, as many hours as the watch has run (at least one). */
    static List<Integer> hourly(List<SortedTicket> tickets, Instant released, double hours) {
        int[] counts = new int[(int) Math.ceil(hours)];
        for (SortedTicket t : tickets) {
            long hour = Duration.between(released, t.getOccurredAt()).toHours();
            if (hour >= 0 && hour < counts.length) {
                counts[(int) hour]++;
            }
        }
        List<Integer> out = new ArrayList<>(counts.length);
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    private static String verdict(List<WatchedTheme> themes, boolean closed) {
        List<String> confirmed = names(themes, WatchVerdict.CONFIRMED);
        List<String> quiet = names(themes, WatchVerdict.QUIET);
        List<String> surprise = names(themes, WatchVerdict.SURPRISE);
        return String.format(Locale.ROOT, "%sconfirmed: %s; quiet: %s; surprise: %s", closed ? "final, " : "",
                confirmed.isEmpty() ? "none" : String.join(", ", confirmed),
                quiet.isEmpty() ? "none" : String.join(", ", quiet),
                surprise.isEmpty() ? "none" : String.join(", ", surprise));
    }

    private static List<String> names(List<WatchedTheme> themes, WatchVerdict verdict) {
        return themes.stream().filter(t -> t.getVerdict() == verdict).map(WatchedTheme::getTheme).toList();
    }
}
