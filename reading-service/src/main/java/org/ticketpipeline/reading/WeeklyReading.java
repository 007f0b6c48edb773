package org.ticketpipeline.reading;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ticketpipeline.schemas.ThemeWindow;

/**
 * The weekly helpdesk reading: five lines (Volume. Top theme. Change since last week. What to watch.
 * What to take to the trio.), each naming themes and their movement, numbers only in support, each
 * at most {@link #MAX_LINE} characters; the same themes for an {@code exec} (three lines) and a
 * {@code squad} (per theme: movement, kind and chain-level mix, an example ticket, a repro hint) audience. Made only from the week's and the previous week's theme
 * windows, so the same aggregates always give the same text.
 */
@Serdeable
public record WeeklyReading(String product, Instant weekStart, Instant weekEnd, String audience, List<String> lines, String madeFrom) {

    /** A theme with fewer tickets is not what a trio is asked about, however new: one ticket is not a theme yet. */
    static final int MIN_MOVING = 2;

    /** "Cut to five lines": each short enough to read at a glance in a chat message. */
    public static final int MAX_LINE = 160;

    /** How a theme moved from the previous week to this one (complete weeks). */
    enum Move {
        NEW, RISING, STEADY, FADING, GONE;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record ThemeWeek(String theme, long volume, long previous, Move move, Map<String, Long> kinds, List<String> quotes,
                     Map<String, Long> levels) {
        /** The kind most of its tickets are; on a tie the one a trio acts on first: bug, then brief input, then noise. */
        String mainKind() {
            return kinds.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                            .thenComparing(e -> List.of("NOISE", "BRIEF_INPUT", "BUG").indexOf(e.getKey())))
                    .map(e -> e.getKey().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("mixed");
        }

        /** Moving enough to watch or to take to the trio: new or rising, with more than one ticket. */
        boolean moving() {
            return (move == Move.NEW || move == Move.RISING) && volume >= MIN_MOVING;
        }

        String name() {
            return ReadingText.name(theme);
        }

        /** The name cut to {@code cap} characters, for a line short of room. */
        String name(int cap) {
            return ReadingText.name(theme, cap);
        }
    }

    static WeeklyReading of(String product, Instant weekStart, Instant weekEnd, List<ThemeWindow> week, List<ThemeWindow> previousWeek) {
        return of(product, weekStart, weekEnd, week, previousWeek, weekEnd);
    }

    /**
     * The reading as of {@code asOf}: of a week not over then, its themes are judged as the windows are, at
     * their pace (see {@link #move(long, long, double)}), and its volume is set against the week before only
     * past half of it; before, the counts are said as they stand.
     */
    static WeeklyReading of(String product, Instant weekStart, Instant weekEnd, List<ThemeWindow> givenWeek, List<ThemeWindow> givenBefore,
                            Instant asOf) {
        List<ThemeWindow> week = oneWindowPerTheme(givenWeek, Map.of());
        List<ThemeWindow> previousWeek = oneWindowPerTheme(givenBefore, spellings(week));
        List<java.util.function.IntFunction<String>> trio = trioLines(week, previousWeek, elapsed(weekStart, weekEnd, asOf));
        List<String> lines = trio.stream().map(line -> ReadingText.fitted(MAX_LINE, line)).toList();
        java.util.Set<String> themes = new java.util.HashSet<>();
        week.forEach(w -> themes.add(w.getTheme()));
        previousWeek.forEach(w -> themes.add(w.getTheme()));
        String madeFrom = String.format(Locale.ROOT, "theme-windows of %s, weeks starting %s (%d themes, %d tickets) and %s (%d tickets)",
                product, weekStart, themes.size(), week.stream().mapToLong(ThemeWindow::getVolume).sum(), weekStart.minusSeconds(7 * 24 * 3600),
                previousWeek.stream().mapToLong(ThemeWindow::getVolume).sum());
        return new WeeklyReading(product, weekStart, weekEnd, "trio", lines, madeFrom);
    }

    /**
     * The five lines for the trio, each as made with its theme names cut to a given length: a line too long for
     * {@link #MAX_LINE} gives room by shortening its names, and keeps every movement and count
     * ({@link ReadingText#fitted}).
     */
    private static List<java.util.function.IntFunction<String>> trioLines(List<ThemeWindow> week, List<ThemeWindow> previousWeek, double elapsed) {
        Map<String, ThemeWeek> themes = new HashMap<>();
        Map<String, Long> before = new HashMap<>();
        previousWeek.forEach(w -> before.merge(w.getTheme(), w.getVolume(), Long::sum));
        for (ThemeWindow w : week) {
            long prev = before.getOrDefault(w.getTheme(), 0L);
            themes.put(w.getTheme(), new ThemeWeek(w.getTheme(), w.getVolume(), prev, move(w.getVolume(), prev, elapsed), w.getKindMix(),
                    w.getQuotes(), w.getLevelMix()));
        }
        before.forEach((theme, prev) -> themes.putIfAbsent(theme, new ThemeWeek(theme, 0, prev, move(0, prev, elapsed), Map.of(), List.of(),
                Map.of())));
        List<ThemeWeek> ranked = new ArrayList<>(themes.values());
        ranked.sort(Comparator.comparingLong(ThemeWeek::volume).reversed().thenComparing(ThemeWeek::theme));
        long total = week.stream().mapToLong(ThemeWindow::getVolume).sum();
        long totalBefore = previousWeek.stream().mapToLong(ThemeWindow::getVolume).sum();
        long active = ranked.stream().filter(t -> t.volume() > 0).count();

        List<java.util.function.IntFunction<String>> lines = new ArrayList<>();
        // nothing the week before: nothing to compare with (a first week, or one after a quiet one)
        boolean firstWeek = totalBefore == 0 && total > 0;
        double pace = total / elapsed; // the week's tickets at the rate so far: the week's own once it is over
        String volume = (elapsed < 1 ? "on course for " : "")
                + (pace > totalBefore * 1.1 ? "higher than" : pace < totalBefore * 0.9 ? "lower than" : "about the same as");
        String volumeLine = total == 0
                ? (totalBefore == 0 ? "Volume: no tickets this week, nor the week before."
                : String.format(Locale.ROOT, "Volume: no tickets this week (%d the week before).", totalBefore))
                : firstWeek
                ? String.format(Locale.ROOT, "Volume: %s across %s; no tickets the week before to compare with.",
                ReadingText.count(total, "ticket"), ReadingText.count(active, "theme"))
                : elapsed < HALF ? String.format(Locale.ROOT, "Volume: %s across %s; %d the whole week before.",
                ReadingText.count(total, "ticket"), ReadingText.count(active, "theme"), totalBefore)
                : String.format(Locale.ROOT, "Volume: %s last week across %s (%s, %d before).",
                volume, ReadingText.count(active, "theme"), ReadingText.count(total, "ticket"), totalBefore);
        lines.add(cap -> volumeLine);
        ThemeWeek top = ranked.isEmpty() || ranked.get(0).volume() == 0 ? null : ranked.get(0);
        lines.add(cap -> top == null ? "Top theme: none, no tickets this week."
                : String.format(Locale.ROOT, "Top theme: %s, %s, mostly %s (%s).", top.name(cap), top.move().word(), top.mainKind(),
                ReadingText.count(top.volume(), "ticket")));
        List<ThemeWeek> movers = ranked.stream().filter(t -> t.move() == Move.NEW || t.move() == Move.RISING || t.move() == Move.FADING
                || t.move() == Move.GONE).sorted(Comparator.comparingLong((ThemeWeek t) -> Math.abs(t.volume() - t.previous())).reversed()
                .thenComparing(ThemeWeek::theme)).limit(2).toList();
        lines.add(cap -> total == 0 && totalBefore == 0 ? "Change since last week: none, no tickets in either week."
                : firstWeek ? "Change since last week: none to tell, no tickets the week before to compare with."
                : movers.isEmpty() ? "Change since last week: none, every theme held steady."
                : "Change since last week: " + String.join("; ", movers.stream().map(t -> String.format(Locale.ROOT, "%s %s (%d from %d)",
                t.name(cap), t.move().word(), t.volume(), t.previous())).toList()) + ".");
        ThemeWeek forTrio = trioTheme(ranked);
        // the change line names its movers whatever their names' length: they give way, not the movers
        ThemeWeek watch = toWatch(ranked, firstWeek ? List.of() : movers, forTrio);
        lines.add(cap -> watch == null ? "What to watch: nothing new or rising beyond noise and single tickets."
                : String.format(Locale.ROOT, "What to watch: %s, %s, mostly %s (%s).", watch.name(cap), watch.move().word(),
                watch.mainKind(), ReadingText.count(watch.volume(), "ticket")));
        lines.add(cap -> takeToTrio(ranked, forTrio, cap));
        return lines;
    }


    /** The same themes for two other audiences: {@code exec} (impact and trend, three lines) or {@code squad} (specifics). */
    WeeklyReading forAudience(String audience, List<ThemeWindow> week, List<ThemeWindow> previousWeek) {
        return forAudience(audience, week, previousWeek, weekEnd);
    }

    /** As {@link #forAudience(String, List, List)}, of the week as of {@code asOf}. */
    WeeklyReading forAudience(String audience, List<ThemeWindow> givenWeek, List<ThemeWindow> givenBefore, Instant asOf) {
        List<ThemeWindow> week = oneWindowPerTheme(givenWeek, Map.of());
        List<ThemeWindow> previousWeek = oneWindowPerTheme(givenBefore, spellings(week));
        if (audience.equals("exec")) {
            List<java.util.function.IntFunction<String>> trio = trioLines(week, previousWeek, elapsed(weekStart, weekEnd, asOf));
            // a week not over is marked in the first line (soFar): its room is kept, so the mark cuts no figure
            int impactRoom = MAX_LINE - (asOf.isBefore(weekEnd) ? SO_FAR_MARK : 0);
            List<String> exec = List.of(
                    ReadingText.fitted(impactRoom, cap -> "Impact: " + withoutStop(trio.get(1).apply(cap).substring("Top theme: ".length()))
                            // how many themes the volume spreads over is the trio's detail, and the line's room is the top theme's
                            + "; volume " + trio.get(0).apply(cap).substring("Volume: ".length()).replaceFirst(" across \\d+ themes?", "")),
                    ReadingText.fitted(MAX_LINE, cap -> "Trend: " + trio.get(2).apply(cap).substring("Change since last week: ".length())),
                    ReadingText.fitted(MAX_LINE, cap -> "Decision: " + trio.get(4).apply(cap).substring("Take to the trio: ".length())));
            return new WeeklyReading(product, weekStart, weekEnd, "exec", exec, madeFrom);
        }
        if (audience.equals("squad")) {
            WeeklyReading again = of(product, weekStart, weekEnd, week, previousWeek, asOf);
            double elapsed = elapsed(weekStart, weekEnd, asOf);
            Map<String, ThemeWeek> themes = new HashMap<>();
            Map<String, Long> before = new HashMap<>();
            previousWeek.forEach(w -> before.merge(w.getTheme(), w.getVolume(), Long::sum));
            week.forEach(w -> themes.put(w.getTheme(), new ThemeWeek(w.getTheme(), w.getVolume(), before.getOrDefault(w.getTheme(), 0L),
                    move(w.getVolume(), before.getOrDefault(w.getTheme(), 0L), elapsed), w.getKindMix(), w.getQuotes(), w.getLevelMix())));
            List<String> squad = new ArrayList<>();
            themes.values().stream().sorted(Comparator.comparingLong(ThemeWeek::volume).reversed().thenComparing(ThemeWeek::theme)).limit(5)
                    .forEach(t -> squad.add(ReadingText.clip(SQUAD_LINE, String.format(Locale.ROOT, "%s: %s, %s%s (%s, %d before)%s%s", t.name(), t.move().word(),
                            kindMix(t.kinds()), t.levels().isEmpty() ? "" : ", traced to " + kindMix(t.levels()), ReadingText.count(t.volume(), "ticket"),
                            t.previous(), t.quotes().isEmpty() ? "" : "; e.g. \"" + ReadingText.quote(t.quotes().get(0)) + "\"",
                            reproHint(t.quotes().stream().map(ReadingText::quote).toList())))));
            if (squad.isEmpty()) { // a heading over nothing reads as a reading that failed
                squad.add(String.format(Locale.ROOT, "No tickets this week (%d before).",
                        previousWeek.stream().mapToLong(ThemeWindow::getVolume).sum()));
            }
            return new WeeklyReading(product, weekStart, weekEnd, "squad", List.copyOf(squad), again.madeFrom());
        }
        return this;
    }

    /**
     * The windows with one per theme as a reader tells themes apart, case and outer spaces aside, under the
     * spelling {@code spellings} gives a theme, else the one it was given last. An emerging theme the team
     * adopted in the taxonomy goes on under the taxonomy's spelling ("csv export times out" becomes "CSV export
     * times out"), and the windows, which key a theme by its name as written, hold it under both: read apart,
     * the week of the switch would tell of a new theme and, beside it, the same one gone.
     */
    static List<ThemeWindow> oneWindowPerTheme(List<ThemeWindow> windows, Map<String, String> spellings) {
        Map<String, ThemeWindow> byTheme = new java.util.LinkedHashMap<>();
        for (ThemeWindow w : windows) {
            byTheme.merge(folded(w.getTheme()), w, WeeklyReading::together);
        }
        List<ThemeWindow> out = new ArrayList<>();
        byTheme.forEach((theme, w) -> out.add(spellings.containsKey(theme) && !spellings.get(theme).equals(w.getTheme())
                ? ThemeWindow.newBuilder(w).setTheme(spellings.get(theme)).build() : w));
        return out;
    }

    /** Each theme's spelling in these windows, by its name case and outer spaces aside. */
    private static Map<String, String> spellings(List<ThemeWindow> windows) {
        Map<String, String> out = new HashMap<>();
        windows.forEach(w -> out.put(folded(w.getTheme()), w.getTheme()));
        return out;
    }

    private static String folded(String theme) {
        return theme.strip().toLowerCase(Locale.ROOT);
    }

    /** Two spellings' windows of one theme as one, under the spelling seen last (the newer: the one it goes on under). */
    private static ThemeWindow together(ThemeWindow a, ThemeWindow b) {
        boolean bNewer = b.getFirstSeen().isAfter(a.getFirstSeen());
        ThemeWindow newer = bNewer ? b : a;
        ThemeWindow older = bNewer ? a : b;
        List<String> quotes = new ArrayList<>(newer.getQuotes());
        quotes.addAll(older.getQuotes());
        return ThemeWindow.newBuilder(newer)
                .setVolume(a.getVolume() + b.getVolume())
                // customers of both spellings may be the same: a bound, as a sum of hours' customers is
                .setDistinctCustomers(a.getDistinctCustomers() + b.getDistinctCustomers())
                .setPreviousVolume(a.getPreviousVolume() + b.getPreviousVolume())
                .setKindMix(summed(a.getKindMix(), b.getKindMix()))
                .setTierMix(summed(a.getTierMix(), b.getTierMix()))
                .setLevelMix(summed(a.getLevelMix(), b.getLevelMix()))
                .setQuotes(quotes)
                .setFirstSeen(older.getFirstSeen())
                .build();
    }

    private static Map<String, Long> summed(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new HashMap<>(a);
        b.forEach((key, n) -> out.merge(key, n, Long::sum));
        return out;
    }

    private static final java.util.regex.Pattern REPRO = java.util.regex.Pattern.compile(
            "(?i)\\b(when(ever)? I [^.,;!?]{3,80}|after [^.,;!?]{3,60}|every time [^.,;!?]{3,60}|since [^.,;!?]{3,60}|steps to reproduce[^.;!?]{0,80})");

    /** A repro hint from the tickets' own words ("when I pick more than 3 months"), if they give one. */
    static String reproHint(List<String> quotes) {
        for (String quote : quotes) {
            java.util.regex.Matcher m = REPRO.matcher(quote);
            if (m.find()) {
                return "; repro: " + m.group().strip();
            }
        }
        return "";
    }

    private static String withoutStop(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String kindMix(Map<String, Long> kinds) {
        return String.join(" / ", kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT).replace('_', ' ')).toList());
    }

    /**
     * The biggest new or rising theme beyond noise that the change line and the trio's line do not already name: five
     * lines that name the same theme three times leave out a new one ("bank feed disconnected, new, 14 tickets" behind a
     * rising bug and a fading request); the biggest moving one when they name them all.
     */
    private static ThemeWeek toWatch(List<ThemeWeek> ranked, List<ThemeWeek> changes, ThemeWeek forTrio) {
        List<ThemeWeek> moving = ranked.stream().filter(ThemeWeek::moving).filter(t -> !"noise".equals(t.mainKind())).toList();
        return moving.stream().filter(t -> !changes.contains(t) && t != forTrio).findFirst()
                .orElse(moving.isEmpty() ? null : moving.get(0));
    }

    /** The theme the trio is asked about when one moves: the biggest moving bug, else the biggest moving brief input. */
    private static ThemeWeek trioTheme(List<ThemeWeek> ranked) {
        for (String kind : List.of("bug", "brief input")) {
            for (ThemeWeek t : ranked) {
                if (kind.equals(t.mainKind()) && t.moving()) {
                    return t;
                }
            }
        }
        return null;
    }

    /** A decision or question, with its theme and evidence: about {@code moving} ({@link #trioTheme}) when one moves, else the top theme. */
    private static String takeToTrio(List<ThemeWeek> ranked, ThemeWeek moving, int cap) {
        if (moving != null) {
            return moving.mainKind().equals("bug")
                    ? String.format(Locale.ROOT, "Take to the trio: %s is %s; fix now or after the next release? (%s, %d before)",
                    moving.name(cap), moving.move().word(), ReadingText.count(moving.volume(), "ticket"), moving.previous())
                    : String.format(Locale.ROOT, "Take to the trio: does %s go into the next brief? It is %s (%s, %d before)",
                    moving.name(cap), moving.move().word(), ReadingText.count(moving.volume(), "request"), moving.previous());
        }
        ThemeWeek top = ranked.stream().filter(t -> t.volume() > 0).findFirst().orElse(null);
        return top == null ? "Take to the trio: nothing this week."
                : String.format(Locale.ROOT, "Take to the trio: %s %s; %s (%s)", top.name(cap), onTop(top, ranked), questionFor(top),
                ReadingText.count(top.volume(), "ticket"));
    }

    /** How the top theme came to be there: new, still the top it was last week, or newly on top. */
    private static String onTop(ThemeWeek top, List<ThemeWeek> ranked) {
        if (top.move() == Move.NEW) {
            return "is new on top";
        }
        boolean wasTop = ranked.stream().noneMatch(t -> t.previous() > top.previous());
        return (wasTop ? "stays on top, " : "is on top, ") + top.move().word();
    }

    /** The question a theme's kind asks of the trio: a bug's fix, a request's brief, noise's deflection. */
    private static String questionFor(ThemeWeek theme) {
        return switch (theme.mainKind()) {
            case "bug" -> "is the fix planned?";
            case "brief input" -> "is it in the next brief?";
            case "noise" -> "can a help-centre answer or an auto-reply take it?";
            default -> "who looks into it?";
        };
    }

    static Move move(long current, long previous) {
        return move(current, previous, 1);
    }

    /** Past this share of a week, its pace says where it is going; before, a quiet Monday would read as a theme fading. */
    static final double HALF = 0.5;

    /**
     * How a theme moved, with {@code elapsed} of its week gone (1: the week is over), by the windows' rule:
     * new when it was absent; rising at 1.5 times the week before and at least 2 more (already, whatever is
     * left of the week); fading when, past half the week, it is on course for under half; gone at the week's
     * end with no ticket; steady otherwise.
     */
    static Move move(long current, long previous, double elapsed) {
        if (previous == 0) {
            return current == 0 ? Move.STEADY : Move.NEW;
        }
        if (current == 0 && elapsed >= 1) {
            return Move.GONE;
        }
        if (current >= previous * 1.5 && current - previous >= 2) {
            return Move.RISING;
        }
        if (elapsed >= HALF && current * 2 < previous * elapsed) {
            return Move.FADING;
        }
        return Move.STEADY;
    }

    /** The share of the week gone at {@code asOf}: 1 once it is over, never 0 (a week is read once it has begun). */
    static double elapsed(Instant weekStart, Instant weekEnd, Instant asOf) {
        if (!asOf.isBefore(weekEnd)) {
            return 1;
        }
        double gone = (double) java.time.Duration.between(weekStart, asOf).toMillis() / java.time.Duration.between(weekStart, weekEnd).toMillis();
        return Math.max(1e-3, Math.min(1, gone));
    }

    /** A squad line carries specifics (example ticket, repro hint), so it may run longer than the trio's. */
    static final int SQUAD_LINE = 400;

    /** The characters the mark of a week not over takes in a first line: " (so far, day 5 of 7)". */
    static final int SO_FAR_MARK = " (so far, day 5 of 7)".length();

    /**
     * The reading of a week not over at {@code now}, said as such: its counts are set against a whole week
     * before, and "lower than last week" on a Tuesday is no news. Its first line says how far the week is;
     * a week over is returned as it is.
     */
    WeeklyReading soFar(Instant now) {
        if (!now.isBefore(weekEnd)) {
            return this;
        }
        long day = Math.max(1, Math.min(7, java.time.Duration.between(weekStart, now).toDays() + 1));
        List<String> out = new ArrayList<>(lines);
        if (audience.equals("squad")) {
            // its lines are themes ("csv export times out: rising, ..."): a mark inside the first would read as the theme's
            out.add(0, "So far: day " + day + " of 7.");
        } else {
            String first = lines.get(0);
            int colon = first.indexOf(": ");
            out.set(0, ReadingText.clip(MAX_LINE, colon < 0 ? "So far, day " + day + " of 7: " + first
                    : first.substring(0, colon) + " (so far, day " + day + " of 7)" + first.substring(colon)));
        }
        return new WeeklyReading(product, weekStart, weekEnd, audience, List.copyOf(out), madeFrom + ", the week not over");
    }

    /** Plain text: the five lines. */
    String text() {
        return String.join("\n", lines) + "\n";
    }

    /** Markdown: a heading and the five lines as a list. */
    String markdown() {
        StringBuilder md = new StringBuilder("**Weekly helpdesk reading (" + audience + "): " + product + ", week of "
                + weekStart.toString().substring(0, 10) + "**\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        md.append("\n_Made from ").append(madeFrom).append("._\n");
        return md.toString();
    }
}
