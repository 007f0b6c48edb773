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

/**
 * Short human labels for emerging themes, from the ticket's own words: its two most distinctive
 * content words (rarest among the product's tickets so far), in the order the ticket says them.
 * Never "cluster 17".
 */
final class ThemeLabels {

    private static final CharArraySet STOP = stopWords();
    private static final Analyzer WORDS = new StandardAnalyzer(STOP);

    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private int documents;

    /** Counts a ticket's words, so later labels prefer what is rare. */
    void observe(String text) {
        documents++;
        for (String word : new HashSet<>(words(text))) {
            documentFrequency.merge(word, 1, Integer::sum);
        }
    }

    /** A label not among {@code taken}. */
    String label(String text, Set<String> taken) {
        List<String> words = words(text);
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

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = WORDS.tokenStream("t", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String w = term.toString();
                if (w.length() > 2 && w.chars().anyMatch(Character::isLetter) && !w.chars().allMatch(Character::isDigit)) {
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
                "from", "about", "any", "some", "all", "more", "very", "too", "now", "again", "one", "need", "want", "know")) {
            stop.add(w);
        }
        return stop;
    }
}
