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
        String shown = theme.codePointCount(0, theme.length()) <= MAX_NAME ? theme
                : theme.substring(0, theme.offsetByCodePoints(0, MAX_NAME - 1)) + "…";
        return quote(shown);
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
