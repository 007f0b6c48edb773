package org.ticketpipeline.classifier.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Words of a text as Lucene's English analyzer sees them (lower case, stop words out, stemmed), with
 * adjacent pairs, hashed into a fixed number of buckets: a sparse bag of words that needs no
 * vocabulary file. Thread-safe.
 */
public final class WordFeatures {

    private static final Analyzer ANALYZER = new EnglishAnalyzer();

    private final int buckets;

    public WordFeatures(int buckets) {
        this.buckets = buckets;
    }

    public int buckets() {
        return buckets;
    }

    /** The analysed tokens of a text. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Bucket -> log(1 + count) of each unigram and bigram of the text, of the title's words again (the
     * title is the text's first line, when it has more than one), and of its question marks; buckets
     * in ascending order.
     */
    public TreeMap<Integer, Double> counts(String text) {
        List<String> tokens = tokens(text);
        TreeMap<Integer, Double> counts = new TreeMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            counts.merge(bucket(tokens.get(i)), 1.0, Double::sum);
            if (i > 0) {
                counts.merge(bucket(tokens.get(i - 1) + ' ' + tokens.get(i)), 1.0, Double::sum);
            }
        }
        // a question mark is the plainest sign of a question, and the analyzer drops punctuation
        long questions = text.chars().filter(ch -> ch == '?').count();
        if (questions > 0) {
            counts.merge(bucket("__question_mark"), (double) questions, Double::sum);
        }
        // a title's words say more than the body's ("Feature request: ...", "How to ..."): counted twice, once as title words
        int titleEnd = text.indexOf('\n');
        if (titleEnd > 0) {
            for (String t : tokens(text.substring(0, titleEnd))) {
                counts.merge(bucket("title:" + t), 1.0, Double::sum);
            }
        }
        for (Map.Entry<Integer, Double> e : counts.entrySet()) {
            e.setValue(Math.log1p(e.getValue()));
        }
        return counts;
    }

    /** The bucket of one analysed token (or pair, joined by a space). */
    public int bucketOf(String term) {
        return bucket(term);
    }

    private int bucket(String term) {
        return Math.floorMod(term.hashCode() * 0x9E3779B1, buckets);
    }
}
