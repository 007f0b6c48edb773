package org.ticketpipeline.reading;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.WatchVerdict;
import org.ticketpipeline.schemas.WatchedTheme;

/**
 * The release-watch reading: what the brief predicted, what came, what surprised, and one moment a
 * ticket witnessed (the voice of the customer), from one snapshot of the release's watch. The same
 * snapshot always gives the same text. For the trio; the same themes for an {@code exec} (impact, against
 * the brief, the decision: three lines) and a {@code squad} (per theme: how it came, its rates, an example
 * ticket, a repro hint) audience ({@link #forAudience}).
 */
@Serdeable
public record ReleaseReading(String releaseId, String product, String version, boolean closed, double hoursSinceRelease,
                             String audience, List<String> lines, String voiceOfCustomer, String madeFrom) {

    /** The reading of the snapshot as of {@code now} ({@link #of(ReleaseWatch, Instant)}) for an audience. */
    static ReleaseReading of(ReleaseWatch watch, Instant now, String audience) {
        return of(watch, now).forAudience(asOf(watch, now), audience);
    }

    /**
     * The reading of the snapshot as of {@code now}: an open watch's snapshot is made when a ticket
     * changes its findings, so its hours stop where the last ticket left them; with none since, the
     * findings still hold at {@code now}, and the reading says how long they have (up to the watch's end).
     */
    static ReleaseReading of(ReleaseWatch watch, Instant now) {
        if (watch.getClosed()) {
            return of(watch);
        }
        return of(asOf(watch, now));
    }

    /** The snapshot with its hours counted to {@code now} (not past the watch's end) when no ticket came since. */
    private static ReleaseWatch asOf(ReleaseWatch watch, Instant now) {
        if (watch.getClosed()) {
            return watch;
        }
        Instant upTo = now.isAfter(watch.getWatchEndsAt()) ? watch.getWatchEndsAt() : now;
        double hours = Duration.between(watch.getReleasedAt(), upTo).toMillis() / 3_600_000.0;
        return hours <= watch.getHoursSinceRelease() ? watch : ReleaseWatch.newBuilder(watch).setHoursSinceRelease(hours).build();
    }

    /**
     * The same findings for another audience. {@code exec}: the impact (tickets, surprises), the watch against
     * the brief, and the decision it asks for. {@code squad}: the themes that came, the most tickets first,
     * each with how it came, its rate against its usual one, an example ticket and a repro hint from the
     * tickets' own words; then the quiet ones. The voice of the customer is the same moment for everyone.
     */
    ReleaseReading forAudience(ReleaseWatch watch, String audience) {
        List<WatchedTheme> confirmed = of(watch, WatchVerdict.CONFIRMED);
        List<WatchedTheme> quiet = of(watch, WatchVerdict.QUIET);
        List<WatchedTheme> surprise = of(watch, WatchVerdict.SURPRISE);
        String span = notYetReleased(watch) ? watch.getProduct() + " " + watch.getVersion() + ", not released yet ("
                + shipsIn(watch) + ")" : "the first " + watched(watch) + (watch.getClosed() ? "" : " so far") + " of " + watch.getProduct() + " " + watch.getVersion();
        List<String> out = new ArrayList<>();
        if ("exec".equals(audience)) {
            WatchedTheme top = surprise.stream().max(java.util.Comparator.comparingLong(WatchedTheme::getObserved)
                    .thenComparingDouble(WatchedTheme::getLift)).orElse(null);
            out.add(clip(String.format(Locale.ROOT, "Impact: %s in %s; %s.", ReadingText.count(watch.getTicketCount(), "ticket"), span,
                    surprise.isEmpty() ? "nothing unpredicted stands out" : ReadingText.count(surprise.size(), "theme") + " nobody predicted")));
            int predicted = confirmed.size() + quiet.size();
            String came = predicted == 1 ? (confirmed.isEmpty() ? "the predicted theme did not come" : "the predicted theme came")
                    : String.format(Locale.ROOT, "%d of %d predicted themes came", confirmed.size(), predicted);
            out.add(predicted == 0 ? "Against the brief: it predicted no theme."
                    : notYetReleased(watch) ? "Against the brief: it predicts " + ReadingText.count(predicted, "theme") + "; the watch starts at the release."
                    : quiet.isEmpty() || predicted == 1 ? "Against the brief: " + came + "."
                    : ReadingText.fittedList(WeeklyReading.MAX_LINE, quiet.size(), (shown, cap) -> "Against the brief: " + came + "; quiet: "
                    + ReadingText.listed(names(quiet, cap), shown) + "."));
            out.add(top != null ? ReadingText.fitted(WeeklyReading.MAX_LINE, cap -> String.format(Locale.ROOT,
                    "Decision: %s (%s) was not in the brief: fix now or after the next release?", ReadingText.name(top.getTheme(), cap),
                    ReadingText.count(top.getObserved(), "ticket")))
                    : "Decision: none asked for yet: " + (notYetReleased(watch) ? "the release has not shipped."
                    : confirmed.stream().anyMatch(t -> t.getObserved() > 0) ? "what came was in the brief." : "nothing stood out."));
        } else if ("squad".equals(audience)) {
            List<WatchedTheme> came = java.util.stream.Stream.concat(surprise.stream(), confirmed.stream().filter(t -> t.getObserved() > 0))
                    .sorted(java.util.Comparator.comparingLong(WatchedTheme::getObserved).reversed()
                            .thenComparing(t -> t.getVerdict() == WatchVerdict.SURPRISE ? 0 : 1).thenComparing(WatchedTheme::getTheme))
                    .toList();
            came.stream().limit(ReadingText.LISTED)
                    .forEach(t -> out.add(ReadingText.clip(WeeklyReading.SQUAD_LINE, String.format(Locale.ROOT, "%s: %s, %s, %s/h against %s/h usual%s%s",
                            ReadingText.name(t.getTheme()), t.getVerdict() == WatchVerdict.SURPRISE ? "not predicted"
                                    : "predicted " + lower(t.getPredictedStrength()) + ", came " + lower(t.getObservedStrength()),
                            ReadingText.count(t.getObserved(), "ticket"), rate(t.getObservedPerHour()), rate(t.getBackgroundPerHour()),
                            t.getQuotes().isEmpty() ? "" : "; e.g. \"" + ReadingText.quote(t.getQuotes().get(0)) + "\"",
                            WeeklyReading.reproHint(t.getQuotes().stream().map(ReadingText::quote).toList())))));
            if (came.size() > ReadingText.LISTED) { // the smaller themes are named, not dropped without a word
                List<WatchedTheme> rest = came.subList(ReadingText.LISTED, came.size());
                out.add(ReadingText.fittedList(WeeklyReading.SQUAD_LINE, rest.size(), (shown, cap) -> "Also came: " + ReadingText.listed(rest.stream()
                        .map(t -> ReadingText.name(t.getTheme(), cap) + " (" + ReadingText.count(t.getObserved(), "ticket") + ")").toList(), shown) + "."));
            }
            if (out.isEmpty()) { // a heading over nothing reads as a reading that failed
                out.add("No ticket of a predicted or surprising theme in " + span + ".");
            }
            if (!quiet.isEmpty()) {
                // before the release a predicted theme is not quiet: its watch has not begun
                String heading = notYetReleased(watch) ? "Predicted (watched from the release): " : "Quiet (predicted, no ticket): ";
                out.add(ReadingText.fittedList(WeeklyReading.SQUAD_LINE, quiet.size(), (shown, cap) -> heading + ReadingText.listed(quiet.stream()
                        .map(t -> ReadingText.name(t.getTheme(), cap) + " (" + lower(t.getPredictedStrength()) + ")").toList(), shown) + "."));
            }
        } else {
            return this;
        }
        return new ReleaseReading(releaseId, product, version, closed, hoursSinceRelease, audience, List.copyOf(out), voiceOfCustomer, madeFrom);
    }

    /**
     * A rate per hour as a reader takes it in: two decimals at most, none when whole ("0.79", "3", "0"); a rate
     * above nothing but under a hundredth is "under 0.01", not a "0" that a 35-fold rise would be set against.
     */
    static String rate(double perHour) {
        if (perHour > 0 && perHour < 0.005) {
            return "under 0.01";
        }
        return java.math.BigDecimal.valueOf(Math.round(perHour * 100) / 100.0).stripTrailingZeros().toPlainString();
    }

    private static String clip(String line) {
        return ReadingText.clip(WeeklyReading.MAX_LINE, line);
    }

    /** The themes' names, each cut to {@code cap} characters. */
    private static List<String> names(List<WatchedTheme> themes, int cap) {
        return themes.stream().map(t -> ReadingText.name(t.getTheme(), cap)).toList();
    }

    static ReleaseReading of(ReleaseWatch watch) {
        List<WatchedTheme> confirmed = of(watch, WatchVerdict.CONFIRMED);
        List<WatchedTheme> quiet = of(watch, WatchVerdict.QUIET);
        List<WatchedTheme> surprise = of(watch, WatchVerdict.SURPRISE);
        List<WatchedTheme> predicted = new ArrayList<>(confirmed);
        predicted.addAll(quiet);
        List<String> lines = new ArrayList<>();
        if (notYetReleased(watch)) {
            // registered ahead of its time: there is no "first hour" yet to read
            lines.add(watch.getProduct() + " " + watch.getVersion() + " is not released yet: it " + shipsIn(watch) + " (" + watch.getReleasedAt()
                    + "), and its watch starts then.");
        } else {
            lines.add("First " + watched(watch) + (watch.getClosed() ? ", final" : " so far") + " of " + watch.getProduct() + " " + watch.getVersion() + ".");
        }
        lines.add(predicted.isEmpty() ? "Predicted: no theme." : trioLine(predicted.size(), (shown, cap) -> "Predicted: " + ReadingText.listed(
                predicted.stream().map(t -> ReadingText.name(t.getTheme(), cap) + " (" + lower(t.getPredictedStrength()) + ")").toList(), shown) + "."));
        if (notYetReleased(watch)) {
            // what has not begun cannot have come or stayed quiet
            lines.add("Came: nothing yet, the watch starts at the release.");
        } else {
            lines.add(predicted.isEmpty() ? "Came: no theme was predicted to." : confirmed.isEmpty() ? "Came: none of the predicted themes."
                    : trioLine(confirmed.size(), (shown, cap) -> "Came: " + ReadingText.listed(confirmed.stream().map(t -> String.format(Locale.ROOT,
                            "%s, %s against %s predicted (%s)", ReadingText.name(t.getTheme(), cap), lower(t.getObservedStrength()),
                            lower(t.getPredictedStrength()), ReadingText.count(t.getObserved(), "ticket"))).toList(), shown) + "."));
            // a line of its own: with the themes that came it could name ten
            if (!quiet.isEmpty()) {
                lines.add(trioLine(quiet.size(), (shown, cap) -> "Quiet: " + ReadingText.listed(names(quiet, cap), shown) + "."));
            }
        }
        lines.add(!surprise.isEmpty() ? trioLine(surprise.size(), (shown, cap) -> "Surprised: " + ReadingText.listed(surprise.stream()
                .map(t -> surprise(t, cap)).toList(), shown) + ".")
                : "Surprised: " + (notYetReleased(watch) ? "nothing yet." : "nothing stood out against its usual level."));
        return new ReleaseReading(watch.getReleaseId(), watch.getProduct(), watch.getVersion(), watch.getClosed(),
                Math.round(watch.getHoursSinceRelease() * 10) / 10.0, "trio", List.copyOf(lines), voiceOfCustomer(watch, surprise, confirmed),
                "release-watch snapshot of " + watch.getReleaseId() + " updated " + watch.getUpdatedAt() + " (" + watch.getTicketCount() + " tickets)");
    }

    /**
     * How far above its usual rate a surprise stands; a theme with no ticket before the release has no usual
     * rate, and a multiple of the floor it is measured against would be a number made up (it would also
     * shrink thirtyfold as the hours pass with no new ticket), so it is said to be new.
     */
    private static String surprise(WatchedTheme t, int cap) {
        String tickets = ReadingText.count(t.getObserved(), "ticket");
        return t.getBackgroundPerHour() == 0
                ? String.format(Locale.ROOT, "%s, new since the release (%s, none in the days before it)", ReadingText.name(t.getTheme(), cap), tickets)
                : String.format(Locale.ROOT, "%s, %.0f times its usual rate (%s)", ReadingText.name(t.getTheme(), cap), t.getLift(), tickets);
    }

    /**
     * The longest a trio's release line runs. Each line may name five themes with their figures, so it is held to a
     * squad's length, not to an exec's 160: at 160 a "Came:" line would name two of five; uncapped, five long names
     * ran to about 500 characters, over what a chat message shows whole.
     */
    static final int TRIO_LINE = WeeklyReading.SQUAD_LINE;

    /** A trio's line naming {@code items} themes: their names shortened, then fewer named, until it fits {@link #TRIO_LINE}. */
    private static String trioLine(int items, ReadingText.ListLine compose) {
        return ReadingText.fittedList(TRIO_LINE, items, compose);
    }

    private static boolean notYetReleased(ReleaseWatch watch) {
        return !watch.getClosed() && watch.getHoursSinceRelease() < 0;
    }

    /** "ships in 5 days", "ships in 3 hours": how far off an open watch's release still is. */
    private static String shipsIn(ReleaseWatch watch) {
        double hours = -watch.getHoursSinceRelease();
        return "ships in " + (hours >= 48 ? ReadingText.count((long) Math.floor(hours / 24), "day") : ReadingText.duration(hours));
    }

    /** How long the watch has run: its whole window once closed, else the hours (or minutes) so far. */
    private static String watched(ReleaseWatch watch) {
        double window = Duration.between(watch.getReleasedAt(), watch.getWatchEndsAt()).toMinutes() / 60.0;
        return ReadingText.duration(watch.getClosed() ? window : Math.min(watch.getHoursSinceRelease(), window));
    }

    /**
     * One moment, not a list: the most representative quote of the theme that moved most (the surprise
     * with the most tickets, then the highest lift, else the strongest confirmed theme), with its context. Representative: the quote that
     * shares the most words with the theme's other quotes (the first one on a tie).
     */
    static String voiceOfCustomer(ReleaseWatch watch, List<WatchedTheme> surprise, List<WatchedTheme> confirmed) {
        // by tickets first: a two-ticket theme new since the release has a lift as high as any, and is one moment
        WatchedTheme theme = !surprise.isEmpty()
                ? surprise.stream().max(java.util.Comparator.comparingLong(WatchedTheme::getObserved).thenComparingDouble(WatchedTheme::getLift)).orElseThrow()
                : confirmed.stream().max(java.util.Comparator.comparingDouble(WatchedTheme::getLift)).orElse(null);
        if (theme == null || theme.getQuotes().isEmpty()) {
            return "No moment to tell yet: no ticket of a moving theme has words to quote.";
        }
        return String.format(Locale.ROOT, "\"%s\" A customer wrote this within the first %s of %s %s, %s about %s, %s.",
                ReadingText.quote(representative(theme.getQuotes())), watched(watch), watch.getProduct(), watch.getVersion(),
                theme.getObserved() == 1 ? "the one ticket" : "one of " + theme.getObserved() + " tickets", ReadingText.name(theme.getTheme()),
                theme.getVerdict() == WatchVerdict.SURPRISE ? "a theme nobody predicted" : "a theme the brief predicted");
    }

    static String representative(List<String> quotes) {
        String best = quotes.get(0);
        double bestScore = -1;
        for (String quote : quotes) {
            double score = 0;
            for (String other : quotes) {
                if (other != quote) {
                    score += overlap(words(quote), words(other));
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = quote;
            }
        }
        return best;
    }

    private static java.util.Set<String> words(String text) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (w.length() > 2) {
                out.add(w);
            }
        }
        return out;
    }

    private static double overlap(java.util.Set<String> a, java.util.Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        java.util.Set<String> both = new java.util.HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / Math.min(a.size(), b.size());
    }

    private static List<WatchedTheme> of(ReleaseWatch watch, WatchVerdict verdict) {
        return watch.getThemes().stream().filter(t -> t.getVerdict() == verdict).toList();
    }

    private static String lower(Enum<?> e) {
        return e == null ? "unknown" : e.name().toLowerCase(Locale.ROOT);
    }

    String text() {
        return String.join("\n", lines) + "\n" + voiceOfCustomer + "\n";
    }

    String markdown() {
        StringBuilder md = new StringBuilder("**Release reading: " + product + " " + version
                + ("trio".equals(audience) ? "" : " (" + audience + ")") + "**\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        md.append("\n> ").append(voiceOfCustomer).append("\n\n_Made from ").append(madeFrom).append("._\n");
        return md.toString();
    }
}
