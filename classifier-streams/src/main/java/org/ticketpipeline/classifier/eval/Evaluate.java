package org.ticketpipeline.classifier.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.classifier.sorting.ModelSorter;
import org.ticketpipeline.classifier.sorting.Taxonomy;
import org.ticketpipeline.classifier.text.BatchEncoder;
import org.ticketpipeline.classifier.text.SentenceEmbedder;
import org.ticketpipeline.classifier.text.WordFeatures;
import org.ticketpipeline.classifier.text.WordPieceVectors;
import org.ticketpipeline.classifier.themes.EmergingThemes;
import org.ticketpipeline.schemas.TicketKind;

/**
 * The evaluation command ({@code ./evaluate}): scores the sorter and the emerging themes on a labelled
 * CSV, and trains the kind model that ships.
 */
public final class Evaluate {

    static final String USAGE = """
            usage: ./evaluate sort   <labelled.csv>... [--kind-model FILE] [--taxonomy FILE]
                                                                   score the sorter as shipped (no training on the files),
                                                                   or with a kind model train --out wrote
                   ./evaluate cv     <labelled.csv>... [--folds 5] [--seed 7] [--taxonomy FILE]
                                                                   k-fold cross-validation of the same sorter, trained per fold
                                                                   (the seed shuffles the tickets into folds)
                   --taxonomy: the team's taxonomy file, as classifier.taxonomy-file (its back-stage systems trace bugs)
                   ./evaluate train  <labelled.csv>... [--out FILE] train the kind model that ships, or one for
                                                                   classifier.kind-model (e.g. the issue data and your corrections)
                   ./evaluate themes <texts.csv> --text COLUMN --label COLUMN [--threshold 0.65] [--model minilm] [--max-tokens 32]
                   (themes: --text and --label default to text and label; --threshold, a cosine similarity; --max-tokens 1-512)
                   ./evaluate export-corrections <out.csv> --bootstrap HOST:PORT --registry URL [--topic tickets-sorted]
                                                    [--events-topic ticket-events] [--corrections-topic corrections]
                                                                   corrected tickets as labelled data (redacted text, the kind,
                                                                   level and theme a person named; a theme-only one has no label)
            labelled.csv: columns title, body, label (bug / feature / question, or bug / brief-input / noise),
                          and optionally voice (customer / issue-tracker: which of the two models a row teaches)
                          and product (or repo: the product a ticket is of; the model learns how each product's tickets read)""";

    /**
     * Hashed buckets of words and pairs: the issue data fills about 160,000 of them, and 320,000 with its
     * words within their repositories, so few collide.
     */
    static final int BUCKETS = 1 << 20;
    static final double C = 64;
    static final double SMOOTHING = 1;
    static final String SHIPPED_MODEL = "classifier-streams/src/main/resources" + KindModel.RESOURCE;

    /** Where {@code train} writes without {@code --out}: the shipped model in the repository ./evaluate runs from. */
    static Path shippedModel() {
        return Path.of(System.getProperty("pipeline.root", ".")).resolve(SHIPPED_MODEL);
    }

    private Evaluate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && List.of("-h", "--help", "help").contains(args[0])) {
            System.out.println(USAGE);
            return;
        }
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        try {
            run(args);
        } catch (UsageError e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (CannotRun e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println(ioProblem(e));
            System.exit(1);
        } catch (java.io.UncheckedIOException e) {
            System.err.println(ioProblem(e.getCause()));
            System.exit(1);
        }
    }

    /** A file that cannot be read or written, in a sentence: Java names the file alone, without why. */
    static String ioProblem(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "cannot use " + denied.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return "cannot use " + missing.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException other) {
            return "cannot use " + other.getFile() + ": " + (other.getReason() == null ? other.getClass().getSimpleName() : other.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The longest input, in tokens, the shipped encoders take. */
    static final int MAX_TOKENS = 512;

    /** The options each mode takes: any other is a mistake, not something silently ignored. */
    private static final Map<String, java.util.Set<String>> OPTIONS = Map.of(
            "sort", java.util.Set.of("kind-model", "taxonomy"),
            "cv", java.util.Set.of("folds", "seed", "taxonomy"),
            "train", java.util.Set.of("out"),
            "themes", java.util.Set.of("text", "label", "threshold", "model", "max-tokens"),
            "export-corrections", java.util.Set.of("bootstrap", "registry", "topic", "events-topic", "corrections-topic"));

    static void run(String[] args) throws Exception {
        if (!OPTIONS.containsKey(args[0])) {
            throw new UsageError("unknown mode " + args[0]);
        }
        Arguments arguments = Arguments.of(args);
        Map<String, String> options = arguments.options();
        for (String option : options.keySet()) {
            if (!OPTIONS.get(args[0]).contains(option)) {
                throw new UsageError(args[0] + " takes no --" + option + " (it takes " + String.join(", ",
                        OPTIONS.get(args[0]).stream().sorted().map(o -> "--" + o).toList()) + ")");
            }
        }
        if (args[0].equals("export-corrections")) {
            if (arguments.files().size() != 1) {
                throw new UsageError("export-corrections writes one file: ./evaluate export-corrections <out.csv> --bootstrap ... --registry ...");
            }
            CorrectionsExport.write(arguments.files().get(0), options.get("bootstrap"), options.get("registry"),
                    options.getOrDefault("topic", "tickets-sorted"), options.getOrDefault("events-topic", "ticket-events"),
                    options.getOrDefault("corrections-topic", "corrections"));
            return;
        }
        List<Path> files = arguments.files();
        if (files.isEmpty()) {
            throw new UsageError("no file given");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UsageError("no such file: " + file);
            }
        }
        if (args[0].equals("themes") && files.size() > 1) {
            throw new UsageError("themes reads one file, got " + files.size());
        }
        Path csv = files.get(0);
        switch (args[0]) {
            case "sort" -> scoreShipped(files, kindModel(options), options.containsKey("kind-model")
                    ? "sorter with the kind model " + Path.of(options.get("kind-model")).getFileName() : "sorter as shipped", taxonomy(options));
            case "cv" -> {
                int folds = number(options, "folds", 5, Integer::parseInt, "a whole number");
                if (folds < 2) {
                    throw new UsageError("--folds must be 2 or more, got " + folds);
                }
                crossValidate(files, folds, number(options, "seed", 7L, Long::parseLong, "a whole number"), taxonomy(options));
            }
            case "train" -> train(files, options.containsKey("out") ? Path.of(options.get("out")) : shippedModel());
            case "themes" -> {
                int maxTokens = number(options, "max-tokens", 32, Integer::parseInt, "a whole number");
                if (maxTokens < 1 || maxTokens > MAX_TOKENS) {
                    throw new UsageError("--max-tokens must be between 1 and " + MAX_TOKENS + " (the encoders' longest input), got " + maxTokens);
                }
                themes(csv, options.getOrDefault("text", "text"), options.getOrDefault("label", "label"),
                        threshold(options), options.getOrDefault("model", "minilm"), maxTokens);
            }
            default -> throw new UsageError("unknown mode " + args[0]);
        }
    }

    /** Kafka or the registry cannot be used: said in a sentence, and exit code 1. */
    static final class CannotRun extends RuntimeException {
        CannotRun(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A mistake in the command line or in the file it names: said with the usage, and exit code 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    private static <T> T number(Map<String, String> options, String name, T otherwise, java.util.function.Function<String, T> parse, String kind) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new UsageError("--" + name + " must be " + kind + ", got '" + value + "'");
        }
    }

    /** A cosine similarity, as {@code classifier.similarity-threshold}: 65 would make every text a theme of its own. */
    private static double threshold(Map<String, String> options) {
        double threshold = number(options, "threshold", 0.65, Double::parseDouble, "a number");
        if (!(threshold > 0 && threshold < 1)) {
            throw new UsageError("--threshold must be a cosine similarity between 0 and 1 (exclusive), got " + options.get("threshold"));
        }
        return threshold;
    }

    static void scoreShipped(List<Path> files, KindModel model, String which, Taxonomy taxonomy) throws IOException {
        List<LabelledText> data = readAll(files, false);
        Tally tally = new Tally(taxonomy);
        tally.addAll(data, model);
        tally.print(which + " on " + data.size() + " tickets of " + names(files));
    }

    static void crossValidate(List<Path> files, int folds, long seed, Taxonomy taxonomy) throws IOException {
        List<LabelledText> data = readAll(files, true);
        if (data.size() < folds) {
            throw new UsageError(folds + "-fold cross-validation needs at least " + folds + " labelled rows, " + names(files) + " hold " + data.size());
        }
        List<KindModel.Example> customerVoiceSeed = customerVoiceSeed();
        int[] firstRow = firstRowWithItsWords(data);
        int[] foldOf = foldsKeepingRepeatsTogether(data, firstRow, folds, seed);
        long repeated = java.util.stream.IntStream.range(0, data.size()).filter(row -> firstRow[row] != row).count();
        if (repeated > 0) {
            // two exports of corrections hold the same tickets: scored on a copy of what it learnt, the model would look better
            System.err.println(repeated + " rows repeat the words of an earlier row (the same ticket in two files?): each is kept in "
                    + "the fold of its first, so no ticket is scored by a model that learnt it");
        }
        Tally tally = new Tally(taxonomy);
        for (int fold = 0; fold < folds; fold++) {
            List<KindModel.Example> train = new ArrayList<>(customerVoiceSeed);
            List<LabelledText> test = new ArrayList<>();
            for (int k = 0; k < data.size(); k++) {
                if (foldOf[k] == fold) {
                    test.add(data.get(k));
                } else {
                    train.add(example(data.get(k)));
                }
            }
            tally.addAll(test, trained(train, files));
        }
        tally.print(folds + "-fold cross-validation on " + data.size() + " tickets of " + names(files));
    }

    /**
     * Each row's fold: the distinct tickets dealt by {@link #stratifiedFolds}, and every row whose words an earlier
     * row has (whatever their case and spacing; {@link #firstRowWithItsWords}) in that row's fold. Dealing the repeats too, then moving them,
     * left the folds' kinds as uneven as the repeats were. A file without repeats gets the folds it always got.
     */
    static int[] foldsKeepingRepeatsTogether(List<LabelledText> data, int[] firstRow, int folds, long seed) {
        List<Integer> distinct = java.util.stream.IntStream.range(0, data.size()).filter(row -> firstRow[row] == row).boxed().toList();
        int[] foldOfDistinct = stratifiedFolds(distinct.stream().map(row -> LabelledText.kindOf(data.get(row).label())).toList(), folds, seed);
        int[] foldOfRow = new int[data.size()];
        for (int i = 0; i < distinct.size(); i++) {
            foldOfRow[distinct.get(i)] = foldOfDistinct[i];
        }
        for (int row = 0; row < data.size(); row++) {
            foldOfRow[row] = foldOfRow[firstRow[row]];
        }
        return foldOfRow;
    }

    /** For each row, the first row with the same words (itself when none came before). */
    static int[] firstRowWithItsWords(List<LabelledText> data) {
        Map<String, Integer> firstRow = new HashMap<>();
        int[] first = new int[data.size()];
        for (int row = 0; row < data.size(); row++) {
            String words = data.get(row).text().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").strip();
            Integer earlier = firstRow.putIfAbsent(words, row);
            first[row] = earlier == null ? row : earlier;
        }
        return first;
    }

    /**
     * Each row's fold: the rows of each kind shuffled by the seed and dealt in turn, so every fold holds each
     * kind in the file's proportions (within one), as scikit-learn's StratifiedKFold does. Dealt unstratified,
     * 300-row folds of a 500/500/500 file drift by several tickets a kind, and the figure with the seed.
     */
    static int[] stratifiedFolds(List<String> kinds, int folds, long seed) {
        Map<String, List<Integer>> rowsOfKind = new java.util.TreeMap<>();
        for (int row = 0; row < kinds.size(); row++) {
            rowsOfKind.computeIfAbsent(kinds.get(row), k -> new ArrayList<>()).add(row);
        }
        Random random = new Random(seed);
        int[] foldOf = new int[kinds.size()];
        int dealt = 0;
        for (List<Integer> rows : rowsOfKind.values()) {
            Collections.shuffle(rows, random);
            // carried on from the kind before, so the folds' sizes stay within one of each other too
            for (int row : rows) {
                foldOf[row] = dealt++ % folds;
            }
        }
        return foldOf;
    }

    /** What {@code sort} and {@code cv} print: the sorter's answers, the kind model's alone, and the voices it read. */
    private static final class Tally {
        private final Confusion sorter = new Confusion();
        private final Confusion modelAlone = new Confusion();
        private final Taxonomy taxonomy;
        private int tickets;
        private int readAsCustomer;
        private int readWithProduct;
        private int withProduct;
        /** The issue data's labels (feature, question), which the table names by the pipeline's kinds. */
        private final java.util.Set<String> issueLabels = new java.util.TreeSet<>();

        Tally(Taxonomy taxonomy) {
            this.taxonomy = taxonomy;
        }

        void addAll(List<LabelledText> labelled, KindModel model) {
            ModelSorter sorting = new ModelSorter(model, () -> taxonomy);
            for (LabelledText t : labelled) {
                TicketKind truth = TicketKind.valueOf(LabelledText.kindOf(t.label()));
                String asWritten = t.label().toLowerCase(Locale.ROOT);
                if (!asWritten.replace('_', '-').replace(' ', '-').equals(Confusion.label(truth))) {
                    issueLabels.add(asWritten + " as " + Confusion.label(truth));
                }
                sorter.add(truth, sorting.sort(t.text(), t.product()).kind());
                KindModel.Prediction prediction = model.predict(t.text(), t.product());
                modelAlone.add(truth, prediction.kind());
                tickets++;
                readAsCustomer += prediction.readAsCustomer() ? 1 : 0;
                readWithProduct += prediction.learntProduct() != null ? 1 : 0;
                withProduct += t.product() != null ? 1 : 0;
            }
        }

        /**
         * The kind model's own score is before the bug-signal override and the rule that a bug traces to
         * a chain level: the gap to the sorter's is what the product's rules cost (or gain) on this file.
         */
        void print(String heading) {
            System.out.println(heading);
            System.out.printf(Locale.ROOT, "read mostly as a customer's words: %d of %d tickets (the rest as an issue tracker's)%n",
                    readAsCustomer, tickets);
            // a file with no product column is sorted on its words alone: the figure says which the reader is looking at
            System.out.printf(Locale.ROOT, "read with what the model learnt of their product: %d of %d tickets (%s)%n", readWithProduct, tickets,
                    withProduct == 0 ? "the file names no product: add a product column" : withProduct + " name one");
            System.out.printf(Locale.ROOT, "kind model alone, before the bug-signal override and the chain-level rule: macro average F1 %.4f%n",
                    modelAlone.macroF1());
            if (!issueLabels.isEmpty()) {
                System.out.println("the file's labels read as the pipeline's kinds: " + String.join(", ", issueLabels));
            }
            sorter.print();
        }
    }

    /** A model of the examples; more products than a model learns is the files' mistake, said as such. */
    private static KindModel trained(List<KindModel.Example> examples, List<Path> files) {
        try {
            return KindModel.train(examples, BUCKETS, C, SMOOTHING, WordPieceVectors.minilm());
        } catch (IllegalArgumentException e) {
            throw new UsageError(names(files) + ": " + e.getMessage());
        }
    }

    static void train(List<Path> files, Path out) throws IOException {
        if (Files.isDirectory(out)) {
            throw new UsageError("--out " + out + " is a directory: name the model file to write");
        }
        List<KindModel.Example> examples = new ArrayList<>(examples(readAll(files, true)));
        int fromFile = examples.size();
        long customersInFile = examples.stream().filter(e -> e.voice() == KindModel.Voice.CUSTOMER).count();
        examples.addAll(customerVoiceSeed());
        KindModel model = trained(examples, files);
        // written whole in memory first: a model that cannot be written leaves the file that was there (the shipped
        // model, without --out) as it was; the file itself is written in place, keeping its owner, mode and links
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        model.write(bytes);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, bytes.toByteArray());
        long withProduct = examples.stream().filter(e -> WordFeatures.productKey(e.product()) != null).count();
        System.out.printf(Locale.ROOT, "trained on %d tickets of %s (voice column: %d an issue tracker's, %d a customer's; product column: %s) "
                + "and %d customer messages written for this project (%d hashed word buckets and the %s, C=%s, smoothing %s); wrote %s (%d bytes)%n",
                fromFile, names(files),
                fromFile - customersInFile, customersInFile, withProduct == 0 ? "none"
                        : withProduct + " rows of " + model.products().size() + " products, " + productsNamed(model.products()),
                examples.size() - fromFile, BUCKETS, WordPieceVectors.MINILM, C, SMOOTHING, out, Files.size(out));
    }

    /** The products, or the first few of many. */
    private static String productsNamed(java.util.Set<String> products) {
        List<String> named = products.stream().limit(8).toList();
        return String.join(", ", named) + (products.size() > named.size() ? " and " + (products.size() - named.size()) + " more" : "");
    }

    static void themes(Path csv, String textColumn, String labelColumn, double threshold, String model, int maxTokens) throws IOException {
        List<LabelledText> data = LabelledText.read(csv, null, textColumn, labelColumn);
        if (data.size() < 2) {
            throw new UsageError(csv + " holds " + data.size() + " text(s): grouping is scored on two or more");
        }
        List<String> texts = data.stream().map(LabelledText::body).toList();
        long started = System.nanoTime();
        List<float[]> vectors;
        SentenceEmbedder.Model encoderModel;
        try {
            encoderModel = SentenceEmbedder.Model.of(model);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--model '" + model + "' is none of minilm / bge-small");
        }
        try (BatchEncoder encoder = new BatchEncoder(encoderModel, maxTokens, Runtime.getRuntime().availableProcessors())) {
            vectors = encoder.embed(texts);
        }
        double embedSeconds = (System.nanoTime() - started) / 1e9;
        EmergingThemes themes = new EmergingThemes(text -> {
            throw new IllegalStateException("vectors are precomputed");
        }, threshold, (key, cluster) -> { });
        List<String> assigned = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            assigned.add(themes.assign("eval", texts.get(i), vectors.get(i)).theme());
        }
        Map<String, Integer> ids = new HashMap<>();
        List<Integer> clusters = new ArrayList<>();
        for (String theme : assigned) {
            clusters.add(ids.computeIfAbsent(theme, t -> ids.size()));
        }
        ClusterScores.Scores scores = ClusterScores.score(data.stream().map(LabelledText::label).toList(), clusters);
        System.out.printf(Locale.ROOT, "%d texts of %s grouped into %d emerging themes (encoder %s, %d tokens, threshold %.2f; embedded in %.1f s)%n",
                texts.size(), csv.getFileName(), ids.size(), model, maxTokens, threshold, embedSeconds);
        Map<String, Integer> sizes = new HashMap<>();
        assigned.forEach(t -> sizes.merge(t, 1, Integer::sum));
        System.out.println("largest themes: " + sizes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(8).map(e -> e.getKey() + " (" + e.getValue() + ")").toList());
        System.out.printf(Locale.ROOT, "homogeneity %.4f completeness %.4f%n", scores.homogeneity(), scores.completeness());
        System.out.printf(Locale.ROOT, "V-measure %.4f ARI %.4f%n", scores.vMeasure(), scores.ari());
    }

    private static List<KindModel.Example> examples(List<LabelledText> texts) {
        return texts.stream().map(Evaluate::example).toList();
    }

    private static KindModel.Example example(LabelledText t) {
        return new KindModel.Example(t.text(), TicketKind.valueOf(LabelledText.kindOf(t.label())), t.voice(), t.product());
    }

    /**
     * 1,570 customer messages written for this project (helpdesk e-mails, chats, app-store reviews),
     * trained on with any labelled file as the customer's voice: the public labelled data is issue
     * trackers, and a customer says "since the update" or "pls add dark mode" where a developer fills a
     * template. Not real customers' words; see data/README.md.
     */
    static List<KindModel.Example> customerVoiceSeed() throws IOException {
        String seed = "/sorter/customer-voice-seed.csv";
        InputStream in = Evaluate.class.getResourceAsStream(seed);
        if (in == null) {
            throw new IllegalStateException(seed + " is missing from the classifier's jar: rebuild it (mvn -DskipTests package)");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return LabelledText.read(reader, seed, "title", "body", "label", false).stream()
                    .map(t -> new LabelledText(t.title(), t.body(), t.label(), KindModel.Voice.CUSTOMER))
                    .map(Evaluate::example)
                    .toList();
        }
    }

    /**
     * The taxonomy the sorter runs with: the built-in one, or the team's ({@code --taxonomy}), whose back-stage
     * systems trace bugs to a level and so decide kinds too.
     */
    private static Taxonomy taxonomy(Map<String, String> options) {
        String file = options.get("taxonomy");
        if (file == null) {
            return Taxonomy.fromClasspath("/taxonomy.yml");
        }
        try {
            return Taxonomy.fromFile(Path.of(file));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** The model {@code sort} scores: the shipped one, or a file {@code train --out} wrote. */
    private static KindModel kindModel(Map<String, String> options) {
        String file = options.get("kind-model");
        if (file == null) {
            return KindModel.shipped();
        }
        try {
            return KindModel.fromFile(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** The files as one set; with their voice column when they are to be trained on. */
    private static List<LabelledText> readAll(List<Path> files, boolean withVoices) throws IOException {
        List<LabelledText> all = new ArrayList<>();
        for (Path file : files) {
            // each label a kind, or refused with its line, as the file is read
            all.addAll(withVoices ? LabelledText.readWithVoices(file) : LabelledText.read(file, "title", "body", "label"));
        }
        if (all.isEmpty()) {
            throw new UsageError(names(files) + " hold(s) no labelled rows, only a header");
        }
        return all;
    }

    private static String names(List<Path> files) {
        return String.join(" + ", files.stream().map(f -> f.getFileName().toString()).toList());
    }

    /**
     * The words after the mode: {@code --name value} pairs wherever they stand, and the files between them
     * ({@code themes --text text --label category held.csv} as well as {@code themes held.csv --text ...}).
     */
    record Arguments(List<Path> files, Map<String, String> options) {
        static Arguments of(String[] args) {
            List<Path> files = new ArrayList<>();
            Map<String, String> options = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    files.add(Path.of(args[i]));
                    continue;
                }
                if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                    throw new UsageError("option " + args[i] + " has no value");
                }
                if (options.put(args[i].substring(2), args[i + 1]) != null) {
                    throw new UsageError("option " + args[i] + " is given twice");
                }
                i++;
            }
            return new Arguments(files, options);
        }
    }

    /** A confusion matrix over the three kinds, printed with per-kind precision, recall and F1. */
    static final class Confusion {
        private final int[][] counts = new int[3][3];

        void add(TicketKind truth, TicketKind predicted) {
            counts[truth.ordinal()][predicted.ordinal()]++;
        }

        /**
         * The mean F1 of the kinds the file holds or the sorter answered (scikit-learn's macro average): a
         * file of corrections that are all bugs, sorted perfectly, scores 1, not a third.
         */
        double macroF1() {
            double sum = 0;
            int kinds = 0;
            for (int k = 0; k < 3; k++) {
                if (present(k)) {
                    sum += f1(k);
                    kinds++;
                }
            }
            return kinds == 0 ? 0 : sum / kinds;
        }

        /** Whether a kind is among the true kinds or the answers. */
        private boolean present(int k) {
            int seen = 0;
            for (int j = 0; j < 3; j++) {
                seen += counts[k][j] + counts[j][k];
            }
            return seen > 0;
        }

        private double precision(int k) {
            int predicted = 0;
            for (int[] row : counts) {
                predicted += row[k];
            }
            return predicted == 0 ? 0 : (double) counts[k][k] / predicted;
        }

        private double recall(int k) {
            int actual = 0;
            for (int c : counts[k]) {
                actual += c;
            }
            return actual == 0 ? 0 : (double) counts[k][k] / actual;
        }

        private double f1(int k) {
            double p = precision(k);
            double r = recall(k);
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        void print() {
            TicketKind[] kinds = TicketKind.values();
            System.out.printf(Locale.ROOT, "%-12s %9s %9s %9s%n", "kind", "precision", "recall", "F1");
            List<String> absent = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                if (present(k)) {
                    System.out.printf(Locale.ROOT, "%-12s %9.4f %9.4f %9.4f%n", label(kinds[k]), precision(k), recall(k), f1(k));
                } else {
                    System.out.printf(Locale.ROOT, "%-12s %9s %9s %9s%n", label(kinds[k]), "-", "-", "-");
                    absent.add(label(kinds[k]));
                }
            }
            System.out.println("confusion (rows: true kind, columns: sorted as)");
            System.out.printf(Locale.ROOT, "%-12s %12s %12s %12s%n", "", label(kinds[0]), label(kinds[1]), label(kinds[2]));
            for (int k = 0; k < 3; k++) {
                System.out.printf(Locale.ROOT, "%-12s %12d %12d %12d%n", label(kinds[k]), counts[k][0], counts[k][1], counts[k][2]);
            }
            if (!absent.isEmpty()) {
                System.out.println("no ticket is " + String.join(" or ", absent) + " and none was sorted so: macro-F1 is the mean over the other kinds");
            }
            System.out.printf(Locale.ROOT, "macro-F1 %.4f%n", macroF1());
        }

        static String label(TicketKind kind) {
            return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
