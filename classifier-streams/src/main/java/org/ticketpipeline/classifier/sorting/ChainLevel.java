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
     * to", "worked fine until yesterday". Only "after" and "since" say it: "before the next release" is
     * how a request reads. "used to" only as what the product did: "it used to", "used to work", not
     * "the command I used to import it" or "I'm used to the old layout".
     */
    private static final Pattern RELEASE_IN_CUSTOMER_WORDS = words(
            "(after|since)\\b[^.!?\\n]{0,30}?\\b(updates?|updated|upgrades?|upgraded|release|version|firmware)",
            "since (v|version )?\\d+(\\.\\d+)+",
            "(after|since) (ios|android|windows|macos) ?\\d+",
            "(it|this|that|which|they|these) used to", "used to (work|be able|be fine|be faster|be quick|remember|save|sync|load|show up|play|"
                    + "connect|arrive|count|track|let me|allow me|keep|last)",
            "did ?n['’]?t use to",
            "worked (fine |great |perfectly |well )?(for (years|months|weeks|ages)|until|last|before|yesterday)",
            "never (did|happened) (this|before)",
            "was (fine|working) (before|until|yesterday|last)");
    /**
     * ...and what the product does wrong, in a customer's words. Each phrase names a fault, with what
     * it happens to where the bare word would also read as a wish ("please add a reset button", "drag
     * and drop", "a shuffle that plays songs randomly").
     */
    private static final Pattern BUILD_IN_CUSTOMER_WORDS = words(
            // the session or the app goes away
            "kick(s|ed|ing)? me out", "log(s|ged|ging)? me out", "sign(s|ed|ing)? me out", "shuts (down|off)", "force[- ]clos\\w*",
            "closes (itself|by itself|on (me|its own)|when|whenever|every|after|as soon|right away|immediately|unexpectedly)",
            // a phrase with a look-behind opens with a look-ahead of the words that must follow, or the look-behind
            // is tried at every word of every ticket: the two such phrases took 40% of this pattern's time over a
            // long issue (1.5 against 1.1 s over the issue data's 1,500, on the C1 compiler; the same matches)
            "(?=(app|it|game) )(?<!\\b(before|when|after|until|once|if)( the)? )(app|it|game) (just )?closes",
            // money taken wrongly
            "(charged|billed|shows?( up)?|added|counted|appears|listed|sent)( me)? (twice|two times|three times|\\d+ times|double)",
            "double[- ](charged|counted|billed)", "charged (again|after)", "still (charged|charging|billing|billed)",
            // what the customer sees is wrong
            "(black|white|blank|grey|gray|empty) (screen|page|box)", "goes (black|white|blank)", "flicker(s|ing)", "404",
            "(says|shows|showed|displays)\\b[^.!?\\n]{0,60}\\bbut (?!(i['’]?d|i would|i wish|it would|would|please|pls|can|could)\\b)",
            "does ?n['’]?t match", "do ?n['’]?t match", "still (shows|showing|says|saying)",
            "different from (what|the (amount|price|total|receipt|invoice|one i|app|website|site)|my)",
            // it does not do what it is for
            "(does ?n['’]?t|does not|did ?n['’]?t|did not|is ?n['’]?t|is not|are ?n['’]?t|were ?n['’]?t|was ?n['’]?t|['’]s not|['’]re not) "
                    + "(load|loading|open|opening|respond|responding|sync|syncing|save|saving|saved|connect|connecting|play|playing|"
                    + "update|updating|refresh|start|launch|arrive|send|sending|show up|showing|go off|apply|applied|register|count|"
                    + "counted|recogni[sz]e)",
            "not (loading|opening|responding|syncing|saving|connecting|playing|updating|refreshing|sending|showing up|arriving)",
            "but (not|never) (applied|saved|sent|showing|shown|added|counted|updated|synced|delivered|received)",
            "never (arrives?|arrived|loads?|updates?|downloads?|finish(es)?|comes?|came|shows?|goes off|sends?|saves?)",
            "does nothing", "did nothing", "nothing happens", "(spins?|spinning|loads?|loading|takes) forever", "forever loop",
            "ignor(es|ed) (my|the|all|every|it)",
            // it does something by itself
            "keeps (crashing|closing|logging|kicking|signing|saying|asking|resetting|restarting|disconnecting|dropping|loading|"
                    + "buffering|freezing|turning|showing|telling|switching|jumping|changing|popping|skipping)",
            // the look-ahead first, as for "closes" above
            "(?=\\w+( (on|off|out|up|down))? (by |on its))(?<!\\b(could|would|should|can|to|will|might) )"
                    + "\\w+( (on|off|out|up|down))? (by (itself|themselves)|on its own)",
            "jumps? back",
            // data or progress lost
            "lost (all|everything)", "lost my (data|progress|photos|pictures|files|notes|messages|chats|history|contacts|saves?|settings|points|"
                    + "streak|playlists?|work|library|downloads|bookmarks)",
            "(wiped|erased) (out|all|my|everything)", "(got|was|were|been|it|app) (wiped|erased)",
            "reset(s|ting)? (itself|to|back|every|after|when|each)", "(got|gets|get|was|were|been|keeps|kept) reset",
            // the connection or the stream breaks
            "disconnect(s|ed|ing)", "cuts? out", "buffering",
            "(calls?|connection|wi-?fi|signal|bluetooth|streams?|audio|video|sound)\\b[^.!?\\n]{0,30}\\b(drops?|dropping|dropped)",
            "(songs?|tracks?|videos?|audio|music|playback|app|it)( keeps)? skip(s|ping)", "skip(s|ping) (every|songs?|tracks?|ahead|back|forward)",
            // the device suffers
            "overheat(s|ing|ed)?", "drain(s|ing|ed)", "battery drain", "eat(s|ing) (my|all)",
            // what gets hot is named: "I got warm feedback" is not a device (and "it", everywhere, would make
            // this phrase scan most texts)
            "(phone|device|tablet|ipad|iphone|laptop|battery)\\b[^.!?\\n]{0,20}?\\b(gets|got|getting|runs|running|ran|goes|went|becomes|became|is|was) "
                    + "(really |so |very |super |too |extremely |burning )?(hot|warm)",
            "(heats|heating|heated) up",
            // a quantity says it is too much: "how much battery should it use?" names none; the verb's bare
            // form is a question's ("does it use a lot of data?")
            "(uses|using|used|eats|eating|ate|burns|burning|burned|burnt|hogs|hogging|consumes|consuming|consumed|takes|taking|took)( up)? "
                    + "(so much|too much|way too much|a lot of|lots of|tons of|\\d+ ?%( of)?|\\d+ ?(gb|mb)( of)?)( my| the)? "
                    + "(battery|data|memory|ram|storage|space|cpu)",
            "privacy issue", "security (issue|problem|hole)");

    /** One case-blind pattern of whole-word phrases, so each phrase can be listed, and read, on its own. */
    private static Pattern words(String... phrases) {
        return Pattern.compile("(?i)\\b(" + String.join("|", phrases) + ")\\b");
    }

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
