package org.ticketpipeline.classifier.sorting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.classifier.text.WordPieceVectors;
import org.ticketpipeline.schemas.TicketKind;

/** The kind model trained on a handful of tickets: what it learns, what it names, and its file. */
class KindModelTest {

    private static final List<KindModel.Example> EXAMPLES = examples();

    private static List<KindModel.Example> examples() {
        List<KindModel.Example> out = new ArrayList<>();
        String[] subjects = {"export", "login", "invoice", "search", "upload"};
        for (String s : subjects) {
            out.add(new KindModel.Example("The " + s + " crashes\nThe app crashes with an exception when I use " + s + ".", TicketKind.BUG));
            out.add(new KindModel.Example(s + " fails with an error\nIt failed again, the error is shown every time.", TicketKind.BUG));
            out.add(new KindModel.Example("Please add " + s + " to the mobile app\nIt would be great to have " + s + " on mobile too.", TicketKind.BRIEF_INPUT));
            out.add(new KindModel.Example("Feature request: " + s + " in bulk\nWe would like to do " + s + " for many files at once.", TicketKind.BRIEF_INPUT));
            out.add(new KindModel.Example("How do I use " + s + "?\nWhere can I find " + s + " in the menu?", TicketKind.NOISE));
            out.add(new KindModel.Example("Question about " + s + "\nHow does " + s + " work? Thanks for the help.", TicketKind.NOISE));
        }
        return out;
    }

    private final KindModel model = KindModel.train(EXAMPLES, 1 << 12, 16, 1);

    @Test
    void shouldTellTheThreeKindsApartOnTicketsItHasNotSeen() {
        assertThat(model.predict("The report crashes\nIt crashes with an exception.").kind()).isEqualTo(TicketKind.BUG);
        assertThat(model.predict("Please add reports\nIt would be great to have reports.").kind()).isEqualTo(TicketKind.BRIEF_INPUT);
        assertThat(model.predict("How do I print a report?\nWhere can I find it?").kind()).isEqualTo(TicketKind.NOISE);
    }

    @Test
    void shouldGiveProbabilitiesThatSumToOneWithTheChosenKindMostLikely() {
        KindModel.Prediction p = model.predict("The report crashes\nIt crashes with an exception.");

        assertThat(Arrays.stream(p.probabilities()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.probability(TicketKind.BUG)).isGreaterThan(p.probability(TicketKind.BRIEF_INPUT)).isGreaterThan(0.5);
        assertThat(p.second()).isNotEqualTo(TicketKind.BUG);
        assertThat(p.knownTerms()).isPositive();
    }

    @Test
    void shouldNameTheWordsAsTheTicketWroteThemAndNoFunctionWordAlone() {
        List<String> evidence = model.predict("The report crashes\nIt crashes with an exception.").evidence();

        assertThat(evidence).as("the text's word, not the stem 'crash'").contains("crashes");
        assertThat(evidence).hasSizeLessThanOrEqualTo(4).doesNotContain("the", "it", "with", "an", "crash");
        assertThat(model.predict("Please add reports\nIt would be great to have reports.").evidence())
                .as("no pair of function words either").doesNotContain("it would", "to have");
    }

    @Test
    void shouldScoreTheSameAfterAWriteAndARead() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        model.write(file);
        KindModel read = KindModel.read(new ByteArrayInputStream(file.toByteArray()));

        for (KindModel.Example e : EXAMPLES) {
            assertThat(read.predict(e.text()).probabilities()).containsExactly(model.predict(e.text()).probabilities());
        }
    }

    @Test
    void shouldRefuseAModelFileOfAnotherFormatSayingWhatToDo() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(new GZIPOutputStream(file))) {
            out.writeInt(0x4B494E44); // the plain regression's format
            out.writeInt(16);
        }
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(file.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("./evaluate train");
    }

    @Test
    void shouldLearnAnInterceptSoATextWithNoKnownWordLeansToTheKindMostExamplesHad() {
        List<KindModel.Example> mostlyNoise = new ArrayList<>(EXAMPLES.stream().filter(e -> e.kind() == TicketKind.NOISE).toList());
        mostlyNoise.addAll(mostlyNoise);
        mostlyNoise.addAll(EXAMPLES.stream().filter(e -> e.kind() != TicketKind.NOISE).limit(4).toList());
        KindModel.Prediction blank = KindModel.train(mostlyNoise, 1 << 12, 16, 1).predict("");

        assertThat(blank.knownTerms()).isZero();
        assertThat(blank.kind()).as("%s", Arrays.toString(blank.probabilities())).isEqualTo(TicketKind.NOISE);
        assertThat(blank.probability(TicketKind.NOISE)).isGreaterThan(0.4);
    }

    @Test
    void shouldNameAWordOnceHoweverItIsInflected() {
        List<String> evidence = model.predict("The upload crashes\nIt crashed again, crash after crash, with an exception.").evidence();

        assertThat(evidence.stream().filter(w -> w.contains("crash"))).as("%s", evidence).hasSize(1);
    }

    @Test
    void shouldRefuseADamagedModelFile() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        model.write(file);
        byte[] whole = gunzip(file.toByteArray());

        byte[] truncated = Arrays.copyOf(whole, whole.length - 5);
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(truncated))))
                .isInstanceOf(IOException.class).hasMessageContaining("ends early");
        byte[] badBuckets = whole.clone();
        badBuckets[5] = (byte) 0x80; // the issue tracker's bucket count, after the format and "present", negative
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(badBuckets))))
                .isInstanceOf(IOException.class).hasMessageContaining("out of range");
        byte[] cutCopy = Arrays.copyOf(file.toByteArray(), file.size() / 2);
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(cutCopy)))
                .as("a copy interrupted halfway").isInstanceOf(IOException.class).hasMessageContaining("train it again");
        byte[] notGzip = "kind model".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(notGzip)))
                .isInstanceOf(IOException.class).hasMessageContaining("not a readable gzip file");
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(longer))))
                .isInstanceOf(IOException.class).hasMessageContaining("after the last model");
    }

    private static final List<KindModel.Example> CUSTOMER_EXAMPLES = List.of(
            new KindModel.Example("charged me twice this month!! fix it", TicketKind.BUG, KindModel.Voice.CUSTOMER),
            new KindModel.Example("app logs me out every time i open it smh", TicketKind.BUG, KindModel.Voice.CUSTOMER),
            new KindModel.Example("my order never arrived and the app says delivered", TicketKind.BUG, KindModel.Voice.CUSTOMER),
            new KindModel.Example("pls add dark mode 🙏", TicketKind.BRIEF_INPUT, KindModel.Voice.CUSTOMER),
            new KindModel.Example("would love a widget for the home screen pls", TicketKind.BRIEF_INPUT, KindModel.Voice.CUSTOMER),
            new KindModel.Example("wish i could pay with paypal pls", TicketKind.BRIEF_INPUT, KindModel.Voice.CUSTOMER),
            new KindModel.Example("great app 5 stars", TicketKind.NOISE, KindModel.Voice.CUSTOMER),
            new KindModel.Example("love it!!! best app ever", TicketKind.NOISE, KindModel.Voice.CUSTOMER),
            new KindModel.Example("thanks guys, all sorted now", TicketKind.NOISE, KindModel.Voice.CUSTOMER));

    private static KindModel twoVoices() {
        List<KindModel.Example> both = new ArrayList<>(EXAMPLES);
        both.addAll(CUSTOMER_EXAMPLES);
        return KindModel.train(both, 1 << 12, 16, 1);
    }

    @Test
    void shouldReadACustomersWordsWithTheCustomersModelAndAnIssueWithTheIssueTrackers() {
        KindModel model = twoVoices();

        KindModel.Prediction customer = model.predict("pls add a widget 🙏");
        KindModel.Prediction issue = model.predict("The report crashes\nThe app crashes with an exception when I use reports.");

        assertThat(customer.customerVoice()).as("share read as a customer's words").isGreaterThan(0.5);
        assertThat(customer.kind()).isEqualTo(TicketKind.BRIEF_INPUT);
        assertThat(customer.evidence()).as("the customer model's words").containsAnyOf("pls", "widget");
        assertThat(issue.customerVoice()).isLessThan(0.5);
        assertThat(issue.kind()).isEqualTo(TicketKind.BUG);
        assertThat(Arrays.stream(customer.probabilities()).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldReadEveryTicketInTheOnlyVoiceAModelWasTrainedOn() {
        assertThat(model.predict("pls add dark mode 🙏").customerVoice()).isZero();
        assertThat(KindModel.train(CUSTOMER_EXAMPLES, 1 << 12, 16, 1).predict("The report crashes").customerVoice()).isOne();
    }

    @Test
    void shouldKeepBothVoicesAndTheirShareAfterAWriteAndARead() throws IOException {
        KindModel model = twoVoices();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        model.write(file);
        KindModel read = KindModel.read(new ByteArrayInputStream(file.toByteArray()));

        for (KindModel.Example e : CUSTOMER_EXAMPLES) {
            assertThat(read.predict(e.text()).probabilities()).containsExactly(model.predict(e.text()).probabilities());
            assertThat(read.predict(e.text()).customerVoice()).isEqualTo(model.predict(e.text()).customerVoice());
        }
    }

    @Test
    void shouldRefuseAFileWhoseVoicesDoNotAddUp() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (var out = new java.io.DataOutputStream(new GZIPOutputStream(file))) {
            out.writeInt(0x4E425632);
            out.writeBoolean(false); // no issue tracker's model
            out.writeBoolean(false); // no customer's model
            out.writeBoolean(false);
        }
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(file.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("no model for either voice");
    }

    @Test
    void shouldLoadAOneVoiceModelTheEarlierVersionWroteAndScoreAsItDid() throws IOException {
        // written by the one-voice version's KindModel.train(..., 1 << 10, 16, 1).write; its predictions then:
        KindModel old;
        try (var in = KindModelTest.class.getResourceAsStream("/sorter/one-voice-model-nbl1.bin.gz")) {
            old = KindModel.read(in);
        }

        assertThat(old.predict("The report crashes").probabilities())
                .containsExactly(new double[] {0.5445037775916953, 0.23666535591919308, 0.21883086648911157}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(old.predict("How do I print a report?").probabilities())
                .containsExactly(new double[] {0.08748779580551817, 0.08860262774165456, 0.8239095764528274}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(old.predict("pls add dark mode").customerVoice()).as("read as the issue tracker's, the only voice it has").isZero();
    }

    @Test
    void shouldRefuseAFileWhoseVoicesModelDoesNotMatchTheVoicesPresent() throws IOException {
        byte[] issueOnly = gunzip(written(model));                                      // format, yes, issue, no, no, no products
        byte[] customerOnly = gunzip(written(KindModel.train(CUSTOMER_EXAMPLES, 1 << 12, 16, 1))); // format, no, yes, customer, no, no products
        byte[] both = gunzip(written(twoVoices()));                      // format, yes, issue, yes, customer, yes, voices, no products
        int voicesAt = 5 + (issueOnly.length - 7 - NO_PRODUCTS) + 1 + (customerOnly.length - 7 - NO_PRODUCTS);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(issueOnly, 0, issueOnly.length - 1 - NO_PRODUCTS); // the issue tracker's model and no customer's...
        file.write(both, voicesAt, both.length - voicesAt); // ...then a voices' model, with nothing to mix, and no products

        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(file.toByteArray()))))
                .isInstanceOf(IOException.class).hasMessageContaining("the voices' model does not match the voices present");
    }

    @Test
    void shouldRefuseAFileWhoseModelsHashWordsDifferently() throws IOException {
        byte[] issueOnly = gunzip(written(KindModel.train(EXAMPLES, 1 << 12, 16, 1)));        // format, yes, issue, no, no, no products
        byte[] customerOnly = gunzip(written(KindModel.train(CUSTOMER_EXAMPLES, 1 << 12, 16, 1))); // format, no, yes, customer, no, no products
        byte[] otherBuckets = gunzip(written(KindModel.train(CUSTOMER_EXAMPLES, 1 << 13, 16, 1)));
        byte[] both = gunzip(written(twoVoices()));                            // format, yes, issue, yes, customer, yes, voices, no products
        byte[] issue = Arrays.copyOfRange(issueOnly, 5, issueOnly.length - 2 - NO_PRODUCTS);
        byte[] voices = Arrays.copyOfRange(both, 5 + issue.length + 1 + (customerOnly.length - 7 - NO_PRODUCTS), both.length); // with its "yes" and the products
        byte[] sameBuckets = splice(both, issue.length, customerOnly, voices);
        assertThat(KindModel.read(new ByteArrayInputStream(gzip(sameBuckets))).predict("pls add a widget").probabilities())
                .as("the splice of parts of the same bucket count reads as the model it came from")
                .containsExactly(twoVoices().predict("pls add a widget").probabilities());

        byte[] spliced = splice(both, issue.length, otherBuckets, voices); // the customer's model, of twice the buckets
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(spliced))))
                .isInstanceOf(IOException.class).hasMessageContaining("different numbers of buckets");
    }

    private static byte[] splice(byte[] both, int issueLength, byte[] customerOnly, byte[] voices) {
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(both, 0, 5 + issueLength + 1);
        spliced.write(customerOnly, 6, customerOnly.length - 7 - NO_PRODUCTS);
        spliced.write(voices, 0, voices.length);
        return spliced.toByteArray();
    }

    /**
     * "The sidebar glows" is a bug in one product's tickets and a request in another's; the words around
     * it are the same in both, so only the product tells them apart.
     */
    private static List<KindModel.Example> twoProducts() {
        List<KindModel.Example> out = new ArrayList<>(EXAMPLES);
        for (String s : List.of("export", "login", "invoice", "search", "upload", "report")) {
            String text = "The sidebar glows on " + s + "\nThe sidebar glows when I open " + s + ".";
            out.add(new KindModel.Example(text, TicketKind.BUG, KindModel.Voice.ISSUE_TRACKER, "Lighthouse"));
            out.add(new KindModel.Example(text, TicketKind.BRIEF_INPUT, KindModel.Voice.ISSUE_TRACKER, "harbour"));
            // within one product, the words still decide
            out.add(new KindModel.Example("Where is the sidebar on " + s + "?\nWhere is the sidebar when I open " + s + "?",
                    TicketKind.NOISE, KindModel.Voice.ISSUE_TRACKER, "lighthouse"));
        }
        return out;
    }

    @Test
    void shouldLearnHowEachProductsTicketsReadAndReadATicketWithItsProduct() {
        KindModel products = KindModel.train(twoProducts(), 1 << 14, 16, 1);
        String ticket = "The sidebar glows on billing\nThe sidebar glows when I open billing.";

        assertThat(products.products()).containsExactly("harbour", "lighthouse");
        assertThat(products.predict(ticket, "lighthouse").kind()).isEqualTo(TicketKind.BUG);
        assertThat(products.predict(ticket, " Lighthouse ").learntProduct()).as("a product's name in any case, spaces cut").isEqualTo("lighthouse");
        assertThat(products.predict(ticket, "harbour").kind()).isEqualTo(TicketKind.BRIEF_INPUT);
        assertThat(products.predict("Where is the sidebar on billing?\nWhere is the sidebar when I open billing?", "lighthouse").kind())
                .as("a product's tickets are still told apart by their words").isEqualTo(TicketKind.NOISE);
        assertThat(products.predict(ticket, "harbour").evidence()).as("the words that pull in that product's tickets")
                .anySatisfy(w -> assertThat(w).contains("glows"));
        assertThat(products.predict(ticket, "harbour").probability(TicketKind.BRIEF_INPUT))
                .isGreaterThan(products.predict(ticket).probability(TicketKind.BRIEF_INPUT));
    }

    @Test
    void shouldReadATicketOfAProductItDidNotLearnOrOfNoneByItsWordsAlone() {
        KindModel products = KindModel.train(twoProducts(), 1 << 14, 16, 1);
        String crash = "The report crashes\nIt crashes with an exception.";

        KindModel.Prediction none = products.predict(crash, null);
        KindModel.Prediction unknown = products.predict(crash, "another product");
        assertThat(none.kind()).isEqualTo(TicketKind.BUG);
        assertThat(unknown.probabilities()).as("its words within a product never learnt would meet only other words' weights")
                .containsExactly(none.probabilities());
        assertThat(unknown.learntProduct()).isNull();
        assertThat(products.predict(crash, "  ").learntProduct()).isNull();
        assertThat(model.predict(crash, "lighthouse").probabilities()).as("a model trained with no product")
                .containsExactly(model.predict(crash).probabilities());
    }

    @Test
    void shouldKeepItsProductsAfterAWriteAndARead() throws IOException {
        KindModel products = KindModel.train(twoProducts(), 1 << 14, 16, 1);
        KindModel read = KindModel.read(new ByteArrayInputStream(written(products)));

        assertThat(read.products()).containsExactly("harbour", "lighthouse");
        String ticket = "The sidebar glows on billing\nThe sidebar glows when I open billing.";
        for (String product : List.of("lighthouse", "harbour", "other")) {
            assertThat(read.predict(ticket, product).probabilities()).containsExactly(products.predict(ticket, product).probabilities());
        }
    }

    @Test
    void shouldLoadATwoVoiceModelWrittenBeforeProductsAndScoreAsItDid() throws IOException {
        // the two-voice format ("NBV2") is the one after it ("NBV4") without the products at its end
        byte[] nbv4 = asNbv4(gunzip(written(twoVoices())));
        byte[] before = Arrays.copyOf(nbv4, nbv4.length - 2 * Integer.BYTES);
        java.nio.ByteBuffer.wrap(before).putInt(0x4E425632);

        KindModel old = KindModel.read(new ByteArrayInputStream(gzip(before)));
        assertThat(old.products()).isEmpty();
        assertThat(old.predict("pls add a widget", "lighthouse").probabilities()).containsExactly(twoVoices().predict("pls add a widget").probabilities());
    }

    @Test
    void shouldLoadAModelWrittenBeforeWordPieceVectorsAndScoreAsItDid() throws IOException {
        KindModel products = KindModel.train(twoProducts(), 1 << 14, 16, 1);
        KindModel old = KindModel.read(new ByteArrayInputStream(gzip(asNbv4(gunzip(written(products))))));

        assertThat(old.products()).containsExactly("harbour", "lighthouse");
        String ticket = "The sidebar glows on billing\nThe sidebar glows when I open billing.";
        for (String product : List.of("lighthouse", "harbour", "other")) {
            assertThat(old.predict(ticket, product).probabilities()).containsExactly(products.predict(ticket, product).probabilities());
        }
    }

    /** Tickets none of whose words the examples have: only what they mean can sort them. */
    private static final List<String> UNSEEN_BUGS = List.of("Application freezes, shuts down unexpectedly", "Broken: nothing loads, blank screen");
    private static final List<String> UNSEEN_REQUESTS = List.of("Dark theme option wanted", "Wish list: dark mode");

    @Test
    void shouldSortByWhatTheyMeanTicketsWhoseWordsItNeverSaw() {
        // buckets enough that no word of theirs shares one with a word of the examples
        KindModel withMeaning = KindModel.train(EXAMPLES, 1 << 20, 16, 1, WordPieceVectors.minilm());
        KindModel wordsAlone = KindModel.train(EXAMPLES, 1 << 20, 16, 1);

        for (String bug : UNSEEN_BUGS) {
            assertThat(withMeaning.predict(bug).knownTerms()).as(bug).isZero();
            assertThat(withMeaning.predict(bug).kind()).as(bug).isEqualTo(TicketKind.BUG);
        }
        for (String request : UNSEEN_REQUESTS) {
            assertThat(withMeaning.predict(request).knownTerms()).as(request).isZero();
            assertThat(withMeaning.predict(request).kind()).as(request).isEqualTo(TicketKind.BRIEF_INPUT);
        }
        // the words alone know nothing of them: each gets the intercepts
        assertThat(wordsAlone.predict(UNSEEN_BUGS.get(0)).probabilities()).containsExactly(wordsAlone.predict(UNSEEN_REQUESTS.get(0)).probabilities());
    }

    @Test
    void shouldWriteAndReadAModelThatWeighsMeaningAndScoreAlike() throws IOException {
        List<KindModel.Example> examples = new ArrayList<>(twoProducts());
        examples.addAll(CUSTOMER_EXAMPLES);
        KindModel withMeaning = KindModel.train(examples, 1 << 14, 16, 1, WordPieceVectors.minilm());
        KindModel read = KindModel.read(new ByteArrayInputStream(written(withMeaning)));

        for (String ticket : List.of(UNSEEN_BUGS.get(0), UNSEEN_REQUESTS.get(1), "pls add a widget", "The sidebar glows on billing")) {
            for (String product : java.util.Arrays.asList("lighthouse", null)) {
                assertThat(read.predict(ticket, product).probabilities()).as(ticket)
                        .containsExactly(withMeaning.predict(ticket, product).probabilities());
            }
        }
    }

    @Test
    void shouldRefuseAFileOfWordPieceVectorsThisVersionDoesNotHaveOrOfWeightsWithoutThem() throws IOException {
        byte[] raw = gunzip(written(KindModel.train(EXAMPLES, 1 << 12, 16, 1, WordPieceVectors.minilm())));
        int fingerprintAt = raw.length - Integer.BYTES - Float.BYTES * WordPieceVectors.minilm().dimensions();
        int nameAt = fingerprintAt - Short.BYTES - WordPieceVectors.MINILM.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        byte[] fingerprint = Arrays.copyOfRange(raw, fingerprintAt, raw.length);

        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(withEnd(raw, nameAt, "minilm-l12 word pieces", fingerprint)))))
                .isInstanceOf(IOException.class).hasMessageContaining("word-piece vectors this version does not have: 'minilm-l12 word pieces'");
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(withEnd(raw, nameAt, "", new byte[0])))))
                .isInstanceOf(IOException.class).hasMessageContaining("weights for a text vector, but no word-piece vectors named");
    }

    @Test
    void shouldRefuseAFileLearntOnWordPieceVectorsOtherThanThoseComputedHere() throws IOException {
        KindModel learnt = KindModel.train(EXAMPLES, 1 << 12, 16, 1, WordPieceVectors.minilm());
        byte[] raw = gunzip(written(learnt));
        int dimensions = WordPieceVectors.minilm().dimensions();
        int fingerprintAt = raw.length - Float.BYTES * dimensions;

        // another CPU's int8 kernels: a little off, and read as the same table
        byte[] nearlyTheSame = raw.clone();
        java.nio.ByteBuffer near = java.nio.ByteBuffer.wrap(nearlyTheSame);
        for (int d = 0; d < dimensions; d++) {
            near.putFloat(fingerprintAt + d * Float.BYTES, near.getFloat(fingerprintAt + d * Float.BYTES) * (d % 2 == 0 ? 1.001f : 0.999f));
        }
        assertThat(KindModel.cosine(fingerprintOf(nearlyTheSame, fingerprintAt), fingerprintOf(raw, fingerprintAt))).isGreaterThan(KindModel.SAME_PIECES);
        assertThat(KindModel.read(new ByteArrayInputStream(gzip(nearlyTheSame))).predict("The report crashes").probabilities())
                .containsExactly(learnt.predict("The report crashes").probabilities());

        // further off (cosine about 0.98): still loaded, as a model refused would leave the classifier unable to start
        byte[] somewhatOff = raw.clone();
        java.nio.ByteBuffer off = java.nio.ByteBuffer.wrap(somewhatOff);
        for (int d = 0; d < dimensions; d++) {
            off.putFloat(fingerprintAt + d * Float.BYTES, off.getFloat(fingerprintAt + d * Float.BYTES) * (d % 2 == 0 ? 1.2f : 0.8f));
        }
        assertThat(KindModel.cosine(fingerprintOf(somewhatOff, fingerprintAt), fingerprintOf(raw, fingerprintAt)))
                .isBetween(KindModel.OTHER_PIECES, KindModel.SAME_PIECES);
        assertThat(KindModel.read(new ByteArrayInputStream(gzip(somewhatOff))).products()).isEmpty();

        // a table that gives the weights another meaning: refused, saying what to do
        byte[] other = raw.clone();
        java.nio.ByteBuffer far = java.nio.ByteBuffer.wrap(other);
        for (int d = 0; d < dimensions / 4; d++) {
            far.putFloat(fingerprintAt + d * Float.BYTES, -far.getFloat(fingerprintAt + d * Float.BYTES));
        }
        assertThat(KindModel.cosine(fingerprintOf(other, fingerprintAt), fingerprintOf(raw, fingerprintAt))).isLessThan(KindModel.OTHER_PIECES);
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(other))))
                .isInstanceOf(IOException.class).hasMessageContaining("word-piece vectors computed here differ from those it learnt on")
                .hasMessageContaining("train it again here");
    }

    private static float[] fingerprintOf(byte[] raw, int at) {
        java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(raw, at, raw.length - at).asFloatBuffer();
        float[] out = new float[floats.remaining()];
        floats.get(out);
        return out;
    }

    /** The file up to {@code nameAt}, then the vectors' name and the bytes of a fingerprint. */
    private static byte[] withEnd(byte[] raw, int nameAt, String name, byte[] fingerprint) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(raw, 0, nameAt);
        new java.io.DataOutputStream(bytes).writeUTF(name);
        bytes.write(fingerprint);
        return bytes.toByteArray();
    }

    /**
     * A model of words alone as the format before word-piece vectors ("NBV4") wrote it: the same, without the
     * count of vector weights after each regression (0 here) and the vectors' name at the end ("").
     */
    private static byte[] asNbv4(byte[] nbv5) throws IOException {
        var in = new java.io.DataInputStream(new ByteArrayInputStream(nbv5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        var out = new java.io.DataOutputStream(bytes);
        assertThat(in.readInt()).isEqualTo(0x4E425635);
        out.writeInt(0x4E425634);
        for (int part = 0; part < 3; part++) {
            boolean present = in.readBoolean();
            out.writeBoolean(present);
            if (present) {
                out.writeInt(in.readInt()); // buckets
                int classes = in.readInt();
                out.writeInt(classes);
                for (int k = 0; k < classes; k++) {
                    out.writeFloat(in.readFloat()); // intercepts
                }
                int kept = in.readInt();
                out.writeInt(kept);
                for (int i = 0; i < kept; i++) {
                    out.writeInt(in.readInt());
                    for (int k = 0; k < 2 * classes; k++) {
                        out.writeFloat(in.readFloat()); // ratio and weight per class
                    }
                }
                assertThat(in.readInt()).as("weights for a text vector").isZero();
            }
        }
        for (int voice = 0; voice < 2; voice++) {
            int products = in.readInt();
            out.writeInt(products);
            for (int i = 0; i < products; i++) {
                out.writeUTF(in.readUTF());
            }
        }
        assertThat(in.readUTF()).as("word-piece vectors").isEmpty();
        assertThat(in.read()).isEqualTo(-1);
        out.flush();
        return bytes.toByteArray();
    }

    @Test
    void shouldKeepProductsApartWhoseJavaHashCodesAreEqual() {
        // "acme/an" and "acme/c0" have one String.hashCode: a bucket taken from it gave both every weight either learnt
        assertThat("acme/an".hashCode()).isEqualTo("acme/c0".hashCode());
        List<KindModel.Example> examples = new ArrayList<>(EXAMPLES);
        for (String s : List.of("export", "login", "invoice", "search", "upload", "report")) {
            String text = "The sidebar glows on " + s + "\nThe sidebar glows when I open " + s + ".";
            out(examples, text, TicketKind.BUG, "acme/an");
            out(examples, text, TicketKind.BRIEF_INPUT, "acme/c0");
        }
        KindModel products = KindModel.train(examples, 1 << 14, 16, 1);
        String ticket = "The sidebar glows on billing\nThe sidebar glows when I open billing.";

        assertThat(products.predict(ticket, "acme/an").kind()).isEqualTo(TicketKind.BUG);
        assertThat(products.predict(ticket, "acme/c0").kind()).isEqualTo(TicketKind.BRIEF_INPUT);
    }

    private static void out(List<KindModel.Example> examples, String text, TicketKind kind, String product) {
        examples.add(new KindModel.Example(text, kind, KindModel.Voice.ISSUE_TRACKER, product));
    }

    @Test
    void shouldReadATicketWithItsProductOnlyInTheVoiceWhoseModelLearntIt() {
        // the customer's model learnt no product: a customer's words of an issue tracker's product are read by their words
        List<KindModel.Example> both = new ArrayList<>(twoProducts());
        both.addAll(CUSTOMER_EXAMPLES);
        KindModel twoVoices = KindModel.train(both, 1 << 14, 16, 1);
        KindModel.Prediction customers = twoVoices.predict("pls add dark mode", "lighthouse");

        assertThat(customers.readAsCustomer()).isTrue();
        assertThat(customers.learntProduct()).as("the reasons would claim what the customer's model never learnt").isNull();
        assertThat(twoVoices.predict("The sidebar glows on billing\nThe sidebar glows when I open billing.", "lighthouse").learntProduct())
                .isEqualTo("lighthouse");
    }

    @Test
    void shouldRefuseToLearnMoreProductsThanAFileHolds() {
        List<KindModel.Example> many = new ArrayList<>(EXAMPLES);
        for (int i = 0; i <= KindModel.MAX_PRODUCTS; i++) {
            many.add(new KindModel.Example("The export crashes", TicketKind.BUG, KindModel.Voice.ISSUE_TRACKER, "p" + i));
        }

        assertThatThrownBy(() -> KindModel.train(many, 1 << 10, 16, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage((KindModel.MAX_PRODUCTS + 1) + " products, more than the " + KindModel.MAX_PRODUCTS + " a model learns");
    }

    @Test
    void shouldRefuseAFileWhoseProductsAreDamaged() throws IOException {
        byte[] raw = gunzip(written(model));
        java.nio.ByteBuffer.wrap(raw).putInt(raw.length - NO_PRODUCTS, -3);

        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(raw))))
                .isInstanceOf(IOException.class).hasMessageContaining("-3 products").hasMessageContaining("./evaluate train");

        // the customer's products (none) replaced by one whose name is not modified UTF-8
        ByteArrayOutputStream badName = new ByteArrayOutputStream();
        badName.write(raw, 0, raw.length - NO_PRODUCTS);
        badName.write(new byte[] {0, 0, 0, 1, 0, 2, (byte) 0xC0, 0x41});
        assertThatThrownBy(() -> KindModel.read(new ByteArrayInputStream(gzip(badName.toByteArray()))))
                .isInstanceOf(IOException.class).hasMessageContaining("kind model refused").hasMessageContaining("./evaluate train");
    }

    /**
     * The bytes a model of no products and words alone ends with: the count of each voice's products, 0 and 0, and
     * the name of no word-piece vectors, "" (its length, 0, in two bytes).
     */
    private static final int NO_PRODUCTS = 2 * Integer.BYTES + Short.BYTES;

    private static byte[] written(KindModel model) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        model.write(file);
        return file.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(raw);
        }
        return out.toByteArray();
    }
}
