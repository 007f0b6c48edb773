package org.ticketpipeline.classifier.sorting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketKind;

/**
 * The sorter: the kind model decides bug / brief input / noise from the ticket's words; a bug must
 * trace to a chain level ({@link ChainLevel}) or it falls back to the model's second choice; the
 * team's taxonomy gives the theme (tickets it does not explain get an emerging theme downstream).
 * Every decision lists its reasons.
 */
public final class ModelSorter implements Sorter {

    private final KindModel model;
    private final Supplier<Taxonomy> taxonomy;

    public ModelSorter(KindModel model, Supplier<Taxonomy> taxonomy) {
        this.model = model;
        this.taxonomy = taxonomy;
    }

    @Override
    public Sorting sort(TicketEvent ticket) {
        return sort((ticket.getSubject() == null ? "" : ticket.getSubject()) + "\n" + (ticket.getBody() == null ? "" : ticket.getBody()),
                ticket.getProduct());
    }

    @Override
    public Optional<String> themeNamed(String name) {
        return taxonomy.get().named(name);
    }

    /** Sorts a ticket's text (subject and body) of no product: its words alone. */
    public Sorting sort(String text) {
        return sort(text, null);
    }

    /** Sorts a ticket's text (subject and body) and product: one whose tickets the model learnt is read with what it learnt of them. */
    public Sorting sort(String text, String product) {
        List<String> reasons = new ArrayList<>();
        Optional<Taxonomy.Match> theme = taxonomy.get().match(text.toLowerCase(Locale.ROOT));
        theme.ifPresent(m -> reasons.add("taxonomy theme '" + m.theme().name() + "' (phrase '" + m.phrase() + "')"));

        KindModel.Prediction prediction = model.predict(text, product);
        if (prediction.knownTerms() == 0) {
            // nothing the model has weights for (emoji, another script, a string of digits): its answer would be the
            // intercepts and the mean of pieces such as [UNK], which say nothing of this ticket; L1 reads it
            reasons.add("model: no word or pair of it is one the model has weights for, so noise");
            return new Sorting(TicketKind.NOISE, prediction.probability(TicketKind.NOISE), null,
                    theme.map(m -> m.theme().name()).orElse(null), theme.isPresent() ? "taxonomy" : "none",
                    List.copyOf(reasons), tierFor(TicketKind.NOISE, null));
        }
        TicketKind kind = prediction.kind();
        reasons.add(String.format(Locale.ROOT, "model: %s %.2f%s, read %s%s", label(kind), prediction.probability(kind),
                prediction.evidence().isEmpty() ? "" : " (words: " + words(prediction) + ")", voice(prediction),
                prediction.learntProduct() == null ? "" : ", with what it learnt of " + prediction.learntProduct() + "'s tickets"));
        double confidence = prediction.probability(kind);
        Optional<String> signal = strongBugSignal(text);
        if (kind != TicketKind.BUG && signal.isPresent() && prediction.probability(TicketKind.BUG) >= SIGNAL_OVERRIDE) {
            // "error", "crash", "not working": a bug in either voice, though the words around it lean elsewhere
            kind = TicketKind.BUG;
            confidence = prediction.probability(TicketKind.BUG);
            reasons.add(String.format(Locale.ROOT, "bug signal '%s' outweighs the model (bug %.2f)", signal.get(), confidence));
        }
        String level = null;
        if (kind == TicketKind.BUG) {
            Optional<ChainLevel.Trace> trace = ChainLevel.of(text, theme);
            if (trace.isPresent()) {
                level = trace.get().level();
                reasons.add("traces to " + level + ": " + trace.get().evidence());
            } else if (prediction.probability(TicketKind.BUG) >= sureBug(prediction)) {
                // a customer names what went wrong in words no list holds ("the bell icon shows 3 but the
                // inbox is empty"); when the model is this sure, the product misbehaved
                level = "build";
                double bug = prediction.probability(TicketKind.BUG);
                reasons.add(String.format(Locale.ROOT, "traces to build: the model is %s of a bug (%.2f)%s",
                        bug >= SURE_BUG ? "sure" : "fairly sure", bug,
                        prediction.evidence().isEmpty() ? "" : " from the words " + words(prediction)));
            } else {
                kind = prediction.second();
                confidence = prediction.probability(kind);
                reasons.add("traces to no chain level, so not a bug: " + label(kind));
            }
        }
        return new Sorting(kind, confidence, level, theme.map(m -> m.theme().name()).orElse(null),
                theme.isPresent() ? "taxonomy" : "none", List.copyOf(reasons), tierFor(kind, level));
    }

    /**
     * The bug probability from which a plain bug signal in the words makes it a bug. The kind model's
     * probabilities are three "this kind or another" answers scaled to sum to one, flatter than a
     * softmax. Measured again with the two voices, the 498-message customer seed and SURE_BUG 0.8
     * (macro-F1, mean of four 5-fold shuffles of the issue data / the customer dev set): no override
     * 0.7894 / 0.9001, 0.25 0.7884 / 0.9036, 0.35 0.7935 / 0.9068, 0.45 0.7921 / 0.9068
     * (BENCHMARKS.md, "customer voice").
     */
    static final double SIGNAL_OVERRIDE = 0.35;
    /**
     * The bug probability from which the model's word is enough to trace a bug to the build, for a
     * ticket read as an issue tracker's (a customer's: {@link #SURE_CUSTOMER_BUG}): a holdout
     * of customer messages showed the phrase lists missing bugs the model was sure of (0.76 without,
     * 0.82 with it at 0.8). Macro-F1 at 0.6 / 0.7 / 0.8 / 0.9 (with the first, 498-message customer seed), mean
     * of four 5-fold shuffles of the issue data: 0.7951 / 0.7959 / 0.7935 / 0.7938; customer dev set
     * 0.8941 / 0.9038 / 0.9068 / 0.9099; that holdout 0.8168 / 0.8252 / 0.8174 / 0.8182
     * (BENCHMARKS.md, "customer voice").
     */
    static final double SURE_BUG = 0.7;
    /**
     * The same for a ticket read in a customer's words, whose faults the phrase lists know least ("the
     * timer runs 2 minutes slow", "half my photos are grey squares"): a bug the model holds likelier than
     * not. With 1,570 customer messages in training, macro-F1 at 0.7 / 0.6 / 0.5 / 0.4: customer dev set
     * 0.9234 / 0.9267 / 0.9233 / 0.9233, first holdout 0.8749 / 0.8707 / 0.8830 / 0.8830; the issue data
     * (four 5-fold shuffles) the same at every value, as its tickets are read as an issue tracker's
     * (BENCHMARKS.md, "app reviews").
     */
    static final double SURE_CUSTOMER_BUG = 0.5;

    /** The bug probability from which the model's word is enough, in the voice the ticket is read in. */
    static double sureBug(KindModel.Prediction prediction) {
        return prediction.readAsCustomer() ? SURE_CUSTOMER_BUG : SURE_BUG;
    }
    private static final java.util.regex.Pattern STRONG_BUG = java.util.regex.Pattern.compile(
            "(?i)\\b(error|errors|crash(es|ed|ing)?|exception|fails|failed|failing|broken|doesn'?t work|does not work|not working|"
                    + "stopped working|no longer works|times out|timed out)\\b");

    private static Optional<String> strongBugSignal(String text) {
        java.util.regex.Matcher m = STRONG_BUG.matcher(text);
        return m.find() ? Optional.of(m.group().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static String words(KindModel.Prediction prediction) {
        return String.join(", ", prediction.evidence());
    }

    /** Which voice the model read the ticket in, and how surely: the reader sees why "pls add dark mode" is not an issue-tracker ticket. */
    private static String voice(KindModel.Prediction prediction) {
        double customer = prediction.customerVoice();
        return prediction.readAsCustomer() ? String.format(Locale.ROOT, "as a customer's words (%.2f)", customer)
                : String.format(Locale.ROOT, "as an issue tracker's (%.2f)", 1 - customer);
    }

    /** The tier a kind and level belong at: brief input to the product owner, noise to L1, a bug of the build or a system to L3, else L2. */
    public static String tierFor(TicketKind kind, String level) {
        if (kind == TicketKind.BRIEF_INPUT) {
            return "PRODUCT_OWNER";
        }
        if (kind == TicketKind.NOISE) {
            return "L1";
        }
        return level != null && (level.startsWith("system:") || level.equals("build")) ? "L3" : "L2";
    }

    private static String label(TicketKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
