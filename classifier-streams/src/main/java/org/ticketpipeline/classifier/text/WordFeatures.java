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

    /** Bucket -> log(1 + count) of each unigram and bigram of the text, buckets in ascending order. */
    public TreeMap<Integer, Double> counts(String text) {
        List<String> tokens = tokens(text);
        TreeMap<Integer, Double> counts = new TreeMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            counts.merge(bucket(tokens.get(i)), 1.0, Double::sum);
            if (i > 0) {
                counts.merge(bucket(tokens.get(i - 1) + ' ' + tokens.get(i)), 1.0, Double::sum);
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
