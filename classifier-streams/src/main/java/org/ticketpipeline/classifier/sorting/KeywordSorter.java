package org.ticketpipeline.classifier.sorting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketKind;

/**
 * A small rule-based sorter: signal phrases decide the kind, the taxonomy decides the theme and the
 * back-stage system, and a bug needs a chain level to stay a bug ("a bug should trace to a chain
 * level; if it doesn't, it's a brief input or noise"). Every decision lists the phrases behind it.
 */
public final class KeywordSorter implements Sorter {

    private static final Pattern BUG = Pattern.compile(
            "\\b(error|errors|crash(es|ed|ing)?|broken|fails?|failed|failing|not working|doesn't work|does not work|"
                    + "won't|cannot|can't|exception|times? out|timed out|timeout|stuck|loop|blank page|500|wrong|missing data|bug)\\b");
    private static final Pattern BRIEF_INPUT = Pattern.compile(
            "\\b(would be (nice|great|helpful)|feature request|please add|could you add|can you add|wish|i'd like|we'd like|"
                    + "would love|support for|option to|ability to|confusing|hard to find|allow us|should be able)\\b");
    private static final Pattern NOISE = Pattern.compile(
            "\\b(thanks?( you)?|how (do|can) i|how to|where (is|can i)|unsubscribe|out of office|auto-?reply|"
                    + "never ?mind|resolved itself|spam|test ticket|question)\\b");
    private static final Pattern RELEASE = Pattern.compile(
            "\\b(after (the |this |last )?(update|upgrade|release)|since (the |this |last )?(update|upgrade|release|version)|new version|latest version)\\b");
    private static final Pattern DESIGN = Pattern.compile("\\b(can't find|cannot find|where did .{1,20} go|unclear|misleading)\\b");
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "to", "of", "in", "on", "for", "is", "it",
            "my", "i", "we", "our", "with", "not", "this", "that", "be", "are", "was", "at", "from", "can", "cannot", "can't",
            "does", "doesn't", "do", "when", "after", "please", "help", "hi", "hello", "any", "no", "your", "you", "me", "how",
            "what", "why", "there", "have", "has", "get", "got", "but", "so", "if", "just", "again", "still", "will", "won't");

    private final Taxonomy taxonomy;

    public KeywordSorter(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @Override
    public Sorting sort(TicketEvent ticket) {
        String text = ((ticket.getSubject() == null ? "" : ticket.getSubject()) + ". "
                + (ticket.getBody() == null ? "" : ticket.getBody())).toLowerCase(Locale.ROOT);
        List<String> reasons = new ArrayList<>();
        Optional<Taxonomy.Match> theme = taxonomy.match(text);
        theme.ifPresent(m -> reasons.add("taxonomy theme '" + m.theme().name() + "' (phrase '" + m.phrase() + "')"));

        Optional<String> bug = first(BUG, text);
        Optional<String> briefInput = first(BRIEF_INPUT, text);
        Optional<String> noise = first(NOISE, text);

        TicketKind kind;
        String level = null;
        double confidence;
        if (bug.isPresent()) {
            reasons.add("bug signal '" + bug.get() + "'");
            level = levelOf(text, theme, reasons);
            if (level != null) {
                kind = TicketKind.BUG;
                confidence = theme.isPresent() ? 0.8 : 0.6;
            } else {
                reasons.add("traces to no chain level, so not a bug");
                kind = briefInput.isPresent() ? TicketKind.BRIEF_INPUT : TicketKind.NOISE;
                confidence = 0.4;
            }
        } else if (briefInput.isPresent()) {
            reasons.add("brief input signal '" + briefInput.get() + "'");
            kind = TicketKind.BRIEF_INPUT;
            confidence = 0.7;
        } else if (noise.isPresent()) {
            reasons.add("noise signal '" + noise.get() + "'");
            kind = TicketKind.NOISE;
            confidence = 0.7;
        } else {
            reasons.add("no bug or brief input signal");
            kind = TicketKind.NOISE;
            confidence = 0.3;
        }
        String themeName = theme.map(m -> m.theme().name()).orElseGet(() -> labelFromWords(text));
        String source = theme.isPresent() ? "taxonomy" : "rule";
        return new Sorting(kind, confidence, level, themeName, source, List.copyOf(reasons), tierFor(kind, level));
    }

    private static String levelOf(String text, Optional<Taxonomy.Match> theme, List<String> reasons) {
        Optional<String> release = first(RELEASE, text);
        if (release.isPresent()) {
            reasons.add("traces to the release: '" + release.get() + "'");
            return "release";
        }
        if (theme.isPresent() && theme.get().theme().system() != null) {
            reasons.add("traces to back-stage system '" + theme.get().theme().system() + "' via the taxonomy");
            return "system:" + theme.get().theme().system();
        }
        Optional<String> design = first(DESIGN, text);
        if (design.isPresent()) {
            reasons.add("traces to design: '" + design.get() + "'");
            return "design";
        }
        Optional<String> crash = first(Pattern.compile("\\b(error|exception|crash(es|ed|ing)?|500)\\b"), text);
        if (crash.isPresent()) {
            reasons.add("traces to the build: the product reports '" + crash.get() + "'");
            return "build";
        }
        return null;
    }

    private static String tierFor(TicketKind kind, String level) {
        if (kind == TicketKind.BRIEF_INPUT) {
            return "PRODUCT_OWNER";
        }
        if (kind == TicketKind.NOISE) {
            return "L1";
        }
        return level != null && (level.startsWith("system:") || level.equals("build")) ? "L3" : "L2";
    }

    /** A two-word label from the ticket's own words, for tickets no taxonomy theme explains. */
    static String labelFromWords(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("[a-z][a-z'-]{2,}").matcher(text);
        while (m.find() && words.size() < 2) {
            String word = m.group();
            if (!STOP.contains(word) && !words.contains(word)) {
                words.add(word);
            }
        }
        return words.isEmpty() ? "unthemed" : String.join(" ", words);
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
