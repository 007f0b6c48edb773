package org.ticketpipeline.classifier.sorting;

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
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ticketpipeline.classifier.text.WordFeatures;
import org.ticketpipeline.classifier.text.WordPieceVectors;
import org.ticketpipeline.schemas.TicketKind;

/**
 * Bug, brief input or noise from the words of a ticket, in two voices. An issue tracker's reporter
 * fills a template, pastes a stack trace and says "feature request"; a helpdesk customer says "since
 * the update", "charged me twice" or "pls add dark mode" in one line. One model trained on both
 * learns neither well: the public labelled data is issue trackers, and one model trained on it and
 * 1,079 customer messages (the seed then) scores macro-F1 0.7694 on the issue data and 0.8672 on the customer dev set,
 * against 0.7986 and 0.9201 for two (same rules, same data; BENCHMARKS.md, "customer voice").
 * So each voice has its own {@link WordRegression} over the three kinds, and a third one, trained to
 * tell the two voices apart, says how much of a ticket is read in each: the probabilities are the two
 * models' mixed by that share. Gives a probability per kind and the words that pushed hardest, from
 * the voice the ticket is read in, so a person can see why. Trained offline (see {@code ./evaluate
 * train}); the weights ship as a resource.
 *
 * <p>Each voice's model also learns how the tickets of each product it was trained on read (a product's
 * template, its own words for a feature or a question): every word of a training ticket with a product
 * counts once as itself and once within its product ({@link WordFeatures#withinProduct}), and the ticket is
 * also trained on as one of no product, so the plain words still sort a ticket of a product it never saw
 * about as well as a model trained without products (BENCHMARKS.md, "products"). A ticket of a learnt product is
 * scored with both.
 *
 * <p>Beside the words, each voice's kind model weighs what a ticket means, as the mean of the encoder's vectors
 * for its word pieces ({@link WordPieceVectors}): a ticket that asks for something in words no training ticket used
 * still leans the way the requests did (KindModelTest). On the issue data, macro-F1 0.8069 against 0.8010 (median
 * of twelve 5-fold shuffles; BENCHMARKS.md, "word-piece vectors").
 */
public final class KindModel {

    public static final String RESOURCE = "/sorter/kind-model.bin.gz";
    public static final TicketKind[] KINDS = {TicketKind.BUG, TicketKind.BRIEF_INPUT, TicketKind.NOISE};
    /**
     * "NBV5": two voices, each regression's weights for the text vector after its words' weights, the products each
     * voice's kind model learnt, then the name of the word-piece vectors the weights were learnt on ("" for none) and,
     * when named, their {@link WordPieceVectors#fingerprint} (a count, then the numbers).
     */
    private static final int MAGIC = 0x4E425635;
    /**
     * "NBV4": as NBV5 without the text vectors; still read, and scores as it did. ("NBV3", one product list with
     * the products' words placed by another hash, was replaced within a day of being written; refused as of
     * another version, as its product weights would be read in the wrong places.)
     */
    private static final int WORDS_AND_PRODUCTS_MAGIC = 0x4E425634;
    /** "NBV2": two voices, no products; still read, and scores as it did. */
    private static final int NO_PRODUCTS_MAGIC = 0x4E425632;
    /**
     * "NBL1": the one-voice format before it, an issue tracker's model alone, laid out as one {@link
     * WordRegression}. A team's {@code classifier.kind-model} written then still loads and scores as it
     * did; anything older is refused rather than misread.
     */
    private static final int ONE_VOICE_MAGIC = 0x4E424C31;

    /** Who wrote a ticket, as far as the words tell. */
    public enum Voice {
        /** A developer or power user on an issue tracker: templates, versions, code. */
        ISSUE_TRACKER,
        /** A customer writing to a helpdesk, a chat or an app store. */
        CUSTOMER
    }

    /**
     * How the voice model's answer becomes a share: its log-odds for the issue tracker, times 2, plus 2.
     * Sharper than the model's own probability, because a ticket is mostly written in one voice; leaning
     * to the issue tracker, because the issue data holds short issues that read like a customer and its
     * model knows them better. With the first, 498-message customer seed and the sure-bug threshold at
     * 0.8: macro-F1 on the issue data (5-fold) 0.7960, against 0.7906 with no lean, 0.7892 with
     * neither; on customer messages (the dev set) 0.9068, as with neither, where the lean alone gives
     * 0.8967 (BENCHMARKS.md, "customer voice").
     */
    private static final double VOICE_SHARPNESS = 2;
    private static final double VOICE_LEAN = 2;

    private final WordRegression issueTracker;
    private final WordRegression customer;
    /** Issue tracker (class 0) or customer (class 1); null when the model has one voice only. */
    private final WordRegression voice;
    /**
     * The products whose tickets each voice's kind model learnt, as {@link WordFeatures#productKey} gives
     * them; the voices' model learnt them all. A model reads a ticket with its product only when it learnt
     * it: another product's buckets would only meet other words' weights.
     */
    private final Set<String> issueProducts;
    private final Set<String> customerProducts;
    private final Set<String> products;
    /** The word pieces' vectors the kind models weigh a ticket's meaning by; null for a model of words alone. */
    private final WordPieceVectors pieces;

    private KindModel(WordRegression issueTracker, WordRegression customer, WordRegression voice, Set<String> issueProducts,
                      Set<String> customerProducts, WordPieceVectors pieces) {
        this.pieces = pieces;
        this.issueTracker = issueTracker;
        this.customer = customer;
        this.voice = voice;
        this.issueProducts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(issueProducts));
        this.customerProducts = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(customerProducts));
        TreeSet<String> all = new TreeSet<>(issueProducts);
        all.addAll(customerProducts);
        this.products = java.util.Collections.unmodifiableSortedSet(all);
    }

    /** More products than a model learns from any labelled file: the training is refused, and a file saying more is damaged. */
    public static final int MAX_PRODUCTS = 1 << 16;

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

    /** A labelled text for training: its words, its kind, the voice it is written in, and its product (null or blank: none). */
    public record Example(String text, TicketKind kind, Voice voice, String product) {
        /** An issue tracker's example of no product. */
        public Example(String text, TicketKind kind) {
            this(text, kind, Voice.ISSUE_TRACKER, null);
        }

        /** An example of no product. */
        public Example(String text, TicketKind kind, Voice voice) {
            this(text, kind, voice, null);
        }
    }

    /** {@link #train(List, int, double, double, WordPieceVectors)} on the words alone. */
    public static KindModel train(List<Example> examples, int buckets, double c, double smoothing) {
        return train(examples, buckets, c, smoothing, null);
    }

    /**
     * Trains a model per voice on that voice's examples, and, when both voices have examples, the model
     * that tells them apart. {@code c} is LIBLINEAR's inverse regularisation strength; {@code smoothing}
     * the count added to every word when the ratios are taken (naive Bayes' alpha); {@code pieces} the
     * vectors the kinds' models weigh a ticket's meaning by, beside its words (null: words alone).
     */
    public static KindModel train(List<Example> examples, int buckets, double c, double smoothing, WordPieceVectors pieces) {
        List<Example> issues = examples.stream().filter(e -> e.voice() == Voice.ISSUE_TRACKER).toList();
        List<Example> customers = examples.stream().filter(e -> e.voice() == Voice.CUSTOMER).toList();
        if (issues.isEmpty() && customers.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        Set<String> issueProducts = productsOf(issues);
        Set<String> customerProducts = productsOf(customers);
        WordRegression voice = null;
        if (!issues.isEmpty() && !customers.isEmpty()) {
            // a product learns its voice too: a team's exported corrections teach that its product's tickets are a
            // customer's, the issue data that a repository's are an issue tracker's (macro-F1 on the issue data,
            // median of twelve 5-fold shuffles, 0.8010 against 0.7976 with the voice told from the words alone,
            // measured before the hashing of products was made stronger)
            boolean anyProduct = !issueProducts.isEmpty() || !customerProducts.isEmpty();
            voice = withProducts(examples, e -> e.voice().ordinal(), Voice.values().length, buckets, c, smoothing, anyProduct, null);
        }
        return new KindModel(kinds(issues, buckets, c, smoothing, pieces), kinds(customers, buckets, c, smoothing, pieces), voice, issueProducts,
                customerProducts, pieces);
    }

    private static Set<String> productsOf(List<Example> examples) {
        Set<String> products = examples.stream().map(e -> WordFeatures.productKey(e.product())).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        if (products.size() > MAX_PRODUCTS) {
            throw new IllegalArgumentException(products.size() + " products, more than the " + MAX_PRODUCTS + " a model learns");
        }
        return products;
    }

    /** A voice's kind model, learning the products of its examples as {@link #withProducts} says. */
    private static WordRegression kinds(List<Example> examples, int buckets, double c, double smoothing, WordPieceVectors pieces) {
        if (examples.isEmpty()) {
            return null;
        }
        return withProducts(examples, e -> indexOf(e.kind()), KINDS.length, buckets, c, smoothing, false, pieces);
    }

    /**
     * A regression over every example as its words, and over an example of a product once more, as its
     * words and the same words within the product. Both, rather than the second alone: trained on the
     * second alone, the plain words' weights leave to the product's what the product explains, and a
     * ticket of a product the model never saw loses three points of macro-F1 (BENCHMARKS.md, "products").
     * {@code everyExampleTwice}: an example of no product is also taken twice, so every example weighs the same
     * (a model trained with no product at all takes each once, as before products). {@code pieces}: each row
     * also has its text's vector (null: words alone).
     */
    private static WordRegression withProducts(List<Example> examples, java.util.function.ToIntFunction<Example> classOf, int classes, int buckets,
                                               double c, double smoothing, boolean everyExampleTwice, WordPieceVectors pieces) {
        WordFeatures words = new WordFeatures(buckets);
        List<int[]> rows = new ArrayList<>();
        List<float[]> rowVectors = pieces == null ? null : new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        // the texts' vectors on every core: a tokenisation and a sum each, but 3,000 of them
        List<float[]> textVectors = pieces == null ? null : examples.parallelStream().map(e -> pieces.vector(e.text())).toList();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            int[] present = words.present(e.text());
            String product = WordFeatures.productKey(e.product());
            // twice: an example of a product, with and without it; with everyExampleTwice, the voices' model: an example of none,
            // as the issue data's tickets, all of a product, would otherwise count twice against the customer seed's once and
            // tip it toward the issue tracker (customer dev set 0.9167 against 0.9200)
            List<int[]> asRows = product != null ? List.of(present, words.withinProduct(present, product))
                    : everyExampleTwice ? List.of(present, present) : List.of(present);
            for (int[] row : asRows) {
                rows.add(row);
                labels.add(classOf.applyAsInt(e));
                if (rowVectors != null) {
                    rowVectors.add(textVectors.get(i));
                }
            }
        }
        return WordRegression.trainOnBuckets(rows, rowVectors, labels.stream().mapToInt(Integer::intValue).toArray(), classes, buckets, c, smoothing);
    }

    /** The products whose tickets the model learnt (in either voice), as {@link WordFeatures#productKey} gives them. */
    public Set<String> products() {
        return products;
    }

    /**
     * The kinds' probabilities (in {@link #KINDS} order), the words behind the most likely one, how many
     * of the text's words and pairs fall in buckets the model has weights for (0: the probabilities are
     * the intercepts and, for a model that weighs them, the word pieces' vector alone; hashed, so a new word
     * can share a known word's bucket), and how much of the
     * answer is the customer voice's (0 to 1), and the product whose tickets the model learnt and read it with
     * (null: a product it did not learn, or none, so its words alone).
     */
    public record Prediction(double[] probabilities, TicketKind kind, List<String> evidence, int knownTerms, double customerVoice,
                             String learntProduct) {
        public double probability(TicketKind kind) {
            return probabilities[indexOf(kind)];
        }

        /** Whether the ticket was read mostly in the customer's voice (its evidence is the customer model's). */
        public boolean readAsCustomer() {
            return mostlyCustomer(customerVoice);
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

    /** A ticket of no product, or of one the model did not learn: its words alone. */
    public Prediction predict(String text) {
        return predict(text, null);
    }

    /** A ticket's words, and its product: one whose tickets the model learnt is read with what it learnt of them. */
    public Prediction predict(String text, String product) {
        // the parts hash words alike (read() refuses a file where they do not): the text is hashed once
        WordRegression any = issueTracker != null ? issueTracker : customer;
        int[] present = any.present(text);
        String key = WordFeatures.productKey(product);
        key = key != null && products.contains(key) ? key : null;
        // a product a model never saw adds nothing: its words' buckets within it would only meet other words' weights
        int[] withProduct = key == null ? present : any.withinProduct(present, key);
        double customerShare = customerShare(withProduct);
        float[] meaning = pieces == null ? null : pieces.vector(text);
        WordRegression.Scores fromIssues = issueTracker == null ? null
                : issueTracker.score(learnt(issueProducts, key) ? withProduct : present, meaning);
        WordRegression.Scores fromCustomers = customer == null ? null
                : customer.score(learnt(customerProducts, key) ? withProduct : present, meaning);
        double[] p = new double[KINDS.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = (fromIssues == null ? 0 : (1 - customerShare) * fromIssues.probabilities()[k])
                    + (fromCustomers == null ? 0 : customerShare * fromCustomers.probabilities()[k]);
        }
        WordRegression.Scores mixed = new WordRegression.Scores(p, Math.max(fromIssues == null ? 0 : fromIssues.knownTerms(),
                fromCustomers == null ? 0 : fromCustomers.knownTerms()));
        int best = mixed.best();
        boolean asCustomer = mostlyCustomer(customerShare);
        WordRegression readIn = asCustomer ? customer : issueTracker;
        String learnt = learnt(asCustomer ? customerProducts : issueProducts, key) ? key : null;
        return new Prediction(p, KINDS[best], readIn.evidence(text, best, learnt), mixed.knownTerms(), customerShare, learnt);
    }

    /** Whether the set holds the product (a sorted set refuses to be asked for null). */
    private static boolean learnt(Set<String> products, String key) {
        return key != null && products.contains(key);
    }

    private static boolean mostlyCustomer(double customerShare) {
        return customerShare >= 0.5;
    }

    /** How much of a ticket is read in the customer's voice: 0 or 1 when the model has one voice only. */
    private double customerShare(int[] present) {
        if (voice == null) {
            return issueTracker == null ? 1 : 0;
        }
        double issue = Math.min(Math.max(voice.score(present, null).probabilities()[Voice.ISSUE_TRACKER.ordinal()], 1e-9), 1 - 1e-9);
        double logOdds = VOICE_SHARPNESS * Math.log(issue / (1 - issue)) + VOICE_LEAN;
        return 1 - 1 / (1 + Math.exp(-logOdds));
    }

    public void write(OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out)))) {
            data.writeInt(MAGIC);
            for (WordRegression part : parts()) {
                data.writeBoolean(part != null);
                if (part != null) {
                    part.write(data);
                }
            }
            writeProducts(data, issueProducts);
            writeProducts(data, customerProducts);
            data.writeUTF(pieces == null ? "" : pieces.name());
            if (pieces != null) {
                float[] fingerprint = pieces.fingerprint();
                data.writeInt(fingerprint.length);
                for (float x : fingerprint) {
                    data.writeFloat(x);
                }
            }
        }
    }

    /** The issue tracker's model, the customer's, and the voices' (any may be null): the order the file keeps them in. */
    private List<WordRegression> parts() {
        return Arrays.asList(issueTracker, customer, voice);
    }

    /** A model as {@link #write} wrote it; a file of another format, or damaged, is refused with an {@link IOException}. */
    public static KindModel read(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)))) {
            int magic = data.readInt();
            if (magic == ONE_VOICE_MAGIC) {
                WordRegression issueTracker = WordRegression.read(data, KINDS.length, false);
                requireEnd(data);
                return new KindModel(issueTracker, null, null, Set.of(), Set.of(), null);
            }
            if (magic != MAGIC && magic != WORDS_AND_PRODUCTS_MAGIC && magic != NO_PRODUCTS_MAGIC) {
                throw damaged("not a kind model of this version");
            }
            boolean withMeaning = magic == MAGIC;
            WordRegression issueTracker = data.readBoolean() ? WordRegression.read(data, KINDS.length, withMeaning) : null;
            WordRegression customer = data.readBoolean() ? WordRegression.read(data, KINDS.length, withMeaning) : null;
            WordRegression voice = data.readBoolean() ? WordRegression.read(data, Voice.values().length, withMeaning) : null;
            if (issueTracker == null && customer == null) {
                throw damaged("no model for either voice");
            }
            if ((voice != null) != (issueTracker != null && customer != null)) {
                throw damaged("the voices' model does not match the voices present");
            }
            Set<String> issueProducts = magic != NO_PRODUCTS_MAGIC ? readProducts(data) : Set.of();
            Set<String> customerProducts = magic != NO_PRODUCTS_MAGIC ? readProducts(data) : Set.of();
            if (issueTracker == null && !issueProducts.isEmpty() || customer == null && !customerProducts.isEmpty()) {
                throw damaged("products of a voice that has no model");
            }
            String piecesName = withMeaning ? data.readUTF() : "";
            float[] fingerprint = piecesName.isEmpty() ? null : readFingerprint(data);
            requireEnd(data);
            if (!sameBucketCount(issueTracker, customer, voice)) {
                throw damaged("its models hash words into different numbers of buckets");
            }
            WordPieceVectors pieces = piecesOf(piecesName, fingerprint, issueTracker, customer, voice);
            return new KindModel(issueTracker, customer, voice, issueProducts, customerProducts, pieces);
        } catch (WordRegression.Damaged | java.io.UTFDataFormatException e) {
            throw damaged(e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw damaged("the file ends early", e);
        } catch (java.util.zip.ZipException e) {
            throw damaged("not a readable gzip file: " + e.getMessage(), e);
        }
    }

    private static float[] readFingerprint(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length <= 0 || length > 1 << 12) {
            throw damaged("a word-piece vectors' fingerprint of " + length + " numbers");
        }
        float[] fingerprint = new float[length];
        for (int i = 0; i < length; i++) {
            fingerprint[i] = data.readFloat();
        }
        return fingerprint;
    }

    /**
     * How alike the word-piece vectors computed here must be to those the model learnt on, as the cosine of their
     * fingerprints: the same table on one kind of CPU gives 1. Below {@link #SAME_PIECES} the model still loads and
     * the log says its answers may differ from those measured (a model refused on another CPU would leave the
     * classifier unable to start, for a difference that moves a few tickets); below {@link #OTHER_PIECES} the table
     * gives the weights another meaning, and the model is refused.
     */
    static final double SAME_PIECES = 0.999;
    static final double OTHER_PIECES = 0.95;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KindModel.class);

    /**
     * The word-piece vectors a model file names, computed now (a few seconds, once per JVM) so the first ticket does
     * not wait for them, and compared with the fingerprint the file keeps of those it learnt on; the kinds'
     * regressions must weigh as many dimensions as they have, and the voices' none.
     */
    private static WordPieceVectors piecesOf(String name, float[] fingerprint, WordRegression issueTracker, WordRegression customer,
                                             WordRegression voice) throws IOException {
        if (voice != null && voice.dimensions() != 0) {
            throw damaged("the voices' model weighs a text vector");
        }
        if (name.isEmpty()) {
            if (Stream.of(issueTracker, customer).anyMatch(part -> part != null && part.dimensions() != 0)) {
                throw damaged("weights for a text vector, but no word-piece vectors named");
            }
            return null;
        }
        WordPieceVectors pieces = WordPieceVectors.named(name);
        if (pieces == null) {
            throw damaged("trained on word-piece vectors this version does not have: '" + name + "'");
        }
        if (Stream.of(issueTracker, customer).anyMatch(part -> part != null && part.dimensions() != pieces.dimensions())) {
            throw damaged("a voice's weights do not fit the " + pieces.dimensions() + " dimensions of its word-piece vectors");
        }
        float[] here = pieces.fingerprint();
        if (here.length != fingerprint.length) {
            throw damaged("a word-piece vectors' fingerprint of " + fingerprint.length + " numbers for vectors of " + here.length);
        }
        double cosine = cosine(here, fingerprint);
        if (!(cosine >= OTHER_PIECES)) {
            throw new IOException(String.format(java.util.Locale.ROOT, "kind model refused: the word-piece vectors computed here differ from those "
                    + "it learnt on (fingerprint cosine %.5f, under %.2f: another CPU, ONNX Runtime or encoder?); train it again here with "
                    + "./evaluate train <labelled.csv>", cosine, OTHER_PIECES));
        }
        if (cosine < SAME_PIECES) {
            LOG.warn(String.format(java.util.Locale.ROOT, "the word-piece vectors computed here are close to, not the same as, those the kind model "
                    + "learnt on (fingerprint cosine %.5f; another CPU's int8 kernels?): its answers may differ a little from those measured; "
                    + "./evaluate train <labelled.csv> on this machine makes them the same", cosine));
        }
        return pieces;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : dot / Math.sqrt(aa * bb);
    }

    /** A product's name in a model file: at most 65,535 bytes of modified UTF-8, which a product of the ingest's 200 characters never reaches. */
    private static void writeProducts(DataOutputStream data, Set<String> products) throws IOException {
        if (products.size() > MAX_PRODUCTS) {
            throw new IllegalStateException(products.size() + " products, more than the " + MAX_PRODUCTS + " a model file holds");
        }
        data.writeInt(products.size());
        for (String product : products) {
            data.writeUTF(product);
        }
    }

    private static Set<String> readProducts(DataInputStream data) throws IOException {
        int count = data.readInt();
        if (count < 0 || count > MAX_PRODUCTS) {
            throw damaged(count + " products");
        }
        Set<String> products = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            String product = data.readUTF();
            if (!product.equals(WordFeatures.productKey(product)) || !products.add(product)) {
                throw damaged("a product named '" + product + "' twice or not as the model keys it");
            }
        }
        return products;
    }

    private static void requireEnd(DataInputStream data) throws IOException {
        if (data.read() != -1) {
            throw damaged("bytes after the last model");
        }
    }

    /** predict() hashes a text once for all the parts: they must agree on the bucket count. */
    private static boolean sameBucketCount(WordRegression... parts) {
        return Stream.of(parts).filter(Objects::nonNull).mapToInt(WordRegression::buckets).distinct().count() <= 1;
    }

    private static IOException damaged(String why) {
        return damaged(why, null);
    }

    private static IOException damaged(String why, Exception cause) {
        return new IOException("kind model refused (" + why + "): train it again with ./evaluate train <labelled.csv>", cause);
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
