package org.ticketpipeline.classifier.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.schemas.TicketKind;

/** The evaluation command on a small labelled CSV the test writes (the project's tests never read ../shared/data). */
class EvaluateTest {

    @TempDir
    Path dir;

    private Path labelled() throws Exception {
        StringBuilder csv = new StringBuilder("title,body,label\n");
        for (String s : List.of("export", "login", "invoice", "search", "upload", "report", "profile", "billing")) {
            csv.append("The ").append(s).append(" crashes,\"It crashes with an exception, every time I open ").append(s).append(".\",bug\n");
            csv.append("Please add ").append(s).append(" to the mobile app,\"It would be great to have ").append(s).append(" on mobile.\",feature\n");
            csv.append("How do I use ").append(s).append("?,\"Where can I find ").append(s).append(" in the menu?\",question\n");
        }
        Path file = dir.resolve("labelled.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static String printed(ThrowingRun run) throws Exception {
        PrintStream was = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(was);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What a run printed to stdout and to stderr. */
    private record Printed(String out, String err) {
    }

    private static Printed printedBoth(ThrowingRun run) throws Exception {
        PrintStream was = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Printed(printed(run), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(was);
        }
    }

    interface ThrowingRun {
        void run() throws Exception;
    }

    @Test
    void shouldCrossValidateAndEndWithTheMacroF1Line() throws Exception {
        Path csv = labelled();
        String out = printed(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--folds", "3", "--seed", "1"}));

        assertThat(out).contains("3-fold cross-validation on 24 tickets").contains("confusion (rows: true kind, columns: sorted as)")
                .containsPattern("kind model alone, before the bug-signal override and the chain-level rule: macro average F1 [01]\\.\\d{4}\n");
        assertThat(out.lines().filter(l -> l.contains("macro-F1"))).as("one line a grader's grep finds").hasSize(1);
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("macro-F1 ");
        assertThat(Double.parseDouble(last.substring("macro-F1 ".length()))).as("three kinds nobody would mix up").isGreaterThan(0.8);
    }

    @Test
    void shouldTrainAModelTheSorterCanLoad() throws Exception {
        Path csv = labelled();
        Path model = dir.resolve("model.bin.gz");
        String out = printed(() -> Evaluate.run(new String[] {"train", csv.toString(), "--out", model.toString()}));

        assertThat(out).contains("trained on 24 tickets of labelled.csv (voice column: 24 an issue tracker's, 0 a customer's; product column: none) and 1570 customer messages written for this project");
        try (var in = Files.newInputStream(model)) {
            assertThat(KindModel.read(in).predict("The export crashes\nIt crashes with an exception.").kind()).isEqualTo(TicketKind.BUG);
        }
    }

    @Test
    void shouldTrainOnSeveralFilesAndScoreTheModelItWrote() throws Exception {
        Path csv = labelled();
        Path corrections = dir.resolve("corrections.csv");
        Files.writeString(corrections, "title,body,label\nHow do I use export?,\"Where can I find export in the menu?\",brief-input\n");
        Path model = dir.resolve("team.bin.gz");

        String trained = printed(() -> Evaluate.run(new String[] {"train", csv.toString(), corrections.toString(), "--out", model.toString()}));
        String scored = printed(() -> Evaluate.run(new String[] {"sort", corrections.toString(), "--kind-model", model.toString()}));

        assertThat(trained).contains("trained on 25 tickets of labelled.csv + corrections.csv");
        assertThat(scored).contains("sorter with the kind model team.bin.gz on 1 tickets of corrections.csv");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", csv.toString(), "--kind-model", dir.resolve("none.bin.gz").toString()}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessageContaining("none.bin.gz: no such file");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--kind-model", model.toString()}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessage("cv takes no --kind-model (it takes --folds, --seed, --taxonomy)");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", csv.toString(), corrections.toString()}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessage("themes reads one file, got 2");
    }

    @Test
    void shouldLearnEachProductOfARepoOrProductColumnAndSortItsTicketsWithIt() throws Exception {
        // "the sidebar glows" is a bug in lighthouse's tickets and a request in harbour's: only the product tells them apart
        StringBuilder csv = new StringBuilder(Files.readString(labelled()).replaceFirst("title,body,label\n", "repo,title,body,label\n")
                .replaceAll("(?m)^(?=\\S)(?!repo,)", ","));
        for (String s : List.of("export", "login", "invoice", "search", "upload", "report", "profile", "billing")) {
            csv.append("acme/lighthouse,The sidebar glows on ").append(s).append(",\"The sidebar glows when I open ").append(s).append(".\",bug\n");
            csv.append("acme/harbour,The sidebar glows on ").append(s).append(",\"The sidebar glows when I open ").append(s).append(".\",feature\n");
        }
        Path file = dir.resolve("repos.csv");
        Files.writeString(file, csv);
        Path model = dir.resolve("repos.bin.gz");
        Path held = dir.resolve("held.csv");
        Files.writeString(held, "title,body,label,Product\nThe sidebar glows on maps,The sidebar glows when I open maps.,bug,Acme/Lighthouse\n"
                + "The sidebar glows on maps,The sidebar glows when I open maps.,feature, acme/harbour\nHow do I use maps?,Where can I find maps?,question,\n");

        String trained = printed(() -> Evaluate.run(new String[] {"train", file.toString(), "--out", model.toString()}));
        String scored = printed(() -> Evaluate.run(new String[] {"sort", held.toString(), "--kind-model", model.toString()}));

        assertThat(trained).contains("(voice column: 40 an issue tracker's, 0 a customer's; product column: 16 rows of 2 products, acme/harbour, acme/lighthouse)");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"train", file.toString(), "--out", dir.toString()}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessage("--out " + dir + " is a directory: name the model file to write");
        assertThat(scored).contains("read with what the model learnt of their product: 2 of 3 tickets (2 name one)").endsWith("macro-F1 1.0000\n");
        assertThat(printed(() -> Evaluate.run(new String[] {"sort", labelled().toString(), "--kind-model", model.toString()})))
                .contains("read with what the model learnt of their product: 0 of 24 tickets (the file names no product: add a product column)");
    }

    @Test
    void shouldReadTheProductColumnElseTheRepoColumnRowByRowAndRefuseAProductTheIngestWouldNotTake() throws Exception {
        List<LabelledText> rows = LabelledText.read(new java.io.StringReader("title,body,label,repo,Product\n"
                + "A,b,bug,acme/lighthouse,Ledger\nC,d,bug,acme/harbour,\nE,f,bug,,\u00A0\n"), "t.csv", "title", "body", "label", false);

        assertThat(rows).extracting(LabelledText::product).containsExactly("Ledger", "acme/harbour", null);
        String overlong = "x".repeat(201);
        assertThatThrownBy(() -> LabelledText.read(new java.io.StringReader("title,body,label,product\nA,b,bug,x\nC,d,bug," + overlong + "\n"),
                "t.csv", "title", "body", "label", false)).isInstanceOf(Evaluate.UsageError.class)
                .hasMessage("t.csv row 2: product is 201 characters, over the 200 a ticket's product may have");
    }

    @Test
    void shouldTrainTheCustomersModelOnRowsWhoseVoiceColumnSaysCustomer() throws Exception {
        // "zorblax" is only in the customer's rows, which call it a bug: the customer's model learns it
        StringBuilder csv = new StringBuilder("title,body,label,voice\n");
        for (String s : List.of("export", "login", "invoice", "search", "upload", "report", "profile", "billing")) {
            csv.append("The ").append(s).append(" crashes,\"It crashes with an exception, every time I open ").append(s).append(".\",bug,issue-tracker\n");
            csv.append("Please add ").append(s).append(",\"It would be great to have ").append(s).append(" on mobile.\",feature,Issue_Tracker\n");
            csv.append("How do I use ").append(s).append("?,\"Where can I find ").append(s).append(" in the menu?\",question,\n");
        }
        for (int i = 0; i < 30; i++) {
            csv.append(",\"zorblax refund zorblax, zorblax ").append(i).append("\",bug,").append(i % 2 == 0 ? "customer" : " Customer ").append('\n');
        }
        Path file = dir.resolve("voiced.csv");
        Files.writeString(file, csv);
        Path model = dir.resolve("voiced.bin.gz");

        String trained = printed(() -> Evaluate.run(new String[] {"train", file.toString(), "--out", model.toString()}));

        assertThat(trained).contains("trained on 54 tickets of voiced.csv (voice column: 24 an issue tracker's, 30 a customer's; product column: none) and 1570 customer messages");
        try (var in = Files.newInputStream(model)) {
            KindModel.Prediction zorblax = KindModel.read(in).predict("zorblax refund zorblax");
            assertThat(zorblax.customerVoice()).isGreaterThan(0.5);
            assertThat(zorblax.kind()).isEqualTo(TicketKind.BUG);
        }
    }

    @Test
    void shouldRefuseAVoiceItDoesNotKnowWhenTrainingButNotWhenScoring() throws Exception {
        Path badVoice = dir.resolve("bad-voice.csv");
        Files.writeString(badVoice, "title,body,label,voice\nThe export crashes,It crashes with an exception,bug,customer\n"
                + "Please add export,It would be great to have export,feature,developer\n");

        assertThatThrownBy(() -> Evaluate.run(new String[] {"train", badVoice.toString(), "--out", dir.resolve("m.bin.gz").toString()}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessageContaining("bad-voice.csv row 2: voice 'developer' is neither customer nor issue-tracker");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", badVoice.toString()})).hasMessageContaining("row 2: voice 'developer'");
        assertThat(printed(() -> Evaluate.run(new String[] {"sort", badVoice.toString()})))
                .as("scoring takes no voice from the file: a column of that name meaning something else is no error")
                .contains("sorter as shipped on 2 tickets of bad-voice.csv");
    }

    @Test
    void shouldSayWhatIsWrongWithTheArguments() throws Exception {
        Path csv = labelled();
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--folds", "x"}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessage("--folds must be a whole number, got 'x'");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--folds", "2.5"})).hasMessage("--folds must be a whole number, got '2.5'");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--folds", "1"})).hasMessage("--folds must be 2 or more, got 1");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "folds"})).as("words before the options are files")
                .hasMessage("no such file: folds");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--folds", "3", "stray"})).hasMessage("no such file: stray");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--seed", "1", "--seed", "2"})).hasMessage("option --seed is given twice");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", "--folds", "--seed", "2", csv.toString()})).hasMessage("option --folds has no value");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--seed"})).hasMessage("option --seed has no value");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", dir.resolve("none.csv").toString()})).hasMessageStartingWith("no such file");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"guess", csv.toString()})).hasMessage("unknown mode guess");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"export-corrections", dir.resolve("out.csv").toString()}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessage("export-corrections needs --bootstrap and --registry");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", csv.toString(), "--text", "text", "--label", "label"}))
                .as("only the column missing is named").isInstanceOf(Evaluate.UsageError.class).hasMessageContaining("has no 'text' column; columns: [title, body, label]");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", csv.toString(), "--text", "text", "--label", "category"}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessageContaining("has no 'text' nor 'category' column");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", csv.toString(), "--text", "body", "--label", "category"}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessageContaining("has no 'category' column; columns: [title, body, label]");
        Path oddLabel = dir.resolve("odd.csv");
        Files.writeString(oddLabel, "title,body,label\nA,b,bug\n,,\nC,\"two\nlines\",wish\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", oddLabel.toString()})).as("the file's line, not a count of rows kept")
                .isInstanceOf(Evaluate.UsageError.class).hasMessageContaining("odd.csv, the row ending on line 5: label 'wish' is none of");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"export-corrections", "--bootstrap", "b:9092", "--registry", "http://r"}))
                .as("not a file named --bootstrap").isInstanceOf(Evaluate.UsageError.class).hasMessageStartingWith("export-corrections writes one file");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", csv.toString(), "--text", "body", "--model", "bge"}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessage("--model 'bge' is none of minilm / bge-small");
    }

    @Test
    void shouldTakeTheOptionsBeforeTheFileAsWellAsAfter() throws Exception {
        Path csv = labelled();
        String after = printed(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--folds", "3", "--seed", "1"}));
        String before = printed(() -> Evaluate.run(new String[] {"cv", "--folds", "3", "--seed", "1", csv.toString()}));

        assertThat(before).contains("3-fold cross-validation on 24 tickets").isEqualTo(after);
    }

    @Test
    void shouldLeaveOutRowsWithNoLabelAndScoreTheRest() throws Exception {
        Path csv = dir.resolve("trailing.csv");
        Files.writeString(csv, Files.readString(labelled()) + "Unlabelled one,\"It crashes\",\n,,\n");
        Printed printed = printedBoth(() -> Evaluate.run(new String[] {"sort", csv.toString()}));

        assertThat(printed.out()).contains("on 24 tickets of trailing.csv");
        assertThat(printed.out().strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("macro-F1 ");
        assertThat(printed.err()).contains("trailing.csv: left out 2 row(s) with an empty 'label' (the first ending on line 26)");
    }

    @Test
    void shouldReadValuesWithSpacesAroundThemAndLabelsWithOddSpaces() throws Exception {
        Path typed = dir.resolve("typed.csv");
        Files.writeString(typed, "title, body, label\nThe export crashes, \"It fails, every time\", bug\nAdd dark mode,Please,brief\u00A0 input\n");

        assertThat(LabelledText.read(typed, "title", "body", "label")).containsExactly(
                new LabelledText("The export crashes", "It fails, every time", "bug"),
                new LabelledText("Add dark mode", "Please", "brief input"));
        assertThat(LabelledText.kindOf("brief input")).isEqualTo("BRIEF_INPUT");
    }

    @Test
    void shouldDealEachKindEvenlyAcrossTheFolds() {
        List<String> kinds = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            kinds.add(i < 700 ? "BUG" : i < 1203 ? "BRIEF_INPUT" : "NOISE");
        }
        int[] foldOf = Evaluate.stratifiedFolds(kinds, 5, 7);

        for (String kind : List.of("BUG", "BRIEF_INPUT", "NOISE")) {
            int[] perFold = new int[5];
            for (int row = 0; row < kinds.size(); row++) {
                if (kinds.get(row).equals(kind)) {
                    perFold[foldOf[row]]++;
                }
            }
            assertThat(java.util.Arrays.stream(perFold).max().orElseThrow() - java.util.Arrays.stream(perFold).min().orElseThrow())
                    .as(kind + " per fold " + java.util.Arrays.toString(perFold)).isLessThanOrEqualTo(1);
        }
        int[] sizes = new int[5];
        for (int fold : foldOf) {
            sizes[fold]++;
        }
        assertThat(sizes).containsOnly(300);
        assertThat(Evaluate.stratifiedFolds(kinds, 5, 8)).as("another seed, other folds").isNotEqualTo(foldOf);
    }

    @Test
    void shouldKeepARowThatRepeatsAnotherInItsFoldSoNoTicketIsScoredByAModelThatLearntIt() {
        List<LabelledText> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(new LabelledText("Ticket " + i, "words " + i, i % 3 == 0 ? "bug" : i % 3 == 1 ? "feature" : "question"));
        }
        // a second export of the same corrections, one of them with other spacing and case
        rows.add(new LabelledText("Ticket 4", "words 4", "feature"));
        rows.add(new LabelledText("TICKET  7", " words 7 ", "feature"));
        int[] foldOf = Evaluate.foldsKeepingRepeatsTogether(rows, Evaluate.firstRowWithItsWords(rows), 5, 1);

        assertThat(foldOf[30]).isEqualTo(foldOf[4]);
        assertThat(foldOf[31]).isEqualTo(foldOf[7]);
        assertThat(java.util.Arrays.copyOf(foldOf, 30)).as("without repeats, the folds it always got")
                .containsExactly(Evaluate.stratifiedFolds(rows.subList(0, 30).stream().map(t -> LabelledText.kindOf(t.label())).toList(), 5, 1));
    }

    @Test
    void shouldDealTheDistinctTicketsOfEachKindEvenlyWhenAFileRepeatsRows() {
        // the issue data and two exports of the same corrections, all of them bugs
        List<LabelledText> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(new LabelledText("Ticket " + i, "words " + i, i % 3 == 0 ? "bug" : i % 3 == 1 ? "feature" : "question"));
        }
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < 20; i++) {
                rows.add(new LabelledText("Correction " + i, "words of correction " + i, "bug"));
            }
        }
        for (long seed = 1; seed <= 20; seed++) {
            int[] first = Evaluate.firstRowWithItsWords(rows);
            int[] foldOf = Evaluate.foldsKeepingRepeatsTogether(rows, first, 5, seed);
            for (String kind : List.of("bug", "feature", "question")) {
                int[] distinctPerFold = new int[5];
                for (int row = 0; row < rows.size(); row++) {
                    if (first[row] == row && rows.get(row).label().equals(kind)) {
                        distinctPerFold[foldOf[row]]++;
                    }
                }
                assertThat(java.util.Arrays.stream(distinctPerFold).max().orElseThrow() - java.util.Arrays.stream(distinctPerFold).min().orElseThrow())
                        .as("seed " + seed + ", " + kind + " per fold " + java.util.Arrays.toString(distinctPerFold)).isLessThanOrEqualTo(1);
            }
            for (int row = 80; row < 100; row++) {
                assertThat(foldOf[row]).isEqualTo(foldOf[row - 20]);
            }
        }
    }

    /** A team's taxonomy names back-stage systems that trace bugs, and so decides kinds too: scored as the team runs it. */
    @Test
    void shouldSortWithTheTeamsTaxonomyWhenGivenAndRefuseOneThatCannotBeRead() throws Exception {
        // a bug the shipped model is not sure of, in words no chain level's list holds (ModelSorterTest)
        Path csv = dir.resolve("build.csv");
        Files.writeString(csv, "title,body,label\n,Build output directory on Windows,bug\n");
        Path taxonomy = dir.resolve("team.yml");
        Files.writeString(taxonomy, "themes:\n  - name: build output\n    phrases: [output directory]\n    system: build pipeline\n");

        String shipped = printed(() -> Evaluate.run(new String[] {"sort", csv.toString()}));
        String team = printed(() -> Evaluate.run(new String[] {"sort", csv.toString(), "--taxonomy", taxonomy.toString()}));

        assertThat(shipped).as("traces to no level: not a bug").endsWith("macro-F1 0.0000\n");
        assertThat(team).as("traces to the team's back-stage system").endsWith("macro-F1 1.0000\n");
        Files.writeString(taxonomy, "themes:\n  - name: build output\n    phrase: [output directory]\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--taxonomy", taxonomy.toString()}))
                .isInstanceOf(Evaluate.UsageError.class).hasMessageContaining("team.yml").hasMessageContaining("phrase");
    }

    @Test
    void shouldAverageTheF1OfTheKindsThatArePresentOnly() {
        Evaluate.Confusion allBugs = new Evaluate.Confusion();
        allBugs.add(TicketKind.BUG, TicketKind.BUG);
        allBugs.add(TicketKind.BUG, TicketKind.BUG);
        assertThat(allBugs.macroF1()).as("a file of bugs sorted perfectly").isEqualTo(1.0);

        allBugs.add(TicketKind.BUG, TicketKind.NOISE);
        // bug: precision 1, recall 2/3, F1 0.8; noise: answered once, never true, F1 0; brief input: absent
        assertThat(allBugs.macroF1()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));

        Evaluate.Confusion none = new Evaluate.Confusion();
        assertThat(none.macroF1()).isZero();
    }

    @Test
    void shouldReadASpreadsheetsCsvWithAByteOrderMarkAnIndexColumnAndHeadersInAnyCase() throws Exception {
        Path bom = dir.resolve("excel.csv");
        Files.write(bom, ("\uFEFFTitle,Body,Label\r\nThe export crashes,It fails every time,bug\r\n").getBytes(StandardCharsets.UTF_8));
        Path pandas = dir.resolve("pandas.csv");
        Files.writeString(pandas, ",title,body,label\n0,The export crashes,It fails every time,bug\n");

        Path twoNameless = dir.resolve("two-nameless.csv");
        Files.writeString(twoNameless, ",title,body,label,\n0,The export crashes,It fails every time,bug,\n");
        Path blankLines = dir.resolve("blank-lines.csv");
        Files.writeString(blankLines, "title,body,label\n   \nThe export crashes,It fails every time,bug\n\t \n");
        for (Path file : List.of(bom, pandas, twoNameless, blankLines)) {
            assertThat(LabelledText.read(file, "title", "body", "label")).as(file.getFileName().toString())
                    .containsExactly(new LabelledText("The export crashes", "It fails every time", "bug"));
        }
    }

    @Test
    void shouldSayWhereAFileCannotBeRead() throws Exception {
        Path shortRow = dir.resolve("short.csv");
        Files.writeString(shortRow, "title,body,label\nA,b,bug\n\"Export fails\",bug\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", shortRow.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessageContaining("short.csv line 3: 2 values where the header names 3 columns");
        Path oneValue = dir.resolve("one-value.csv");
        Files.writeString(oneValue, "title,body,label\nA,b,bug\n  Export fails\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", oneValue.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .as("a line of one value is skipped only when the value is blank").hasMessageContaining("one-value.csv line 3: 1 value where the header names 3 columns");

        Path openQuote = dir.resolve("quote.csv");
        Files.writeString(openQuote, "title,body,label\nA,\"b,bug\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", openQuote.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessageContaining("quote.csv near line");

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "title,body,label\nCaf\u00e9 crashes,It fails,bug\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", latin1.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessageContaining("latin1.csv is not UTF-8 text");

        Path headerOnly = dir.resolve("empty.csv");
        Files.writeString(headerOnly, "title,body,label\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", headerOnly.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessage("empty.csv hold(s) no labelled rows, only a header");

        Path nothing = dir.resolve("nothing.csv");
        Files.writeString(nothing, "");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", nothing.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessageEndingWith("nothing.csv is empty: a labelled CSV starts with a header naming its columns (title, body, label)");

        Path three = dir.resolve("three.csv");
        Files.writeString(three, "title,body,label\nA,b,bug\nC,d,feature\nE,f,question\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"cv", three.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessage("5-fold cross-validation needs at least 5 labelled rows, three.csv hold 3");
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "text,label\nMy card was declined,card_declined\n");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", one.toString()})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessageContaining("holds 1 text(s)");
        assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", one.toString(), "--threshold", "65"})).isInstanceOf(Evaluate.UsageError.class)
                .hasMessage("--threshold must be a cosine similarity between 0 and 1 (exclusive), got 65");
        for (String tokens : List.of("0", "-1", "513")) {
            assertThatThrownBy(() -> Evaluate.run(new String[] {"themes", one.toString(), "--max-tokens", tokens})).isInstanceOf(Evaluate.UsageError.class)
                    .hasMessage("--max-tokens must be between 1 and 512 (the encoders' longest input), got " + tokens);
        }

        for (String header : List.of("title,body,\"label\nA,b,bug\n", "\"title\"x,body,label\nA,b,bug\n")) {
            Path badHeader = dir.resolve("header.csv");
            Files.writeString(badHeader, header);
            assertThatThrownBy(() -> Evaluate.run(new String[] {"sort", badHeader.toString()})).as(header).isInstanceOf(Evaluate.UsageError.class)
                    .hasMessageStartingWith(badHeader + ": its header cannot be read: ");
        }
        Path unreadable = dir.resolve("unreadable.csv");
        assertThat(Evaluate.ioProblem(new java.nio.file.AccessDeniedException(unreadable.toString())))
                .isEqualTo("cannot use " + unreadable + ": permission denied");
        assertThat(Evaluate.ioProblem(new java.nio.file.NoSuchFileException("out/model.bin.gz"))).isEqualTo("cannot use out/model.bin.gz: no such file or directory");
    }

    @Test
    void shouldLeaveOutRowsWithNoWordsAndNameTheIssueDatasLabelsByTheKindsTheyAreReadAs() throws Exception {
        Path csv = dir.resolve("wordless.csv");
        Files.writeString(csv, Files.readString(labelled()) + ",,bug\n , ,question\n\u00a0,\u200b,feature\n");
        Printed printed = printedBoth(() -> Evaluate.run(new String[] {"cv", csv.toString(), "--folds", "3"}));

        assertThat(printed.out()).contains("on 24 tickets of wordless.csv")
                .contains("the file's labels read as the pipeline's kinds: feature as brief-input, question as noise");
        assertThat(printed.err()).as("not scored, and not taken for the same ticket in two files")
                .contains("wordless.csv: left out 3 row(s) with no words ('title' and 'body' empty; the first ending on line 26)")
                .doesNotContain("repeat");
        Path kinds = dir.resolve("kinds.csv");
        Files.writeString(kinds, "title,body,label\nA crash,It crashes,bug\nAdd it,Please add it,brief-input\nWhere,Where is it,noise\n");
        assertThat(printed(() -> Evaluate.run(new String[] {"sort", kinds.toString()}))).doesNotContain("the file's labels read as");
    }

    @Test
    void shouldTrainTheShippedModelOfTheRepositoryItRunsFrom() {
        String was = System.getProperty("pipeline.root");
        System.setProperty("pipeline.root", dir.toString());
        try {
            assertThat(Evaluate.shippedModel()).isEqualTo(dir.resolve("classifier-streams/src/main/resources/sorter/kind-model.bin.gz"));
        } finally {
            if (was == null) {
                System.clearProperty("pipeline.root");
            } else {
                System.setProperty("pipeline.root", was);
            }
        }
    }
}
