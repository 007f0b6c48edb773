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
    /**
     * A customer says when it broke, not "regression": "since the last update", "after iOS 17", "it used
     * to", "worked fine until yesterday". Measured on customer messages written for this project, the
     * issue-tracker words above missed one bug in three (BENCHMARKS.md, "customer voice").
     */
    private static final Pattern RELEASE_IN_CUSTOMER_WORDS = Pattern.compile("(?i)\\b((after|since|before|until)\\b[^.!?\\n]{0,30}?"
            + "\\b(updates?|updated|upgrades?|upgraded|release|version|firmware|patch)|since (v|version )?\\d+(\\.\\d+)+|"
            + "(after|since) (ios|android|windows|macos) ?\\d+|used to|did ?n['’]?t use to|"
            + "worked (fine |great |perfectly |well )?(for|until|last|before|yesterday)|never (did|happened) (this|before)|"
            + "was (fine|working) (before|until|yesterday|last))\\b");
    /** ...and what the product does wrong in plain words: it logs me out, charged me twice, the screen goes black. */
    private static final Pattern BUILD_IN_CUSTOMER_WORDS = Pattern.compile("(?i)\\b(closes( itself)?|shuts (down|off)|force[- ]clos\\w*|"
            + "kick(s|ed|ing)? me out|log(s|ged|ging)? me out|sign(s|ed|ing)? me out|resets?|reset to|wiped|erased|lost (all |my )|"
            + "disconnect(s|ed|ing)?|drops?|dropping|cuts? out|skip(s|ping)|buffer(s|ing)|flicker\\w*|jumps? back|sideways|upside down|"
            + "overheat\\w*|drain(s|ing)?|eat(s|ing)? (my|all)|does nothing|did nothing|nothing happens|spins? forever|forever|"
            + "never (arrives?|arrived|loads?|updates?|downloads?|finish(es)?|comes?|came|shows?|goes off|sends?|saves?)|"
            + "(does ?n['’]?t|does not|did ?n['’]?t|did not|is ?n['’]?t|is not|are ?n['’]?t|was ?n['’]?t|not) (load|loading|open|opening|"
            + "respond|responding|sync|syncing|save|saving|saved|connect|connecting|play|playing|update|updating|refresh|start|launch|"
            + "arrive|send|sending|show up|showing|go off|apply|applied|change|register|count|counted|recogni[sz]e)|"
            + "(charged|billed|shows?( up)?|added|counted|appears|listed|sent)( me)? (twice|two times|three times|\\d+ times|double)|"
            + "double[- ](charged|counted|billed)|charged (again|after)|(black|white|blank|grey|gray|empty) (screen|page|box)|"
            + "goes (black|white|blank)|404|by (itself|themselves)|on its own|randomly|ignor(es|ed|ing)|still (shows|says|charged|there)|"
            + "(says|shows|showed|displays)\\b[^.!?\\n]{0,60}\\bbut\\b|does ?n['’]?t match|do ?n['’]?t match|mismatch|different from|"
            + "keeps (crashing|closing|logging|kicking|signing|saying|asking|resetting|restarting|disconnecting|dropping|loading|"
            + "buffering|freezing|turning|showing|telling|switching|jumping|changing|popping)|privacy issue|security (issue|problem|hole))\\b");

    private ChainLevel() {
    }

    /** A level and the evidence for it. */
    public record Trace(String level, String evidence) {
    }

    /** The chain level a ticket's words trace to, if any; the taxonomy's system when the theme has one. */
    public static Optional<Trace> of(String text, Optional<Taxonomy.Match> theme) {
        Optional<String> release = first(RELEASE, text).or(() -> first(RELEASE_IN_CUSTOMER_WORDS, text));
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
        return first(BUILD, text).or(() -> first(BUILD_IN_CUSTOMER_WORDS, text)).map(w -> new Trace("build", "the product misbehaves: '" + w + "'"));
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group().toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }
}
