package org.ticketpipeline.classifier.sorting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.TicketKind;

/** The shipped model on tickets whose kind nobody would dispute. */
class ModelSorterTest {

    private static final Taxonomy TAXONOMY = Taxonomy.fromClasspath("/taxonomy.yml");
    private final ModelSorter sorter = new ModelSorter(KindModel.shipped(), () -> TAXONOMY);

    @Test
    void shouldSortACrashAsABugOfTheBuildWithTheWordsBehindIt() {
        Sorting sorting = sorter.sort("App crashes when saving\nThe app crashes with a NullPointerException every time I click save. Steps to reproduce: open a file, click save.");

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(sorting.level()).isEqualTo("build");
        assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).startsWith("model: bug"));
        assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).startsWith("traces to build"));
        assertThat(sorting.recommendedTier()).isEqualTo("L3");
    }

    @Test
    void shouldTraceABugThatAppearedAfterAnUpdateToTheRelease() {
        Sorting sorting = sorter.sort("Export broken since the update\nSince the update the CSV export fails with an error every time, it worked before.");

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(sorting.level()).isEqualTo("release");
        assertThat(sorting.theme()).isEqualTo("csv export times out");
    }

    @Test
    void shouldSortARequestAsBriefInputForTheProductOwner() {
        Sorting sorting = sorter.sort("Feature request: dark mode\nIt would be great to add a dark mode option to the editor.");

        assertThat(sorting.kind()).isEqualTo(TicketKind.BRIEF_INPUT);
        assertThat(sorting.level()).isNull();
        assertThat(sorting.recommendedTier()).isEqualTo("PRODUCT_OWNER");
    }

    @Test
    void shouldSortAHowToQuestionAsNoise() {
        Sorting sorting = sorter.sort("How do I change my password?\nHow can I change the password of my account? Is there a setting for it?");

        assertThat(sorting.kind()).isEqualTo(TicketKind.NOISE);
        assertThat(sorting.recommendedTier()).isEqualTo("L1");
    }

    @Test
    void shouldReadATicketOfAProductTheModelLearntWithWhatItLearntAndSaySo() {
        // the shipped model learnt the issue data's five repositories; a helpdesk's "ledger" is none of them
        String text = "Ctrl+click does not open the link in the terminal\nCtrl+click on a URL in the integrated terminal does nothing since 1.84.";
        org.ticketpipeline.schemas.TicketEvent vscode = org.ticketpipeline.schemas.TicketEvent.newBuilder(
                org.ticketpipeline.classifier.Tickets.created("e1", "t1", java.time.Instant.parse("2026-11-25T10:00:00Z"), text.lines().findFirst().orElseThrow(),
                        text.substring(text.indexOf('\n') + 1))).setProduct("microsoft/vscode").build();
        org.ticketpipeline.schemas.TicketEvent ledger = org.ticketpipeline.schemas.TicketEvent.newBuilder(vscode).setProduct("ledger").build();

        Sorting known = sorter.sort(vscode);
        Sorting unknown = sorter.sort(ledger);

        assertThat(known.reasons()).anySatisfy(r -> assertThat(r).startsWith("model: ").endsWith(", with what it learnt of microsoft/vscode's tickets"));
        assertThat(unknown.reasons()).noneSatisfy(r -> assertThat(r).contains("what it learnt of"));
        assertThat(unknown).as("a product the model did not learn: the words alone").isEqualTo(sorter.sort(text));
        assertThat(known.confidence()).isNotEqualTo(unknown.confidence());
    }

    @Test
    void shouldCallNoiseATicketWithNoWordTheModelKnows() {
        for (String blank : new String[] {"", "\n", " \n \t"}) {
            Sorting sorting = sorter.sort(blank);

            assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.NOISE);
            assertThat(sorting.recommendedTier()).isEqualTo("L1");
            assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).contains("no word or pair of it is one the model has weights for"));
        }
    }

    @Test
    void shouldNotCallABugWhatTracesToNoChainLevelWhenTheModelIsNotSure() {
        String text = "Build output directory on Windows";
        KindModel.Prediction prediction = KindModel.shipped().predict(text);
        assertThat(prediction.kind()).isEqualTo(TicketKind.BUG);
        assertThat(prediction.probability(TicketKind.BUG)).isLessThan(ModelSorter.sureBug(prediction));
        assertThat(ChainLevel.of(text, java.util.Optional.empty())).isEmpty();

        Sorting sorting = sorter.sort(text);

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(prediction.second());
        assertThat(sorting.level()).isNull();
        assertThat(sorting.reasons()).contains("traces to no chain level, so not a bug: " + sorting.kind().name().toLowerCase().replace('_', ' '));
    }

    @Test
    void shouldSortACustomersOneLinersAndSayTheyWereReadAsACustomersWords() {
        Sorting charged = sorter.sort("Charged me twice for the yearly plan");
        Sorting wish = sorter.sort("pls add dark mode");
        Sorting praise = sorter.sort("great app 5 stars");

        assertThat(charged.kind()).as("%s", charged.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(charged.level()).isEqualTo("build");
        assertThat(charged.reasons()).anySatisfy(r -> assertThat(r).startsWith("model: bug").contains("read as a customer's words"));
        assertThat(charged.reasons()).anySatisfy(r -> assertThat(r).isEqualTo("traces to build: the product misbehaves: 'charged me twice'"));
        assertThat(wish.kind()).as("%s", wish.reasons()).isEqualTo(TicketKind.BRIEF_INPUT);
        assertThat(praise.kind()).as("%s", praise.reasons()).isEqualTo(TicketKind.NOISE);
        Sorting issue = sorter.sort("Build fails with TypeError on Node 18\n**Describe the bug**\nRunning `npm run build` fails with TypeError: "
                + "Cannot read properties of undefined (reading 'map') at render (src/App.js:42:17).\n**To Reproduce**\n1. clone the repo\n"
                + "2. npm install && npm run build\n**Expected behavior**\nThe build succeeds.\n**Environment**: v2.3.1, Node 18.17, Ubuntu 22.04");
        assertThat(issue.reasons()).anySatisfy(r -> assertThat(r).startsWith("model: bug").contains("read as an issue tracker's"));
    }

    @Test
    void shouldTraceACustomersWhenItBrokeToTheRelease() {
        Sorting sorting = sorter.sort("worked fine until yesterday, now the app closes when I open my photos");

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(sorting.level()).isEqualTo("release");
        assertThat(sorting.reasons()).contains("traces to release: 'worked fine until'");
    }

    @Test
    void shouldTakeTheModelsWordForACustomersBugItHoldsLikelierThanNot() {
        String text = "my watch counts steps on the couch";
        KindModel.Prediction prediction = KindModel.shipped().predict(text);
        assertThat(prediction.readAsCustomer()).isTrue();
        assertThat(prediction.probability(TicketKind.BUG)).as("between the customer's threshold and the issue tracker's")
                .isBetween(ModelSorter.SURE_CUSTOMER_BUG, ModelSorter.SURE_BUG);
        assertThat(ChainLevel.of(text, java.util.Optional.empty())).as("no phrase of the lists").isEmpty();

        Sorting sorting = sorter.sort(text);

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(sorting.level()).isEqualTo("build");
        assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).startsWith("traces to build: the model is fairly sure of a bug (0.6"));
    }

    @Test
    void shouldTraceToTheBuildABugTheModelIsSureOfThoughNoPhraseNamesIt() {
        String text = "my playlist order is shuffled every morning";
        assertThat(ChainLevel.of(text, java.util.Optional.empty())).as("no phrase of the lists").isEmpty();
        assertThat(KindModel.shipped().predict(text).probability(TicketKind.BUG)).isGreaterThanOrEqualTo(ModelSorter.SURE_BUG);

        Sorting sorting = sorter.sort(text);

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(sorting.level()).isEqualTo("build");
        assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).startsWith("traces to build: the model is sure of a bug (0.")
                .contains("from the words"));
    }

    @Test
    void shouldTraceToTheBuildWhatACustomerSaysTheProductDoesWrong() {
        for (String misbehaves : java.util.List.of("it keeps logging me out", "Charged me twice for the same order",
                "the screen goes black after the logo", "the app closes itself", "when I switch keyboards the app just closes",
                "my saved cards were wiped", "the bell icon shows 3 but the inbox is empty", "the code never arrives",
                "the page does not load", "Shared list not syncing", "Coupon accepted but not applied",
                "the total is different from the receipt", "the music cuts out every few minutes", "the battery drains overnight",
                "my lights turn on by themselves at 3am", "the bluetooth connection to my scale drops every few seconds",
                "Lost all my recipes", "my streak reset to 0", "app skipping every other song",
                // the device suffers: heat, battery, data, storage
                "my phone gets really hot whenever it's open", "the phone was warm in my pocket", "it heats up my ipad",
                "massive battery drain", "uses 30% of my battery in an hour", "eats up so much data in the background",
                "the app takes up 4 GB of storage now", "using way too much memory")) {
            assertThat(ChainLevel.of(misbehaves, java.util.Optional.empty())).as(misbehaves)
                    .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        }
        for (String broke : java.util.List.of("since the last update it won't sync", "after iOS 17 the widget is empty",
                "since v2.4.1 the export is empty", "it used to remember my login", "was fine before yesterday",
                "never did this before")) {
            assertThat(ChainLevel.of(broke, java.util.Optional.empty())).as(broke)
                    .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("release"));
        }
        assertThat(ChainLevel.of("The app crashes when the field that is used to configure the proxy is empty",
                java.util.Optional.empty())).as("a developer's 'is used to' says nothing of a release")
                .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        for (String fine : java.util.List.of("pls add dark mode", "great app 5 stars", "how do I export my data?",
                "would love a widget for the home screen", "thanks, that solved it!",
                // near misses: the bare word of a phrase above, in a wish or a question
                "Which setting is used to change the language?", "I'm used to the old layout, please bring back the sidebar",
                "the command I used to import it", "That worked for me, thanks!", "Please add a dark mode before the next release",
                "I'll wait until the next version", "Should I back up my data before the update?", "How do I reset my password?",
                "Please add a reset button", "Please add drag and drop", "a drop-down for the country would be nice",
                "I will use this app forever, love it", "an option for skipping the intro please", "a shuffle that plays songs randomly",
                "I wish the app could update by itself", "How is Pro different from Basic?",
                "The app shows my steps but I'd love weekly totals", "I lost my phone, how do I move my account?",
                "Please do not change the icon", "Can I get my data erased under GDPR?",
                "please ask for a confirmation before the app closes", "support landscape when the phone is sideways",
                "a setting for ignoring certain senders", "is the old theme still there?", "a shape mismatch in my model, how do I fix it?",
                "how much battery should GPS tracking use?", "please add a battery saver mode", "does it use a lot of data?",
                "a warm colour theme please", "the hot deals page is great", "can I move the app to the SD card to save space?",
                "I got warm feedback from the team", "the import took all the data from my old phone")) {
            assertThat(ChainLevel.of(fine, java.util.Optional.empty())).as(fine).isEmpty();
        }
    }

    @Test
    void shouldTraceToTheBuildAProductThatDoesWhatItShouldNotOrNotWhatItShould() {
        assertThat(ChainLevel.of("The sidebar collapses unexpectedly when I open a file", java.util.Optional.empty()))
                .hasValueSatisfying(t -> assertThat(t.evidence()).contains("'unexpectedly'"));
        assertThat(ChainLevel.of("The invoice PDF is missing the VAT line", java.util.Optional.empty()))
                .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        assertThat(ChainLevel.of("Unable to save a draft", java.util.Optional.empty())).isPresent();
        for (String says : java.util.List.of("shouldn't", "shouldnt", "should not", "couldn’t", "could not", "can not")) {
            assertThat(ChainLevel.of("The export " + says + " be this slow", java.util.Optional.empty())).as(says)
                    .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        }
        assertThat(ChainLevel.of("I can not find the export button", java.util.Optional.empty()))
                .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("design"));
        for (String misbehaves : java.util.List.of("The dashboard is slow to load", "The export writes an invalid file",
                "Search shows duplicate results", "The totals are inconsistent between pages")) {
            assertThat(ChainLevel.of(misbehaves, java.util.Optional.empty())).as(misbehaves)
                    .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        }
        assertThat(ChainLevel.of("We should notify the team", java.util.Optional.empty())).isEmpty();
        assertThat(ChainLevel.of("Please add a dark mode to the editor", java.util.Optional.empty())).isEmpty();
    }
}
