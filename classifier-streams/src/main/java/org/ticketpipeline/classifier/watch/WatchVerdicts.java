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
     * @param background the product's tickets before the release by theme key, as {@link #backgroundOf} counts them
     */
    static ReleaseWatch judge(Release release, List<SortedTicket> attributed, Map<String, Long> background, Instant now,
                              WatchSettings settings, boolean closed) {
        Instant released = release.getReleasedAt();
        Instant end = released.plus(settings.window());
        double hours = Math.max(1.0, Duration.between(released, now.isBefore(end) ? now : end).toMinutes() / 60.0);
        double backgroundHours = settings.background().toMinutes() / 60.0;

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
                    p.getValue().getStrength(), tickets, background.getOrDefault(p.getKey(), 0L) / backgroundHours, hours, released));
        }
        for (Map.Entry<String, List<SortedTicket>> s : seen.entrySet()) {
            if (predicted.containsKey(s.getKey())) {
                continue;
            }
            // named as its first ticket names it (the tickets come in time order), not in the key's lower case
            WatchedTheme theme = theme(s.getValue().get(0).getTheme(), WatchVerdict.SURPRISE, null, s.getValue(),
                    background.getOrDefault(s.getKey(), 0L) / backgroundHours, hours, released);
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

    /** What a theme is matched on, between the brief and the tickets: its words, whatever their case. */
    static String themeKey(String theme) {
        return theme.strip().toLowerCase(Locale.ROOT);
    }

    private static WatchedTheme theme(String name, WatchVerdict verdict, Strength predicted, List<SortedTicket> tickets,
                                      double backgroundPerHour, double hours, Instant released) {
        double perHour = tickets.size() / hours;
        // a theme never seen before the release stands out against a floor of one ticket per background window
        double lift = perHour / Math.max(backgroundPerHour, 1.0 / (24 * 7));
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
