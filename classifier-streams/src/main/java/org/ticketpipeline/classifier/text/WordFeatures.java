package org.ticketpipeline.classifier.text;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Words of a text as Lucene's English analyzer sees them (lower case, stemmed), with adjacent pairs,
 * hashed into a fixed number of buckets: a sparse bag of words that needs no vocabulary file.
 * Stop words stay: "is it possible to", "how do I" and "it would be nice" are how a request and a
 * question read (worth about two points of macro-F1 in a first look outside the sorter, BENCHMARKS.md).
 * Thread-safe.
 */
public final class WordFeatures {

    /** The term a text's question marks count under. */
    public static final String QUESTION_MARK = "__question_mark";

    private static final Analyzer ANALYZER = new EnglishAnalyzer(CharArraySet.EMPTY_SET);

    private final int buckets;

    public WordFeatures(int buckets) {
        this.buckets = buckets;
    }

    public int buckets() {
        return buckets;
    }

    /** The analysed tokens of a text. */
    public static List<String> tokens(String text) {
        return words(text).stream().map(Word::term).toList();
    }

    /** An analysed token and the word of the text it comes from, lower-cased: "export" from "Exporting". */
    public record Word(String term, String surface) {
    }

    /** The analysed tokens of a text with the words they come from, so a reason can quote the text rather than a stem. */
    public static List<Word> words(String text) {
        List<Word> out = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(new Word(term.toString(), text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT)));
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
            counts.merge(bucket(QUESTION_MARK), (double) questions, Double::sum);
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

    /** The distinct buckets of the text's words, pairs, title words and question marks, ascending. */
    public int[] present(String text) {
        return counts(text).keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether a word of the text (lower case, as written) is a function word ("the", "how", "would"):
     * the model counts them, but one alone means nothing to a reader of the reasons. Snowball's English
     * list, which Lucene ships: longer than the analyzer's own, which lacks "i", "my", "do" and "how".
     */
    public static boolean isFunctionWord(String word) {
        return FUNCTION_WORDS.contains(word);
    }

    private static final CharArraySet FUNCTION_WORDS = snowballEnglishStopWords();

    private static CharArraySet snowballEnglishStopWords() {
        try (var in = SnowballFilter.class.getResourceAsStream("english_stop.txt")) {
            if (in == null) {
                throw new IllegalStateException("Lucene's english_stop.txt is missing from the classpath");
            }
            return WordlistLoader.getSnowballWordSet(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The buckets of {@code present} (a text's, ascending) and, for each, the bucket of the same word seen
     * in one product's tickets, ascending: what a model learns of how a product's own tickets read
     * ("Frustratingly Easy Domain Adaptation", Daume III, 2007), beside what every product's share.
     * {@code productKey} as {@link #productKey} gives it.
     */
    public int[] withinProduct(int[] present, String productKey) {
        long hash = productHash(productKey);
        // an odd multiplier and an offset, both from the product's hash: two products map every bucket alike only
        // when 39 bits of their hashes agree, where an offset alone (20 bits kept) gave some pair of 1,000 products
        // one map in three
        long multiplier = mix(hash) | 1;
        long offset = mix(hash ^ 0x9E3779B97F4A7C15L);
        int[] out = java.util.Arrays.copyOf(present, present.length * 2);
        for (int i = 0; i < present.length; i++) {
            // for one product, a one-to-one map of the buckets (when they are a power of two): two words of a product's
            // tickets never share a bucket within it that they did not share as themselves (macro-F1 on the issue data,
            // median of twelve 5-fold shuffles: 0.8010; a random bucket per word and product: 0.7981)
            out[present.length + i] = (int) Math.floorMod(present[i] * multiplier + offset, (long) buckets);
        }
        return java.util.Arrays.stream(out).sorted().distinct().toArray();
    }

    /**
     * 64-bit FNV-1a of the product's UTF-8 bytes: String.hashCode gives "acme/an" and "acme/c0" one code,
     * and two products whose codes agree in the bits a bucket keeps would share every weight they learn.
     */
    private static long productHash(String productKey) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : productKey.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: every bit of its input moves the low bits a bucket keeps. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A product's name as the models key it, so "Checkout " and "checkout" are one product; null for none. */
    public static String productKey(String product) {
        if (product == null) {
            return null;
        }
        // a spreadsheet's non-breaking spaces are spaces, as in a label
        String key = product.replace('\u00A0', ' ').strip().toLowerCase(Locale.ROOT);
        return key.isEmpty() ? null : key;
    }

    /** The bucket of one analysed token (or pair, joined by a space). */
    public int bucketOf(String term) {
        return bucket(term);
    }

    private int bucket(String term) {
        return Math.floorMod(term.hashCode() * 0x9E3779B1, buckets);
    }
}
