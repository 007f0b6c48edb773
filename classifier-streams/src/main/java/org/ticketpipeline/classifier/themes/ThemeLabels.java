package org.ticketpipeline.classifier.themes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.ticketpipeline.classifier.sorting.Redactor;

/**
 * Short human labels for emerging themes, from the ticket's own words. A short subject line that says
 * something ("Can't clock in", "CSV export times out") is already the name a person would give, so it
 * is used as written; otherwise the label is the text's two most distinctive content words (rarest
 * among the product's tickets so far), in the order the ticket says them. Never "cluster 17".
 */
final class ThemeLabels {

    private static final CharArraySet STOP = stopWords();
    private static final Analyzer WORDS = new StandardAnalyzer(STOP);

    /**
     * Past this many distinct words, every count is halved and the words left at nothing are forgotten:
     * a service running for months meets order numbers, typos and names without end, and the map would
     * grow with them. Halving keeps which words are rare and fades what was common long ago.
     */
    static final int MAX_WORDS = 50_000;

    private final Map<String, Integer> documentFrequency = new HashMap<>();

    /** Counts a ticket's words, so later labels prefer what is rare. */
    void observe(String text) {
        for (String word : new HashSet<>(words(text))) {
            documentFrequency.merge(word, 1, Integer::sum);
        }
        if (documentFrequency.size() > MAX_WORDS) {
            documentFrequency.replaceAll((word, count) -> count / 2);
            documentFrequency.values().removeIf(count -> count == 0);
        }
    }

    /** How many distinct words are counted. */
    int wordsCounted() {
        return documentFrequency.size();
    }

    /** How many tickets of those seen so far had the word (halved as the counts were). */
    int frequency(String word) {
        return documentFrequency.getOrDefault(word, 0);
    }

    /** Words that make a subject line a cry for help rather than a name ("Help needed", "Problem with the app"). */
    private static final Set<String> VAGUE_IN_TITLES = Set.of("needed", "urgent", "asap", "support", "request", "requests", "inquiry",
            "enquiry", "query", "assistance", "info", "information", "feedback", "app", "application", "system", "website", "site",
            "software", "product", "account", "ticket", "case", "follow", "update", "important", "quick", "small", "new", "work",
            "works", "working", "worked", "error", "errors", "wrong", "broken", "something", "went", "message", "doesn't", "isn't",
            "didn't", "failed", "fails", "failure", "bug", "crash", "crashes", "questions", "thing", "stuff");

    /** Subject lines longer than this are sentences, not names. */
    static final int MAX_TITLE_WORDS = 6;
    /** Nor are subject lines of more characters than this (six long words). */
    static final int MAX_TITLE_LENGTH = 120;
    private static final java.util.regex.Pattern REPLY_PREFIX = java.util.regex.Pattern.compile("(?i)^((re|fwd?|aw|wg)\\s*:\\s*|\\[[^\\]]*\\]\\s*)+");

    /**
     * A label not among {@code taken}: the subject as written when it is short (two to six words),
     * says something (a content word that is not a cry for help like "error" or "not working") and
     * shows no sign of personal data, else from the text's words.
     */
    String label(String title, String text, Set<String> taken) {
        String fromTitle = titleLabel(title);
        if (fromTitle != null && !taken.contains(fromTitle)) {
            return fromTitle;
        }
        return label(text, taken);
    }

    /** The subject as a theme name, or null when it is too long, too vague or personal. */
    static String titleLabel(String title) {
        if (title == null || title.length() > MAX_TITLE_LENGTH) {
            return null; // a sentence, not a name; and no regex below runs over a pasted page
        }
        String cleaned = REPLY_PREFIX.matcher(title.strip()).replaceFirst("").replaceAll("\\s+", " ").replaceAll("[\\s.!?:;,]+$", "");
        String[] written = cleaned.split(" ");
        boolean saysSomething = words(cleaned).stream().anyMatch(w -> !VAGUE_IN_TITLES.contains(w));
        if (cleaned.isEmpty() || written.length < 2 || written.length > MAX_TITLE_WORDS || !saysSomething || mayBePersonal(written)
                || !org.ticketpipeline.classifier.sorting.Redactor.redact(cleaned).equals(cleaned)) {
            return null;
        }
        List<String> out = new ArrayList<>(written.length);
        for (String word : written) {
            out.add(keepsCapitals(word) ? word : word.toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(" ", out);
    }

    /**
     * Digits, '#' and '@' (order numbers, phone numbers, handles) and capitalised words after the
     * first that are not acronyms (names: "Refund for Jane Doe") keep a subject from being a name
     * that every reader of the product sees.
     */
    private static boolean mayBePersonal(String[] written) {
        for (int i = 0; i < written.length; i++) {
            String word = written[i];
            if (looksLikeAnIdentifier(word) || Redactor.isKnownFirstName(bareWord(word))) {
                return true; // "maria can't log in" names Maria however she writes it
            }
            if (i + 1 < written.length && TITLES.contains(bareWord(word).toLowerCase(java.util.Locale.ROOT))) {
                return true; // "order for mrs okonkwo missing": a name follows
            }
            boolean capitalised = !keepsCapitals(word) && Character.isUpperCase(word.charAt(0));
            // "Priya's invoice is wrong": the first word is a name when it owns something
            if (capitalised && (i > 0 || word.endsWith("'s") || word.endsWith("’s"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The titles a name is written after. "miss", "ms" and "dr" are words too ("Exports miss the last row"): such a
     * subject is turned down with the others, and the theme is named from its words, rather than name a customer.
     */
    private static final java.util.Set<String> TITLES = java.util.Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof");

    /** A word without the punctuation around it or a possessive: "maria," and "maria's" are "maria". */
    private static String bareWord(String word) {
        return word.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "").replaceAll("['’]s$", "");
    }

    /** Digits, '#', '@' or a dot inside (an order number, a handle, "jane.doe", "acme.com"). */
    private static boolean looksLikeAnIdentifier(String word) {
        return word.chars().anyMatch(ch -> Character.isDigit(ch) || ch == '#' || ch == '@')
                || word.indexOf('.') > 0 && word.indexOf('.') < word.length() - 1;
    }

    /**
     * Acronyms (CSV, VAT, PDFs), words a brand writes starting small (iOS, macOS) and "I" keep their
     * capitals; a word that starts with a capital and goes on in small letters reads as a name
     * (McDonald, O'Brien, Anna-Lena as much as Jane), not a shout.
     */
    private static boolean keepsCapitals(String word) {
        if (word.equals("I") || word.startsWith("I'") || word.startsWith("I’")) {
            return true;
        }
        String stem = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
        boolean allCapitals = stem.length() >= 2 && stem.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        boolean startsSmall = !word.isEmpty() && Character.isLowerCase(word.charAt(0)) && word.chars().anyMatch(Character::isUpperCase);
        return allCapitals || startsSmall;
    }

    /**
     * Words that say when or how much, not what: "since the last update this app drains my battery"
     * is about the battery, and a label of its first words read "since last". Left out of labels made
     * from the words (still counted for rarity), unless nothing else is left.
     */
    private static final Set<String> NOT_WHAT = Set.of("since", "last", "latest", "recent", "recently", "after", "before",
            "yesterday", "today", "ago", "ever", "anymore", "suddenly", "really", "gets", "getting", "keeps", "app");
    /** An update is what broke ("update fails to install") unless it only says when ("since the last update"). */
    private static final Set<String> UPDATES = Set.of("update", "updated", "updates", "upgrade", "upgraded", "version", "release");

    /**
     * A label not among {@code taken}, from the text's words: of the text as quoted (redacted), less
     * the words that may be personal. The rarest words of a ticket are its names, addresses and
     * references more often than not, and a theme's name is read by everyone who reads the product.
     */
    String label(String text, Set<String> taken) {
        // a ticket's head: what it is about is said there, and a pasted log of a megabyte is not redacted whole
        String head = text.length() > LABEL_HEAD ? text.substring(0, LABEL_HEAD) : text;
        String redacted = REDACTED.matcher(Redactor.redact(head)).replaceAll(" ");
        Set<String> personal = mayBePersonal(redacted);
        List<String> all = new ArrayList<>(words(redacted));
        all.removeIf(w -> personal.contains(w) || looksLikeAnIdentifier(w) || Redactor.isKnownFirstName(bareWord(w)));
        List<String> what = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String w = all.get(i);
            boolean saysWhen = NOT_WHAT.contains(w) || UPDATES.contains(w) && i > 0 && NOT_WHAT.contains(all.get(i - 1));
            if (!saysWhen) {
                what.add(w);
            }
        }
        List<String> words = what.isEmpty() ? all : what;
        List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(words));
        List<String> byRarity = new ArrayList<>(distinct);
        byRarity.sort(Comparator.comparingInt(w -> documentFrequency.getOrDefault(w, 0)));
        for (int size = 2; size <= Math.min(4, distinct.size()); size++) {
            Set<String> chosen = new HashSet<>(byRarity.subList(0, size));
            String label = String.join(" ", distinct.stream().filter(chosen::contains).toList());
            if (!taken.contains(label)) {
                return label;
            }
        }
        String base = distinct.isEmpty() ? "unworded" : String.join(" ", distinct.subList(0, Math.min(2, distinct.size())));
        if (!taken.contains(base)) {
            // a ticket of one content word ("Thanks for the quick help!") is named by that word alone
            return base;
        }
        for (int n = 2; ; n++) {
            if (!taken.contains(base + " (" + n + ")")) {
                return base + " (" + n + ")";
            }
        }
    }

    /** How much of a ticket's words a label is made from. */
    static final int LABEL_HEAD = 2_000;

    /** What the redactor puts in the place of personal data: not a word of the ticket. */
    private static final java.util.regex.Pattern REDACTED = java.util.regex.Pattern.compile("\\[(name|email|phone|card|account)\\]");
    /** A written word, with the apostrophes and hyphens inside it ("O'Brien", "Anna-Lena"). */
    private static final java.util.regex.Pattern WRITTEN_WORD = java.util.regex.Pattern.compile("[\\p{L}\\p{M}]+(?:['’-][\\p{L}\\p{M}]+)*");

    /**
     * The words of a text that read as names, lower-cased: capitalised (not acronyms) where a sentence
     * does not start ("Refund for Jane Doe"), and a sentence's capitalised first word when a name-like
     * word follows it ("Jon Okafor from Acme"). Product names written that way go too ("Google Drive"):
     * a label can do without them, and cannot tell them from a customer's name.
     */
    static Set<String> mayBePersonal(String text) {
        Set<String> out = new HashSet<>();
        java.util.regex.Matcher m = WRITTEN_WORD.matcher(text);
        String sentenceFirst = null;
        boolean previousWasName = false;
        while (m.find()) {
            String word = m.group();
            boolean capitalised = Character.isUpperCase(word.charAt(0)) && !keepsCapitals(word);
            boolean startsSentence = startsSentence(text, m.start());
            if (capitalised && !startsSentence) {
                // as the labels' words are cut: "Jean-Luc" is "jean" and "luc"
                out.addAll(words(word));
                if (sentenceFirst != null && previousWasName) {
                    out.addAll(words(sentenceFirst));
                }
            }
            sentenceFirst = startsSentence && capitalised ? word : null;
            previousWasName = startsSentence && capitalised;
        }
        return out;
    }

    /** True at the text's start and after a sentence's or a line's end. */
    private static boolean startsSentence(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '"' || text.charAt(i) == '(')) {
            i--;
        }
        return i < 0 || ".!?:;\n\r-*•>".indexOf(text.charAt(i)) >= 0;
    }

    /**
     * The longest word a label takes: longer is a pasted key, a hash or a held-down key, not a word a
     * reader names a theme by; and four of them keep a label well inside the 200 characters a correction
     * or a subscription may name a theme with.
     */
    static final int MAX_LABEL_WORD = 40;

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        // a phone's keyboard writes "I’m", and the stop words are written "i'm"
        try (TokenStream stream = WORDS.tokenStream("t", text.replace('’', '\''))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String w = term.toString();
                if (w.length() > 2 && w.length() <= MAX_LABEL_WORD && w.chars().anyMatch(Character::isLetter) && !w.chars().allMatch(Character::isDigit)) {
                    out.add(w);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static CharArraySet stopWords() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        for (String w : List.of("i", "me", "my", "we", "our", "you", "your", "am", "was", "were", "been", "have", "has", "had",
                "do", "does", "did", "can", "could", "would", "should", "will", "just", "still", "also", "get", "got", "please",
                "help", "hello", "thanks", "thank", "regards", "issue", "problem", "question", "hi", "hey", "dear", "what", "why",
                "how", "when", "where", "which", "who", "its", "it's", "i'm", "i've", "don't", "can't", "won't", "there", "here",
                "from", "about", "any", "some", "all", "more", "very", "too", "now", "again", "one", "need", "want", "know",
                "doesn't", "isn't", "aren't", "wasn't", "weren't", "didn't", "couldn't", "wouldn't", "shouldn't", "haven't", "hasn't",
                "i'd", "i'll", "you're", "we're", "they're", "we've", "she", "he", "her", "his", "him", "they", "them", "their",
                "every", "cant", "dont", "doesnt", "didnt", "isnt", "wont", "im", "being", "having", "doing")) {
            stop.add(w);
        }
        return stop;
    }
}
