package org.ticketpipeline.reading;

import java.util.Locale;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small pieces of the readings' wording, the same in every reading. */
final class ReadingText {

    /** A theme name longer than this is shortened in a line, so the line keeps its movement and its count. */
    static final int MAX_NAME = 60;
    /** The text formats' content types, with their charset: the lines hold "…" and word joiners, and text/markdown requires one (RFC 7763). */
    static final String PLAIN = "text/plain;charset=utf-8";
    static final String MARKDOWN = "text/markdown;charset=utf-8";
    /** The audiences a reading is written for, the trio's first. */
    static final List<String> AUDIENCES = List.of("trio", "exec", "squad");
    /** The formats a reading is sent in. */
    static final List<String> FORMATS = List.of("json", "text", "markdown");

    /** A 400 naming {@code audience} when no reading is written for it, else null. */
    static io.micronaut.http.HttpResponse<?> unknownAudience(String audience) {
        return AUDIENCES.contains(audience) ? null : Problem.response(io.micronaut.http.HttpStatus.BAD_REQUEST, "Unknown audience",
                "audience must be trio, exec or squad", new Problem.FieldError("audience",
                        Problem.quoted(audience) + " is not one of trio / exec / squad"));
    }

    /** A 400 naming {@code format} when a reading is not sent in it, else null. */
    static io.micronaut.http.HttpResponse<?> unknownFormat(String format) {
        return FORMATS.contains(format) ? null : Problem.response(io.micronaut.http.HttpStatus.BAD_REQUEST, "Unknown format",
                "format must be json, text or markdown", new Problem.FieldError("format", "'" + format + "' is not one of json / text / markdown"));
    }

    /**
     * The format a reading is sent in: the one named by {@code ?format=}, else the one the request's Accept
     * prefers (a client that asks for text gets text, not a record's toString or a refusal), else JSON.
     * Preference as HTTP has it: each format takes the {@code q} of the most specific range that names it
     * ({@code text/plain} over {@code text/*} over {@code *}{@code /*}; {@code q=0}: not wanted), the highest
     * wins, then the more specific match, then the range listed first. Written here because the framework
     * takes the first type listed whatever its {@code q}.
     */
    static String format(String given, String accept) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        if (accept == null || accept.isBlank()) {
            return "json";
        }
        record Match(String format, double quality, int specificity, int order) {
        }
        String[] ranges = accept.toLowerCase(java.util.Locale.ROOT).split(",");
        List<Match> matches = new java.util.ArrayList<>();
        for (String[] format : new String[][] {{"json", "application/json"}, {"text", "text/plain"}, {"markdown", "text/markdown"}}) {
            Match best = null;
            for (int i = 0; i < ranges.length; i++) {
                String[] parts = ranges[i].split(";");
                String range = parts[0].strip();
                int specificity = range.equals(format[1]) ? 2 : range.equals(format[1].substring(0, format[1].indexOf('/')) + "/*") ? 1
                        : range.equals("*/*") || range.equals("*") ? 0 : -1;
                if (specificity >= 0 && (best == null || specificity > best.specificity())) {
                    best = new Match(format[0], quality(parts), specificity, i);
                }
            }
            if (best != null && best.quality() > 0) {
                matches.add(best);
            }
        }
        return matches.stream().sorted(java.util.Comparator.comparingDouble(Match::quality).reversed()
                        .thenComparing(java.util.Comparator.comparingInt(Match::specificity).reversed()).thenComparingInt(Match::order))
                .map(Match::format).findFirst().orElse("json");
    }

    /** A media range's {@code q}: 1 when not given, and when not a number (as if the parameter were not there). */
    private static double quality(String[] parameters) {
        for (int p = 1; p < parameters.length; p++) {
            String parameter = parameters[p].strip();
            if (parameter.startsWith("q=")) {
                try {
                    double q = Double.parseDouble(parameter.substring(2).strip());
                    return Double.isFinite(q) ? Math.max(0, Math.min(1, q)) : 1;
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Words a chat tool reads as "tell everyone": a customer's words must not ping a channel. */
    private static final Pattern MENTIONS = Pattern.compile("(?i)@(here|channel|everyone)\\b|<([!@#])");
    /**
     * What a chat or a Markdown reader turns into a link: "[text](url)", "https://...", "www.": a customer's
     * words posted by the pipeline must not carry a link its readers would trust as the team's (a phishing
     * "[Official fix](https://...)"). A word joiner between the characters keeps the text as it reads.
     */
    private static final Pattern LINKS = Pattern.compile("(?i)(\\]\\()|\\b([a-z][a-z0-9+.-]{1,15}):/(?=/)|\\bwww\\.");

    private ReadingText() {
    }

    /** "1 ticket", "2 tickets". */
    static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }

    /**
     * A customer's words as a reading shows them: on one line (a line break would end a list item or a
     * quote block), and with chat mentions such as {@code @here} or {@code <!channel>} disarmed by a word
     * joiner, so quoting a ticket never pings a channel.
     */
    static String quote(String words) {
        String oneLine = SPACES.matcher(words).replaceAll(" ").strip();
        String noMentions = MENTIONS.matcher(oneLine).replaceAll(m -> m.group(1) != null ? "@\u2060" + m.group(1) : "<\u2060" + m.group(2));
        return LINKS.matcher(noMentions).replaceAll(m -> m.group(1) != null ? "]\u2060(" : m.group(2) != null ? Matcher.quoteReplacement(m.group(2)) + ":/\u2060"
                : "www\u2060.");
    }

    /**
     * A theme's name for a line: whole up to {@link #MAX_NAME} characters, else cut at a character, not inside
     * one; disarmed as a quote is, since an emerging theme is named from a customer's subject line.
     */
    static String name(String theme) {
        return name(theme, MAX_NAME);
    }

    /**
     * A theme's name cut to {@code cap} characters for a line that is short of room: at the last word that fits
     * when that keeps more than half of the room ("sync delays…", not "sync delays betw…"), else at a character.
     */
    static String name(String theme, int cap) {
        if (theme.codePointCount(0, theme.length()) <= cap) {
            return quote(theme);
        }
        String cut = theme.substring(0, theme.offsetByCodePoints(0, cap - 1));
        int space = cut.lastIndexOf(' ');
        if (space > cut.length() / 2) {
            cut = cut.substring(0, space);
        }
        return quote(cut.stripTrailing() + "…");
    }

    /** The shortest a name is cut to for its line to fit: shorter, it no longer says which theme it is. */
    static final int MIN_NAME = 16;
    /** The shortest the names of a list are cut to before the list names fewer of them. */
    static final int MIN_LISTED_NAME = 24;

    /**
     * The line {@code compose} makes when given the longest cap on its theme names ({@link #MAX_NAME} down to
     * {@link #MIN_NAME}) that lets it fit in {@code max} characters: the names give way, never the counts and
     * movements around them. Cut at {@code max} only when even the shortest names do not fit.
     */
    static String fitted(int max, java.util.function.IntFunction<String> compose) {
        for (int cap = MAX_NAME; cap >= MIN_NAME; cap--) {
            String line = compose.apply(cap);
            if (length(line) <= max) {
                return line;
            }
        }
        return clip(max, compose.apply(MIN_NAME));
    }

    /**
     * The line {@code compose} makes of a list of {@code items} themes, given how many to name (the rest said as
     * "and N more") and the cap on each name: as many as {@link #LISTED} names, shortened down to
     * {@link #MIN_LISTED_NAME} before fewer are named, and the one left shortened further; what fits in {@code max}.
     */
    static String fittedList(int max, int items, ListLine compose) {
        for (int shown = Math.min(items, LISTED); shown >= 1; shown--) {
            for (int cap = MAX_NAME; cap >= MIN_LISTED_NAME; cap--) {
                String line = compose.make(shown, cap);
                if (length(line) <= max) {
                    return line;
                }
            }
        }
        return fitted(max, cap -> compose.make(Math.min(items, 1), cap));
    }

    /** A line naming the first {@code shown} themes of a list, each cut to {@code cap} characters. */
    @FunctionalInterface
    interface ListLine {
        String make(int shown, int cap);
    }

    /** How many themes a line names before it says how many more: a brief may predict fifty, and a line is read at a glance. */
    static final int LISTED = 5;

    /** "a, b, c and 3 more": the first {@code shown} items, in their order, and how many are left. */
    static String listed(List<String> items, int shown) {
        if (items.size() <= shown) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, shown)) + " and " + (items.size() - shown) + " more";
    }

    /** The line cut to {@code max} characters (code points), an ellipsis the last when cut. */
    static String clip(int max, String line) {
        return length(line) <= max ? line : line.substring(0, line.offsetByCodePoints(0, max - 1)) + "…";
    }

    static int length(String line) {
        return line.codePointCount(0, line.length());
    }

    /** How long a watch has run, as a reader says it: "20 minutes", "1 hour", "20 hours". */
    static String duration(double hours) {
        long minutes = (long) Math.floor(hours * 60);
        if (minutes < 60) {
            return count(Math.max(1, minutes), "minute"); // "First 0 minutes" reads as nothing watched
        }
        return count(minutes / 60, "hour");
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
