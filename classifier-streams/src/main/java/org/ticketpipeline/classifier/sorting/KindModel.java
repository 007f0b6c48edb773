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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ticketpipeline.classifier.text.WordFeatures;
import org.ticketpipeline.schemas.TicketKind;

/**
 * Logistic regression (LIBLINEAR) over hashed words and word pairs of a ticket: bug, brief input or
 * noise, with a probability per kind and the words that pushed hardest toward the answer, so a
 * person can see why. Trained offline on labelled tickets (see {@code ./evaluate train}); the weights
 * ship as a resource, and scoring needs no library at all: a sparse dot product per kind.
 */
public final class KindModel {

    public static final String RESOURCE = "/sorter/kind-model.bin.gz";
    public static final TicketKind[] KINDS = {TicketKind.BUG, TicketKind.BRIEF_INPUT, TicketKind.NOISE};
    private static final int MAGIC = 0x4B494E44;

    private final WordFeatures words;
    /** weights[bucket * kinds + kind]; the bias is the last row. */
    private final float[] weights;

    private KindModel(int buckets, float[] weights) {
        this.words = new WordFeatures(buckets);
        this.weights = weights;
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

    /** Trains on labelled examples; {@code c} is LIBLINEAR's inverse regularisation strength. */
    public static KindModel train(List<Example> examples, int buckets, double c) {
        WordFeatures words = new WordFeatures(buckets);
        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = buckets + 1;
        problem.bias = 1;
        problem.x = new Feature[examples.size()][];
        problem.y = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            problem.x[i] = features(words, examples.get(i).text());
            problem.y[i] = indexOf(examples.get(i).kind());
        }
        Linear.disableDebugOutput();
        Model model = Linear.train(problem, new Parameter(SolverType.L2R_LR, c, 0.01));
        float[] weights = new float[(buckets + 1) * KINDS.length];
        int[] labels = model.getLabels();
        double[] w = model.getFeatureWeights();
        int nrClass = model.getNrClass();
        for (int feature = 0; feature <= buckets; feature++) {
            for (int k = 0; k < nrClass; k++) {
                weights[feature * KINDS.length + labels[k]] = (float) w[feature * nrClass + k];
            }
        }
        return new KindModel(buckets, weights);
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
        int buckets = words.buckets();
        TreeMap<Integer, Double> counts = words.counts(text);
        double norm = norm(counts);
        double[] scores = new double[KINDS.length];
        for (int k = 0; k < KINDS.length; k++) {
            scores[k] = weights[buckets * KINDS.length + k];
        }
        for (Map.Entry<Integer, Double> e : counts.entrySet()) {
            for (int k = 0; k < KINDS.length; k++) {
                scores[k] += weights[e.getKey() * KINDS.length + k] * e.getValue() / norm;
            }
        }
        double[] p = softmax(scores);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new Prediction(p, KINDS[best], evidence(text, best));
    }

    /** The tokens whose weight pushes most toward the kind, strongest first. */
    private List<String> evidence(String text, int kind) {
        List<String> tokens = WordFeatures.tokens(text);
        Map<String, Double> pull = new TreeMap<>();
        for (String token : tokens) {
            int bucket = words.bucketOf(token);
            double margin = weights[bucket * KINDS.length + kind];
            for (int k = 0; k < KINDS.length; k++) {
                if (k != kind) {
                    margin -= weights[bucket * KINDS.length + k] / (KINDS.length - 1);
                }
            }
            pull.merge(token, margin, Math::max);
        }
        List<String> out = new ArrayList<>();
        pull.entrySet().stream().filter(e -> e.getValue() > 0.5)
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())).limit(4)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }

    public void write(OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out)))) {
            data.writeInt(MAGIC);
            data.writeInt(words.buckets());
            data.writeInt(KINDS.length);
            for (float w : weights) {
                data.writeFloat(w);
            }
        }
    }

    static KindModel read(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) {
            if (data.readInt() != MAGIC) {
                throw new IOException("not a kind model");
            }
            int buckets = data.readInt();
            int kinds = data.readInt();
            float[] weights = new float[(buckets + 1) * kinds];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = data.readFloat();
            }
            return new KindModel(buckets, weights);
        }
    }

    private static Feature[] features(WordFeatures words, String text) {
        TreeMap<Integer, Double> counts = words.counts(text);
        double norm = norm(counts);
        Feature[] out = new Feature[counts.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : counts.entrySet()) {
            out[i++] = new FeatureNode(e.getKey() + 1, e.getValue() / norm);
        }
        return out;
    }

    private static double norm(TreeMap<Integer, Double> counts) {
        double sum = 0;
        for (double v : counts.values()) {
            sum += v * v;
        }
        return sum == 0 ? 1 : Math.sqrt(sum);
    }

    private static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] p = new double[scores.length];
        for (int k = 0; k < scores.length; k++) {
            p[k] = Math.exp(scores[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < scores.length; k++) {
            p[k] /= sum;
        }
        return p;
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
