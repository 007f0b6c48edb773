package org.ticketpipeline.classifier.sorting;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.ticketpipeline.classifier.text.WordFeatures;

/**
 * For each of a few classes, a logistic regression of "this class or another" over which hashed words
 * and word pairs a text has, each weighted by how much more often it appears in that class than in the
 * others (naive Bayes log-count ratios; Wang and Manning, "Baselines and Bigrams", 2012: NBSVM), and,
 * when trained with them, the dimensions of the text's meaning as a dense vector ({@link
 * org.ticketpipeline.classifier.text.WordPieceVectors}). {@link KindModel} uses one for the three kinds
 * in each voice, and one with two classes to tell the voices apart. Scoring needs no library: a sparse
 * dot product per class, and a dense one.
 */
final class WordRegression {

    /** The scores of a text: probabilities per class (summing to one) and how many of its terms the model knows. */
    record Scores(double[] probabilities, int knownTerms) {
        int best() {
            int best = 0;
            for (int k = 1; k < probabilities.length; k++) {
                if (probabilities[k] > probabilities[best]) {
                    best = k;
                }
            }
            return best;
        }
    }

    private final WordFeatures words;
    private final int classes;
    /** slot[bucket]: where the bucket's numbers are, or -1 for a bucket no training example had. */
    private final int[] slot;
    /** ratios[slot * classes + class]: the log-count ratio of the bucket for the class against the others. */
    private final float[] ratios;
    /** weights[slot * classes + class]: the regression's weight times the ratio, so scoring is one product per word. */
    private final float[] weights;
    private final float[] bias;
    /** meaning[class * dimensions + d]: the weight of the text vector's dimension d for the class; empty when trained on words alone. */
    private final float[] meaning;
    private final int dimensions;

    private WordRegression(int buckets, int classes, int[] kept, float[] ratios, float[] weights, float[] bias, float[] meaning) {
        this.words = new WordFeatures(buckets);
        this.classes = classes;
        this.slot = slots(kept, buckets);
        this.ratios = ratios;
        this.weights = weights;
        this.bias = bias;
        this.meaning = meaning;
        this.dimensions = meaning.length / classes;
    }

    /** How many dimensions of a text vector the regression weighs: 0 when it was trained on words alone. */
    int dimensions() {
        return dimensions;
    }

    int classes() {
        return classes;
    }

    int buckets() {
        return words.buckets();
    }

    /**
     * Trains on texts, each as its buckets as {@link WordFeatures} hashes them (ascending, distinct), and
     * their classes (0 to {@code classes - 1}). {@code c} is LIBLINEAR's inverse
     * regularisation strength; {@code smoothing} the count added to every word when the ratios are taken
     * (naive Bayes' alpha). Only the buckets some text has are kept: the others would carry no weight.
     * {@code vectors}: each text's vector, of unit length, beside its words (one per text, all of one length), or null for words alone.
     */
    static WordRegression trainOnBuckets(List<int[]> bucketsOf, List<float[]> vectors, int[] labels, int classes, int buckets, double c,
                                         double smoothing) {
        int dimensions = vectors == null || vectors.isEmpty() ? 0 : vectors.get(0).length;
        int[] kept = bucketsSeen(bucketsOf, buckets);
        int[] slotOf = slots(kept, buckets);
        // each text as the slots of its buckets
        int[][] present = bucketsOf.stream().map(has -> Arrays.stream(has).map(bucket -> slotOf[bucket]).toArray()).toArray(int[][]::new);
        Linear.disableDebugOutput();
        float[] ratios = new float[kept.length * classes];
        float[] weights = new float[kept.length * classes];
        float[] bias = new float[classes];
        float[] meaning = new float[classes * dimensions];
        for (int k = 0; k < classes; k++) {
            float[] r = ratios(labels, present, k, kept.length, smoothing);
            double[] w = regression(labels, present, vectors, dimensions, k, r, c);
            for (int at = 0; at < kept.length; at++) {
                ratios[at * classes + k] = r[at];
                weights[at * classes + k] = (float) (w[at] * r[at]);
            }
            for (int d = 0; d < dimensions; d++) {
                meaning[k * dimensions + d] = (float) w[kept.length + d];
            }
            bias[k] = (float) w[kept.length + dimensions];
        }
        return new WordRegression(buckets, classes, kept, ratios, weights, bias, meaning);
    }

    /** The hashed buckets of a text's words and pairs: the same for every regression of the same bucket count. */
    int[] present(String text) {
        return words.present(text);
    }

    /** {@link WordFeatures#withinProduct} with this regression's bucket count. */
    int[] withinProduct(int[] present, String productKey) {
        return words.withinProduct(present, productKey);
    }

    /**
     * Scores a text from its {@link #present} buckets, so several regressions can share one reading of it, and
     * its vector when the regression weighs one ({@link #dimensions}; ignored otherwise).
     */
    Scores score(int[] present, float[] vector) {
        double[] dot = new double[classes];
        double[] norm = new double[classes];
        int known = 0;
        for (int bucket : present) {
            int at = slot[bucket];
            if (at < 0) {
                continue;
            }
            known++;
            for (int k = 0; k < classes; k++) {
                dot[k] += weights[at * classes + k];
                norm[k] += (double) ratios[at * classes + k] * ratios[at * classes + k];
            }
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double score = bias[k] + (norm[k] == 0 ? 0 : dot[k] / Math.sqrt(norm[k]));
            for (int d = 0; d < dimensions; d++) {
                score += meaning[k * dimensions + d] * vector[d];
            }
            // each class's regression answers "this class or another": its probabilities, scaled to sum to one
            p[k] = 1 / (1 + Math.exp(-score));
            sum += p[k];
        }
        for (int k = 0; k < classes; k++) {
            p[k] /= sum;
        }
        return new Scores(p, known);
    }

    /** The buckets at least one text has, ascending: the others would carry no weight. */
    private static int[] bucketsSeen(List<int[]> bucketsOf, int buckets) {
        boolean[] seen = new boolean[buckets];
        bucketsOf.forEach(has -> Arrays.stream(has).forEach(bucket -> seen[bucket] = true));
        return IntStream.range(0, buckets).filter(bucket -> seen[bucket]).toArray();
    }

    /** slot[bucket]: the bucket's place among the kept ones, or -1. */
    private static int[] slots(int[] kept, int buckets) {
        int[] slot = new int[buckets];
        Arrays.fill(slot, -1);
        for (int i = 0; i < kept.length; i++) {
            slot[kept[i]] = i;
        }
        return slot;
    }

    /** "This class or another" over the ratio-weighted slots and the vectors: a weight per slot, per dimension, then the intercept. */
    private static double[] regression(int[] labels, int[][] present, List<float[]> vectors, int dimensions, int k, float[] ratios, double c) {
        Problem problem = new Problem();
        problem.l = labels.length;
        problem.n = ratios.length + dimensions + 1;
        problem.bias = 1;
        problem.x = new Feature[labels.length][];
        problem.y = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            problem.x[i] = features(present[i], ratios, dimensions == 0 ? null : vectors.get(i));
            problem.y[i] = labels[i] == k ? 1 : -1;
        }
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.01));
        // LIBLINEAR keeps one weight vector for a two-class problem, oriented toward its first label
        // (+1 whenever both labels occur; -1 first only when no example is of the class)
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        return Arrays.stream(model.getFeatureWeights()).map(w -> sign * w).toArray();
    }

    /**
     * log(texts of the class with the word / texts of the other classes with it), smoothed. Counts,
     * not shares of each side's total as in the paper: the other side holds two kinds, so a word as
     * common in every kind leans away from each, and a word must stand out to lean toward one (macro-F1
     * 0.793 against 0.787 with shares, BENCHMARKS.md).
     */
    private static float[] ratios(int[] labels, int[][] present, int k, int slots, double smoothing) {
        double[] in = new double[slots];
        double[] out = new double[slots];
        Arrays.fill(in, smoothing);
        Arrays.fill(out, smoothing);
        for (int i = 0; i < labels.length; i++) {
            double[] side = labels[i] == k ? in : out;
            for (int at : present[i]) {
                side[at]++;
            }
        }
        float[] r = new float[slots];
        for (int at = 0; at < slots; at++) {
            r[at] = (float) Math.log(in[at] / out[at]);
        }
        return r;
    }

    /**
     * The present slots weighted by the class's ratios, scaled to unit length, the vector (of unit length too:
     * the words and the meaning start level), then the constant 1 of the intercept: LIBLINEAR reserves the
     * intercept's weight for {@code problem.bias} but leaves the feature to the caller, and without it every
     * class's intercept stays 0.
     */
    private static Feature[] features(int[] present, float[] ratios, float[] vector) {
        double norm = 0;
        for (int at : present) {
            norm += (double) ratios[at] * ratios[at];
        }
        norm = norm == 0 ? 1 : Math.sqrt(norm);
        int dimensions = vector == null ? 0 : vector.length;
        Feature[] out = new Feature[present.length + dimensions + 1];
        for (int i = 0; i < present.length; i++) {
            out[i] = new FeatureNode(present[i] + 1, ratios[present[i]] / norm);
        }
        for (int d = 0; d < dimensions; d++) {
            out[present.length + d] = new FeatureNode(ratios.length + 1 + d, vector[d]);
        }
        out[present.length + dimensions] = new FeatureNode(ratios.length + dimensions + 1, 1.0);
        return out;
    }

    /** The least pull, in weight times ratio, a word needs to be named as evidence. */
    private static final double EVIDENCE_MARGIN = 0.5;

    /** A word or pair as the ticket wrote it, the stems of its content words, and how hard it pulls. */
    private record Candidate(String written, Set<String> stems, double pull) {
    }

    /**
     * The words and word pairs of the text that push most toward the class and away from the others,
     * strongest first, as the text spells them ("crashes", "would like", "the update"). A function
     * word alone, or a pair of them ("of the"), says nothing to a reader and is not named; a candidate
     * that shares a content word's stem with a stronger one says it twice and is not named either. A
     * word pulls as the model weighs it in the product's tickets: its own weight and the one it has
     * there ({@link WordFeatures#withinProduct}); {@code productKey} null for a product the model did not learn.
     */
    List<String> evidence(String text, int k, String productKey) {
        List<WordFeatures.Word> tokens = WordFeatures.words(text);
        Map<String, Candidate> byTerm = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            WordFeatures.Word word = tokens.get(i);
            boolean function = WordFeatures.isFunctionWord(word.surface());
            if (!function) {
                consider(word.term(), word.surface(), Set.of(word.term()), k, productKey, byTerm);
            }
            WordFeatures.Word before = i > 0 ? tokens.get(i - 1) : null;
            if (before != null && !(function && WordFeatures.isFunctionWord(before.surface()))) {
                Set<String> stems = new HashSet<>();
                for (WordFeatures.Word w : List.of(before, word)) {
                    if (!WordFeatures.isFunctionWord(w.surface())) {
                        stems.add(w.term());
                    }
                }
                consider(before.term() + ' ' + word.term(), before.surface() + ' ' + word.surface(), stems, k, productKey, byTerm);
            }
        }
        if (text.indexOf('?') >= 0) {
            consider(WordFeatures.QUESTION_MARK, "a question mark", Set.of(WordFeatures.QUESTION_MARK), k, productKey, byTerm);
        }
        List<Candidate> named = new ArrayList<>();
        byTerm.values().stream().filter(c -> c.pull() > EVIDENCE_MARGIN)
                .sorted(Comparator.comparingDouble(Candidate::pull).reversed().thenComparing(Candidate::written))
                .forEach(c -> {
                    if (named.size() < 4 && named.stream().noneMatch(n -> !Collections.disjoint(n.stems(), c.stems()))) {
                        named.add(c);
                    }
                });
        return named.stream().map(Candidate::written).toList();
    }

    /** Adds the term as a candidate when the model knows it; the first spelling of a term is the one quoted. */
    private void consider(String term, String written, Set<String> stems, int k, String productKey, Map<String, Candidate> byTerm) {
        int bucket = words.bucketOf(term);
        int at = slot[bucket];
        if (at < 0 || byTerm.containsKey(term)) {
            return;
        }
        double pull = pull(at, k);
        if (productKey != null) {
            int[] both = words.withinProduct(new int[] {bucket}, productKey);
            for (int b : both) {
                if (b != bucket && slot[b] >= 0) {
                    pull += pull(slot[b], k);
                }
            }
        }
        byTerm.put(term, new Candidate(written, stems, pull));
    }

    /** How much harder a slot pushes toward class k than toward the others on average. */
    private double pull(int at, int k) {
        double pull = weights[at * classes + k];
        for (int other = 0; other < classes; other++) {
            if (other != k) {
                pull -= weights[at * classes + other] / (classes - 1);
            }
        }
        return pull;
    }

    /** The regression as {@link #read} reads it with {@code withMeaning}: words, then the vector's weights (a count, then the weights). */
    void write(DataOutputStream data) throws IOException {
        data.writeInt(words.buckets());
        data.writeInt(classes);
        for (float b : bias) {
            data.writeFloat(b);
        }
        int[] kept = IntStream.range(0, slot.length).filter(bucket -> slot[bucket] >= 0).toArray();
        data.writeInt(kept.length);
        for (int bucket : kept) {
            data.writeInt(bucket);
            for (int k = 0; k < classes; k++) {
                data.writeFloat(ratios[slot[bucket] * classes + k]);
                data.writeFloat(weights[slot[bucket] * classes + k]);
            }
        }
        data.writeInt(dimensions);
        for (float w : meaning) {
            data.writeFloat(w);
        }
    }

    /** More buckets than any model needs (16 times the shipped one); a larger count means a damaged file. */
    private static final int MAX_BUCKETS = 1 << 24;
    /** More dimensions than a text vector of any encoder has; a larger count means a damaged file. */
    private static final int MAX_DIMENSIONS = 1 << 12;

    /**
     * One regression as {@link #write} wrote it, of {@code expectedClasses} classes; what cannot be one
     * throws {@link Damaged} with the reason. An end of file comes out as {@link java.io.EOFException}.
     * {@code withMeaning}: the file's format has the vector's weights after the words' (files before it end there).
     */
    static WordRegression read(DataInputStream data, int expectedClasses, boolean withMeaning) throws IOException {
        int buckets = data.readInt();
        int classes = data.readInt();
        if (buckets <= 0 || buckets > MAX_BUCKETS) {
            throw new Damaged("bucket count " + buckets + " out of range");
        }
        if (classes != expectedClasses) {
            throw new Damaged("a regression of " + classes + " classes, expected " + expectedClasses);
        }
        float[] bias = new float[classes];
        for (int k = 0; k < classes; k++) {
            bias[k] = data.readFloat();
        }
        int count = data.readInt();
        if (count < 0 || count > buckets) {
            throw new Damaged(count + " kept buckets of " + buckets);
        }
        int[] kept = new int[count];
        float[] ratios = new float[count * classes];
        float[] weights = new float[count * classes];
        for (int i = 0; i < count; i++) {
            kept[i] = data.readInt();
            if (kept[i] < 0 || kept[i] >= buckets || (i > 0 && kept[i] <= kept[i - 1])) {
                throw new Damaged("bucket " + kept[i] + " out of order or range");
            }
            for (int k = 0; k < classes; k++) {
                ratios[i * classes + k] = data.readFloat();
                weights[i * classes + k] = data.readFloat();
            }
        }
        int dimensions = withMeaning ? data.readInt() : 0;
        if (dimensions < 0 || dimensions > MAX_DIMENSIONS) {
            throw new Damaged("a vector of " + dimensions + " dimensions");
        }
        float[] meaning = new float[classes * dimensions];
        for (int i = 0; i < meaning.length; i++) {
            meaning[i] = data.readFloat();
        }
        return new WordRegression(buckets, classes, kept, ratios, weights, bias, meaning);
    }

    /** A model file whose numbers cannot be a regression's; {@link KindModel} says what to do about it. */
    static final class Damaged extends IOException {
        Damaged(String why) {
            super(why);
        }
    }
}
