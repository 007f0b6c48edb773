package org.ticketpipeline.classifier.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.schemas.text.Blank;

/**
 * One labelled text of an evaluation CSV, the voice it is written in, and its product. The voice is
 * from an optional {@code voice} column ({@code customer} or {@code issue-tracker}), else an issue
 * tracker's, as the public labelled data is; it decides which of the kind model's two models learns
 * from the text. The product is from an optional {@code product} column, else {@code repo} (the
 * NLBSE issue data's), else none: the kind model learns how each product's tickets read, and sorts a
 * ticket of a product it learnt with it, as the stream does with a ticket's product.
 */
public record LabelledText(String title, String body, String label, KindModel.Voice voice, String product) {

    public static final String VOICE_COLUMN = "voice";
    public static final String PRODUCT_COLUMN = "product";
    /** The product's column in files that come from issue trackers (the NLBSE data's), read when there is no product column. */
    static final String REPO_COLUMN = "repo";

    public LabelledText(String title, String body, String label) {
        this(title, body, label, KindModel.Voice.ISSUE_TRACKER, null);
    }

    public LabelledText(String title, String body, String label, KindModel.Voice voice) {
        this(title, body, label, voice, null);
    }

    public String text() {
        return (title == null ? "" : title) + "\n" + (body == null ? "" : body);
    }

    /**
     * Reads a CSV with a header (bodies may span lines), taking the named columns; a missing title column
     * reads as empty. Every text is an issue tracker's: what is scored needs no voice. With a title column
     * the labels are tickets' kinds, and one that is none is refused with its line; without (texts and
     * their groups, for the themes mode), any label is taken.
     */
    public static List<LabelledText> read(Path csv, String titleColumn, String bodyColumn, String labelColumn) throws IOException {
        return readFile(csv, titleColumn, bodyColumn, labelColumn, false);
    }

    /** The same, taking each text's voice from the {@code voice} column when there is one: for training. */
    public static List<LabelledText> readWithVoices(Path csv) throws IOException {
        return readFile(csv, "title", "body", "label", true);
    }

    private static List<LabelledText> readFile(Path csv, String titleColumn, String bodyColumn, String labelColumn, boolean withVoices)
            throws IOException {
        // past a leading byte-order mark, which spreadsheets write before "CSV UTF-8" and which would
        // otherwise become part of the first column's name
        try (Reader in = new BufferedReader(new InputStreamReader(BOMInputStream.builder().setInputStream(Files.newInputStream(csv)).get(),
                StandardCharsets.UTF_8.newDecoder()))) {
            return read(in, csv.toString(), titleColumn, bodyColumn, labelColumn, withVoices);
        } catch (CharacterCodingException e) {
            throw new Evaluate.UsageError(csv + " is not UTF-8 text (" + e + "): save it as UTF-8 CSV");
        }
    }

    /** A labelled CSV from a reader ({@code source} names it in errors). */
    static List<LabelledText> read(Reader in, String source, String titleColumn, String bodyColumn, String labelColumn, boolean withVoices)
            throws IOException {
        List<LabelledText> out = new ArrayList<>();
        CSVParser parser;
        try {
            // header names in any case; a nameless first column (a spreadsheet's or pandas' row index) is allowed
            // and spaces around a value ignored: "title, body, label" as a person types it, or ', "b, c"'
            parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
                    .setAllowMissingColumnNames(true).setIgnoreSurroundingSpaces(true).get().parse(in);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw coding;
            }
            throw new Evaluate.UsageError(source + ": its header cannot be read: " + e.getCause().getMessage());
        } catch (CharacterCodingException e) {
            throw e;
        } catch (IllegalArgumentException | IOException e) {
            // a quote left open in the header is commons-csv's CSVException, an IOException
            throw new Evaluate.UsageError(source + ": its header cannot be read: " + e.getMessage());
        }
        List<String> columns = parser.getHeaderNames();
        if (columns.isEmpty()) {
            throw new Evaluate.UsageError(source + " is empty: a labelled CSV starts with a header naming its columns ("
                    + (titleColumn == null ? "" : titleColumn + ", ") + bodyColumn + ", " + labelColumn + ")");
        }
        List<String> missing = java.util.stream.Stream.of(bodyColumn, labelColumn).filter(c -> !parser.getHeaderMap().containsKey(c)).toList();
        if (!missing.isEmpty()) {
            // the one missing named, not both: "no 'category' column" beside a header that has one sends a reader looking for a typo there
            throw new Evaluate.UsageError(source + " has no " + String.join(" nor ", missing.stream().map(c -> "'" + c + "'").toList())
                    + " column; columns: " + columns);
        }
        if (titleColumn != null && !parser.getHeaderMap().containsKey(titleColumn)) {
            System.err.println(source + " has no '" + titleColumn + "' column: every title is read as empty");
        }
        List<String> productColumns = titleColumn == null ? List.of()
                : java.util.stream.Stream.of(PRODUCT_COLUMN, REPO_COLUMN).filter(parser.getHeaderMap()::containsKey).toList();
        int unlabelled = 0;
        long firstUnlabelled = 0;
        int wordless = 0;
        long firstWordless = 0;
        try {
            for (CSVRecord r : parser) {
                // by the count of values, not isConsistent(): two nameless columns (an index and a trailing comma)
                // share one header entry, and every row would read as inconsistent
                if (r.size() == 1 && r.get(0).isEmpty() && columns.size() > 1) {
                    // a line of spaces or tabs, as an editor leaves at a file's end: skipped, as an empty line is
                    continue;
                }
                if (r.size() != columns.size()) {
                    throw new Evaluate.UsageError(source + " line " + parser.getCurrentLineNumber() + ": " + (r.size() == 1 ? "1 value" : r.size() + " values") + " where the header names "
                            + columns.size() + " columns (a missing comma, or a quote left open?)");
                }
                String label = normalLabel(r.get(labelColumn));
                if (label.isEmpty()) {
                    // a spreadsheet's trailing ",," row, or a ticket nobody labelled: nothing to score it against
                    firstUnlabelled = unlabelled++ == 0 ? parser.getCurrentLineNumber() : firstUnlabelled;
                    continue;
                }
                if (titleColumn != null) {
                    // a ticket's kind, said before any work with where it is: one odd label among thousands of rows is otherwise hard to find
                    try {
                        kindOf(label);
                    } catch (Evaluate.UsageError e) {
                        throw new Evaluate.UsageError(source + ", the row ending on line " + parser.getCurrentLineNumber() + ": " + e.getMessage());
                    }
                }
                String title = titleColumn != null && r.isMapped(titleColumn) ? r.get(titleColumn) : "";
                if (Blank.isBlank(title) && Blank.isBlank(r.get(bodyColumn))) {
                    // nothing to sort: scored, it would be whatever a ticket of no words gets, and every such row a "repeat" of the first
                    firstWordless = wordless++ == 0 ? parser.getCurrentLineNumber() : firstWordless;
                    continue;
                }
                KindModel.Voice voice = withVoices && r.isSet(VOICE_COLUMN) ? voiceOf(r.get(VOICE_COLUMN), source, r.getRecordNumber())
                        : KindModel.Voice.ISSUE_TRACKER;
                String product = productOf(r, productColumns, source);
                out.add(new LabelledText(title, r.get(bodyColumn), label, voice, product));
            }
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw coding;
            }
            throw new Evaluate.UsageError(source + " near line " + parser.getCurrentLineNumber() + ": " + e.getCause().getMessage());
        }
        if (unlabelled > 0) {
            System.err.println(source + ": left out " + unlabelled + " row(s) with an empty '" + labelColumn + "' (the first ending on line "
                    + firstUnlabelled + ")");
        }
        if (wordless > 0) {
            System.err.println(source + ": left out " + wordless + " row(s) with no words (" + (titleColumn == null ? "'" + bodyColumn + "'"
                    : "'" + titleColumn + "' and '" + bodyColumn + "'") + " empty; the first ending on line " + firstWordless + ")");
        }
        return out;
    }

    /** The longest product name, as the ingest takes it. */
    static final int MAX_PRODUCT_LENGTH = 200;

    /** The row's product: its product column's, else its repo column's (a blank cell is none); one longer than the ingest takes is refused. */
    private static String productOf(CSVRecord r, List<String> columns, String source) {
        for (String column : columns) {
            String value = r.isSet(column) ? org.ticketpipeline.classifier.text.WordFeatures.productKey(r.get(column)) : null;
            if (value != null) {
                if (r.get(column).strip().length() > MAX_PRODUCT_LENGTH) {
                    throw new Evaluate.UsageError(source + " row " + r.getRecordNumber() + ": " + column + " is " + r.get(column).strip().length()
                            + " characters, over the " + MAX_PRODUCT_LENGTH + " a ticket's product may have");
                }
                return r.get(column).replace('\u00A0', ' ').strip();
            }
        }
        return null;
    }

    /** How the voice column writes a voice: what {@link #voiceOf} reads back. */
    public static String voiceName(KindModel.Voice voice) {
        return voice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** customer / issue-tracker (any case, blank = issue tracker); anything else is refused with where it is. */
    static KindModel.Voice voiceOf(String value, String source, long row) {
        String name = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (name.isEmpty()) {
            return KindModel.Voice.ISSUE_TRACKER;
        }
        for (KindModel.Voice voice : KindModel.Voice.values()) {
            if (voiceName(voice).equals(name)) {
                return voice;
            }
        }
        throw new Evaluate.UsageError(source + " row " + row + ": voice '" + value + "' is neither customer nor issue-tracker");
    }

    /** A label with its spaces, a non-breaking one among them, cut at the ends and made single within. */
    static String normalLabel(String label) {
        return label.replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
    }

    /** bug -> BUG, feature / brief-input -> BRIEF_INPUT, question / noise -> NOISE. */
    public static String kindOf(String label) {
        return switch (label.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "bug" -> "BUG";
            case "feature", "brief-input", "brief input", "enhancement" -> "BRIEF_INPUT";
            case "question", "noise" -> "NOISE";
            default -> throw new Evaluate.UsageError("label '" + label + "' is none of bug / feature / question / brief-input / noise");
        };
    }
}
