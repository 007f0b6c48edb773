package org.ticketpipeline.classifier.sorting;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in the chain a bug comes from, and the words that show it: the release (it broke after an
 * update), a back-stage system (from the taxonomy), the design (it works as built but misleads), or
 * the build (the product misbehaves: errors, crashes, wrong results, slowness). "A bug should trace to a chain
 * level. If it doesn't, it's a brief input or noise."
 */
public final class ChainLevel {

    private static final Pattern RELEASE = Pattern.compile("(?i)\\b(after (the |this |last |latest |a )?(update|upgrade|upgrading|updating|release)|"
            + "since (the |this |last |latest )?(update|upgrade|upgrading|updating|release|version)|new version|latest version|"
            + "regression|used to work|worked (fine )?(before|in)|no longer works?|stopped working)\\b");
    private static final Pattern DESIGN = Pattern.compile("(?i)\\b(confusing|unclear|misleading|can['’]?t find|cannot find|can not find|"
            + "could ?n(o|['’]?)t find|unable to find|hard to find|"
            + "not obvious|unintuitive)\\b");
    private static final Pattern BUILD = Pattern.compile("(?i)\\b(errors?|exceptions?|crash(es|ed|ing)?|traceback|stack ?trace|segfault|"
            + "segmentation fault|fails?|failed|failing|failure|broken|breaks|doesn'?t work|does not work|not working|won'?t|can'?t|cannot|"
            + "wrong(ly)?|incorrect(ly)?|unexpected(ly)?|expected (behaviou?r|result|output)|actual (behaviou?r|result)|steps to reproduce|repro|bug|"
            + "hangs?|freez(e|es|ing)|frozen|leaks?|undefined|null ?pointer|panic|times? out|timed out|timeout|stuck|loop|blank|"
            // plain words for a product doing what it should not, or not doing what it should
            + "missing|disappear(s|ed|ing)?|should ?n(o|['’]?)t|can not|could ?n(o|['’]?)t|unable to|instead of|no longer|"
            + "invalid|overflows?|duplicated?|false positives?|glitch(es|y)?|inconsistent(ly)?|typos?|is gone|"
            // slowness is the product misbehaving too
            + "slow(er|s|ly|ness)?|lag(s|gy|ging)?|takes (too |very |so )?long)\\b");

    private ChainLevel() {
    }

    /** A level and the evidence for it. */
    public record Trace(String level, String evidence) {
    }

    /** The chain level a ticket's words trace to, if any; the taxonomy's system when the theme has one. */
    public static Optional<Trace> of(String text, Optional<Taxonomy.Match> theme) {
        Optional<String> release = first(RELEASE, text);
        if (release.isPresent()) {
            return Optional.of(new Trace("release", "'" + release.get() + "'"));
        }
        if (theme.isPresent() && theme.get().theme().system() != null) {
            return Optional.of(new Trace("system:" + theme.get().theme().system(),
                    "theme '" + theme.get().theme().name() + "' runs on " + theme.get().theme().system()));
        }
        Optional<String> design = first(DESIGN, text);
        if (design.isPresent()) {
            return Optional.of(new Trace("design", "'" + design.get() + "'"));
        }
        return first(BUILD, text).map(w -> new Trace("build", "the product misbehaves: '" + w + "'"));
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group().toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }
}
