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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ticketpipeline.classifier.text.WordFeatures;
import org.ticketpipeline.schemas.TicketKind;

/**
 * Bug, brief input or noise from the words of a ticket: for each kind, a logistic regression of "this
 * kind or another" over which hashed words and word pairs the ticket has, each weighted by how much
 * more often it appears in that kind than in the others (naive Bayes log-count ratios; Wang and
 * Manning, "Baselines and Bigrams", 2012: NBSVM). With function words kept, the sorter scores a
 * macro-F1 of 0.790 on the issue data (5-fold cross-validation, mean of four shuffles) against 0.775
 * with the plain regression over word counts it replaced (BENCHMARKS.md). Gives a probability per
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
        this.slot = new int[buckets];
        Arrays.fill(slot, -1);
        for (int i = 0; i < kept.length; i++) {
            slot[kept[i]] = i;
        }
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
        int[][] all = new int[examples.size()][];
        int[] seenIn = new int[buckets];
        for (int i = 0; i < examples.size(); i++) {
            all[i] = words.present(examples.get(i).text());
            for (int bucket : all[i]) {
                seenIn[bucket]++;
            }
        }
        int[] kept = IntStream.range(0, buckets).filter(bucket -> seenIn[bucket] > 0).toArray();
        int[] slotOf = new int[buckets];
        Arrays.fill(slotOf, -1);
        for (int i = 0; i < kept.length; i++) {
            slotOf[kept[i]] = i;
        }
        // each example as the slots of its kept buckets
        int[][] present = new int[examples.size()][];
        for (int i = 0; i < examples.size(); i++) {
            present[i] = Arrays.stream(all[i]).map(bucket -> slotOf[bucket]).filter(at -> at >= 0).toArray();
        }
        Linear.disableDebugOutput();
        int kinds = KINDS.length;
        float[] ratios = new float[kept.length * kinds];
        float[] weights = new float[kept.length * kinds];
        float[] bias = new float[kinds];
        for (int k = 0; k < kinds; k++) {
            float[] r = ratios(examples, present, KINDS[k], kept.length, smoothing);
            Problem problem = new Problem();
            problem.l = examples.size();
            problem.n = kept.length + 1;
            problem.bias = 1;
            problem.x = new Feature[examples.size()][];
            problem.y = new double[examples.size()];
            for (int i = 0; i < examples.size(); i++) {
                problem.x[i] = features(present[i], r);
                problem.y[i] = examples.get(i).kind() == KINDS[k] ? 1 : -1;
            }
            Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.01));
            // LIBLINEAR keeps one weight vector for a two-class problem, oriented toward its first label
            double sign = model.getLabels()[0] == 1 ? 1 : -1;
            double[] w = model.getFeatureWeights();
            for (int at = 0; at < kept.length; at++) {
                ratios[at * kinds + k] = r[at];
                weights[at * kinds + k] = (float) (sign * w[at] * r[at]);
            }
            bias[k] = (float) (sign * w[kept.length]);
        }
        return new KindModel(buckets, kept, ratios, weights, bias);
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

    /** The kind's probabilities (in {@link #KINDS} order) and the words behind the most likely one. */
    public record Prediction(double[] probabilities, TicketKind kind, List<String> evidence) {
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
        for (int bucket : words.present(text)) {
            int at = slot[bucket];
            if (at < 0) {
                continue;
            }
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
        return new Prediction(p, KINDS[best], evidence(text, best));
    }

    /**
     * The words and word pairs of the text that push most toward the kind and away from the others,
     * strongest first, as the text spells them ("crashes", "would like", "the update"). A function
     * word alone, or a pair of them ("of the"), says nothing to a reader and is not named.
     */
    private List<String> evidence(String text, int kind) {
        List<WordFeatures.Word> words = WordFeatures.words(text);
        Map<String, Double> pull = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            WordFeatures.Word word = words.get(i);
            boolean function = WordFeatures.isFunctionWord(word.surface());
            if (!function) {
                pull(word.term(), word.surface(), kind, pull);
            }
            WordFeatures.Word before = i > 0 ? words.get(i - 1) : null;
            if (before != null && !(function && WordFeatures.isFunctionWord(before.surface()))) {
                pull(before.term() + ' ' + word.term(), before.surface() + ' ' + word.surface(), kind, pull);
            }
        }
        if (text.indexOf('?') >= 0) {
            pull(WordFeatures.QUESTION_MARK, "a question mark", kind, pull);
        }
        List<String> out = new ArrayList<>();
        pull.entrySet().stream().filter(e -> e.getValue() > EVIDENCE_MARGIN)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                // a pair and a word of it say the same thing twice: the stronger one is named
                .forEach(candidate -> {
                    if (out.size() < 4 && out.stream().noneMatch(named -> overlaps(named, candidate))) {
                        out.add(candidate);
                    }
                });
        return out;
    }

    private void pull(String term, String surface, int kind, Map<String, Double> pull) {
        int at = slot[words.bucketOf(term)];
        if (at < 0) {
            return;
        }
        double margin = weights[at * KINDS.length + kind];
        for (int k = 0; k < KINDS.length; k++) {
            if (k != kind) {
                margin -= weights[at * KINDS.length + k] / (KINDS.length - 1);
            }
        }
        pull.merge(surface, margin, Math::max);
    }

    private static boolean overlaps(String a, String b) {
        List<String> first = List.of(a.split(" "));
        return Arrays.stream(b.split(" ")).anyMatch(first::contains);
    }

    /** The least pull, in weight times ratio, a word needs to be named as evidence. */
    private static final double EVIDENCE_MARGIN = 0.5;

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

    /** A model as {@link #write} wrote it. */
    public static KindModel read(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) {
            if (data.readInt() != MAGIC) {
                throw new IOException("not a kind model of this version: train it again with ./evaluate train <labelled.csv>");
            }
            int buckets = data.readInt();
            int kinds = data.readInt();
            if (kinds != KINDS.length) {
                throw new IOException("a kind model for " + kinds + " kinds, expected " + KINDS.length);
            }
            float[] bias = new float[kinds];
            for (int k = 0; k < kinds; k++) {
                bias[k] = data.readFloat();
            }
            int[] kept = new int[data.readInt()];
            float[] ratios = new float[kept.length * kinds];
            float[] weights = new float[kept.length * kinds];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = data.readInt();
                for (int k = 0; k < kinds; k++) {
                    ratios[i * kinds + k] = data.readFloat();
                    weights[i * kinds + k] = data.readFloat();
                }
            }
            return new KindModel(buckets, kept, ratios, weights, bias);
        }
    }

    /** The present buckets weighted by the kind's ratios, scaled to unit length. */
    private static Feature[] features(int[] present, float[] ratios) {
        double norm = 0;
        for (int b : present) {
            norm += (double) ratios[b] * ratios[b];
        }
        norm = norm == 0 ? 1 : Math.sqrt(norm);
        Feature[] out = new Feature[present.length];
        for (int i = 0; i < present.length; i++) {
            out[i] = new FeatureNode(present[i] + 1, ratios[present[i]] / norm);
        }
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
