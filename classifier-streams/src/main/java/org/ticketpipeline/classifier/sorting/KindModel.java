package org.ticketpipeline.classifier.sorting;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ticketpipeline.classifier.text.WordFeatures;
import org.ticketpipeline.schemas.TicketKind;

/**
 * Bug, brief input or noise from the words of a ticket: for each kind, a logistic regression of "this
 * kind or another" over which hashed words and word pairs the ticket has, each weighted by how much
 * more often it appears in that kind than in the others (naive Bayes log-count ratios; Wang and
 * Manning, "Baselines and Bigrams", 2012: NBSVM). It replaced a multinomial regression over log
 * word counts; with it, function words kept and a few more build-level words, the sorter's macro-F1
 * on the issue data went from 0.775 to 0.789 (5-fold cross-validation, mean of four shuffles;
 * BENCHMARKS.md says what each step gave). Gives a probability per
 * kind and the words that pushed hardest toward the answer, so a person can see why. Trained offline
 * (see {@code ./evaluate train}); the weights ship as a resource, and scoring needs no library: a
 * sparse dot product per kind.
 */
public final class KindModel {

    public static final String RESOURCE = "/sorter/kind-model.bin.gz";
    public static final TicketKind[] KINDS = {TicketKind.BUG, TicketKind.BRIEF_INPUT, TicketKind.NOISE};
    /** "NBL1": a file of the earlier plain-regression format is refused rather than misread. */
    private static final int MAGIC = 0x4E424C31;

    private final WordFeatures words;
    /** slot[bucket]: where the bucket's numbers are, or -1 for a bucket no training example had. */
    private final int[] slot;
    /** ratios[slot * kinds + kind]: the log-count ratio of the bucket for the kind against the others. */
    private final float[] ratios;
    /** weights[slot * kinds + kind]: the regression's weight times the ratio, so scoring is one product per word. */
    private final float[] weights;
    private final float[] bias;

    private KindModel(int buckets, int[] kept, float[] ratios, float[] weights, float[] bias) {
        this.words = new WordFeatures(buckets);
        this.slot = slots(kept, buckets);
        this.ratios = ratios;
        this.weights = weights;
        this.bias = bias;
    }

    /** The model shipped with the classifier. */
    public static KindModel shipped() {
        try (InputStream in = KindModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: train it with ./evaluate train <labelled.csv>");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A model {@code ./evaluate train --out FILE} wrote, for {@code classifier.kind-model}: a missing
     * or damaged file is refused with an {@link IllegalArgumentException} that names it and says why.
     */
    public static KindModel fromFile(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("kind model " + file + ": no such file" + (file.isAbsolute() ? "" : " (looked for "
                    + file.toAbsolutePath() + "; give an absolute path)") + "; write one with ./evaluate train <labelled.csv>... --out FILE");
        }
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("kind model " + file + ": " + e.getMessage(), e);
        }
    }

    /** A labelled text for training: its words and its kind. */
    public record Example(String text, TicketKind kind) {
    }

    /**
     * Trains on labelled examples. {@code c} is LIBLINEAR's inverse regularisation strength;
     * {@code smoothing} the count added to every word when the ratios are taken (naive Bayes' alpha).
     * Only the buckets some example has are kept: the others would carry no weight.
     */
    public static KindModel train(List<Example> examples, int buckets, double c, double smoothing) {
        WordFeatures words = new WordFeatures(buckets);
        List<int[]> bucketsOf = examples.stream().map(e -> words.present(e.text())).toList();
        int[] kept = bucketsSeen(bucketsOf, buckets);
        int[] slotOf = slots(kept, buckets);
        // each example as the slots of its buckets
        int[][] present = bucketsOf.stream().map(has -> Arrays.stream(has).map(bucket -> slotOf[bucket]).toArray()).toArray(int[][]::new);
        Linear.disableDebugOutput();
        int kinds = KINDS.length;
        float[] ratios = new float[kept.length * kinds];
        float[] weights = new float[kept.length * kinds];
        float[] bias = new float[kinds];
        for (int k = 0; k < kinds; k++) {
            float[] r = ratios(examples, present, KINDS[k], kept.length, smoothing);
            double[] w = regression(examples, present, KINDS[k], r, c);
            for (int at = 0; at < kept.length; at++) {
                ratios[at * kinds + k] = r[at];
                weights[at * kinds + k] = (float) (w[at] * r[at]);
            }
            bias[k] = (float) w[kept.length];
        }
        return new KindModel(buckets, kept, ratios, weights, bias);
    }

    /** The buckets at least one example has, ascending: the others would carry no weight. */
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

    /** "This kind or another" over the ratio-weighted slots: a weight per slot, then the intercept. */
    private static double[] regression(List<Example> examples, int[][] present, TicketKind kind, float[] ratios, double c) {
        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = ratios.length + 1;
        problem.bias = 1;
        problem.x = new Feature[examples.size()][];
        problem.y = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            problem.x[i] = features(present[i], ratios);
            problem.y[i] = examples.get(i).kind() == kind ? 1 : -1;
        }
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.01));
        // LIBLINEAR keeps one weight vector for a two-class problem, oriented toward its first label
        // (+1 whenever both labels occur; -1 first only when no example is of the kind)
        double sign = model.getLabels()[0] == 1 ? 1 : -1;
        return Arrays.stream(model.getFeatureWeights()).map(w -> sign * w).toArray();
    }

    /**
     * log(examples of the kind with the word / examples of the other kinds with it), smoothed. Counts,
     * not shares of each side's total as in the paper: the other side holds two kinds, so a word as
     * common in every kind leans away from each, and a word must stand out to lean toward one (macro-F1
     * 0.793 against 0.787 with shares, BENCHMARKS.md).
     */
    private static float[] ratios(List<Example> examples, int[][] present, TicketKind kind, int slots, double smoothing) {
        double[] in = new double[slots];
        double[] out = new double[slots];
        Arrays.fill(in, smoothing);
        Arrays.fill(out, smoothing);
        for (int i = 0; i < examples.size(); i++) {
            double[] side = examples.get(i).kind() == kind ? in : out;
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
     * The kind's probabilities (in {@link #KINDS} order), the words behind the most likely one, and how
     * many of the text's words and pairs fall in buckets the model has weights for (0: the probabilities
     * are the intercepts alone; hashed, so a new word can share a known word's bucket).
     */
    public record Prediction(double[] probabilities, TicketKind kind, List<String> evidence, int knownTerms) {
        public double probability(TicketKind kind) {
            return probabilities[indexOf(kind)];
        }

        /** The runner-up kind. */
        public TicketKind second() {
            int best = indexOf(kind);
            int second = -1;
            for (int k = 0; k < probabilities.length; k++) {
                if (k != best && (second < 0 || probabilities[k] > probabilities[second])) {
                    second = k;
                }
            }
            return KINDS[second];
        }
    }

    public Prediction predict(String text) {
        int kinds = KINDS.length;
        double[] dot = new double[kinds];
        double[] norm = new double[kinds];
        int known = 0;
        for (int bucket : words.present(text)) {
            int at = slot[bucket];
            if (at < 0) {
                continue;
            }
            known++;
            for (int k = 0; k < kinds; k++) {
                dot[k] += weights[at * kinds + k];
                norm[k] += (double) ratios[at * kinds + k] * ratios[at * kinds + k];
            }
        }
        double[] p = new double[kinds];
        double sum = 0;
        for (int k = 0; k < kinds; k++) {
            double score = bias[k] + (norm[k] == 0 ? 0 : dot[k] / Math.sqrt(norm[k]));
            // each kind's regression answers "this kind or another": its probabilities, scaled to sum to one
            p[k] = 1 / (1 + Math.exp(-score));
            sum += p[k];
        }
        int best = 0;
        for (int k = 0; k < kinds; k++) {
            p[k] /= sum;
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new Prediction(p, KINDS[best], evidence(text, best), known);
    }

    /** The least pull, in weight times ratio, a word needs to be named as evidence. */
    private static final double EVIDENCE_MARGIN = 0.5;

    /** A word or pair as the ticket wrote it, the stems of its content words, and how hard it pulls. */
    private record Candidate(String written, Set<String> stems, double pull) {
    }

    /**
     * The words and word pairs of the text that push most toward the kind and away from the others,
     * strongest first, as the text spells them ("crashes", "would like", "the update"). A function
     * word alone, or a pair of them ("of the"), says nothing to a reader and is not named; a candidate
     * that shares a content word's stem with a stronger one says it twice and is not named either.
     */
    private List<String> evidence(String text, int kind) {
        List<WordFeatures.Word> tokens = WordFeatures.words(text);
        Map<String, Candidate> byTerm = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            WordFeatures.Word word = tokens.get(i);
            boolean function = WordFeatures.isFunctionWord(word.surface());
            if (!function) {
                consider(word.term(), word.surface(), Set.of(word.term()), kind, byTerm);
            }
            WordFeatures.Word before = i > 0 ? tokens.get(i - 1) : null;
            if (before != null && !(function && WordFeatures.isFunctionWord(before.surface()))) {
                Set<String> stems = new HashSet<>();
                for (WordFeatures.Word w : List.of(before, word)) {
                    if (!WordFeatures.isFunctionWord(w.surface())) {
                        stems.add(w.term());
                    }
                }
                consider(before.term() + ' ' + word.term(), before.surface() + ' ' + word.surface(), stems, kind, byTerm);
            }
        }
        if (text.indexOf('?') >= 0) {
            consider(WordFeatures.QUESTION_MARK, "a question mark", Set.of(WordFeatures.QUESTION_MARK), kind, byTerm);
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
    private void consider(String term, String written, Set<String> stems, int kind, Map<String, Candidate> byTerm) {
        int at = slot[words.bucketOf(term)];
        if (at < 0 || byTerm.containsKey(term)) {
            return;
        }
        double pull = weights[at * KINDS.length + kind];
        for (int k = 0; k < KINDS.length; k++) {
            if (k != kind) {
                pull -= weights[at * KINDS.length + k] / (KINDS.length - 1);
            }
        }
        byTerm.put(term, new Candidate(written, stems, pull));
    }

    public void write(OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out)))) {
            data.writeInt(MAGIC);
            data.writeInt(words.buckets());
            data.writeInt(KINDS.length);
            for (float b : bias) {
                data.writeFloat(b);
            }
            int[] kept = IntStream.range(0, slot.length).filter(bucket -> slot[bucket] >= 0).toArray();
            data.writeInt(kept.length);
            for (int bucket : kept) {
                data.writeInt(bucket);
                for (int k = 0; k < KINDS.length; k++) {
                    data.writeFloat(ratios[slot[bucket] * KINDS.length + k]);
                    data.writeFloat(weights[slot[bucket] * KINDS.length + k]);
                }
            }
        }
    }

    /** A model as {@link #write} wrote it; a file of another format, or damaged, is refused with an {@link IOException}. */
    public static KindModel read(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) {
            if (data.readInt() != MAGIC) {
                throw damaged("not a kind model of this version");
            }
            int buckets = data.readInt();
            int kinds = data.readInt();
            if (buckets <= 0 || buckets > MAX_BUCKETS) {
                throw damaged("bucket count " + buckets + " out of range");
            }
            if (kinds != KINDS.length) {
                throw damaged("a model for " + kinds + " kinds, expected " + KINDS.length);
            }
            float[] bias = new float[kinds];
            for (int k = 0; k < kinds; k++) {
                bias[k] = data.readFloat();
            }
            int count = data.readInt();
            if (count < 0 || count > buckets) {
                throw damaged(count + " kept buckets of " + buckets);
            }
            int[] kept = new int[count];
            float[] ratios = new float[count * kinds];
            float[] weights = new float[count * kinds];
            for (int i = 0; i < count; i++) {
                kept[i] = data.readInt();
                if (kept[i] < 0 || kept[i] >= buckets || (i > 0 && kept[i] <= kept[i - 1])) {
                    throw damaged("bucket " + kept[i] + " out of order or range");
                }
                for (int k = 0; k < kinds; k++) {
                    ratios[i * kinds + k] = data.readFloat();
                    weights[i * kinds + k] = data.readFloat();
                }
            }
            if (data.read() != -1) {
                throw damaged("bytes after the last bucket");
            }
            return new KindModel(buckets, kept, ratios, weights, bias);
        } catch (java.io.EOFException e) {
            throw damaged("the file ends early", e);
        } catch (java.util.zip.ZipException e) {
            throw damaged("not a readable gzip file: " + e.getMessage(), e);
        }
    }

    /** More buckets than any model needs (16 times the shipped one); a larger count means a damaged file. */
    private static final int MAX_BUCKETS = 1 << 24;

    private static IOException damaged(String why) {
        return damaged(why, null);
    }

    private static IOException damaged(String why, Exception cause) {
        return new IOException("kind model refused (" + why + "): train it again with ./evaluate train <labelled.csv>", cause);
    }

    /**
     * The present slots weighted by the kind's ratios, scaled to unit length, then the constant 1 of
     * the intercept: LIBLINEAR reserves the intercept's weight for {@code problem.bias} but leaves the
     * feature to the caller, and without it every kind's intercept stays 0.
     */
    private static Feature[] features(int[] present, float[] ratios) {
        double norm = 0;
        for (int at : present) {
            norm += (double) ratios[at] * ratios[at];
        }
        norm = norm == 0 ? 1 : Math.sqrt(norm);
        Feature[] out = new Feature[present.length + 1];
        for (int i = 0; i < present.length; i++) {
            out[i] = new FeatureNode(present[i] + 1, ratios[present[i]] / norm);
        }
        out[present.length] = new FeatureNode(ratios.length + 1, 1.0);
        return out;
    }

    static int indexOf(TicketKind kind) {
        for (int k = 0; k < KINDS.length; k++) {
            if (KINDS[k] == kind) {
                return k;
            }
        }
        throw new IllegalArgumentException(String.valueOf(kind));
    }
}
