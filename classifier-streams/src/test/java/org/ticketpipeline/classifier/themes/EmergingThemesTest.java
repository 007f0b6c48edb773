package org.ticketpipeline.classifier.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.text.BatchEncoder;
import org.ticketpipeline.classifier.text.SentenceEmbedder;

class EmergingThemesTest {

    private static final BatchEncoder ENCODER = new BatchEncoder(SentenceEmbedder.Model.MINILM, 32, 1);

    @Test
    void shouldGroupByMeaningNotWordsAndNameEachThemeFromItsOwnWords() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (k, c) -> { });

        EmergingThemes.Assignment first = themes.assign("bank", "My card still hasn't arrived, it has been two weeks.");
        EmergingThemes.Assignment second = themes.assign("bank", "When will my new card be delivered? Still waiting for it.");
        EmergingThemes.Assignment other = themes.assign("bank", "Why was I charged a fee for a transfer abroad?");

        assertThat(first.started()).isTrue();
        assertThat(second.started()).isFalse();
        assertThat(second.theme()).isEqualTo(first.theme());
        assertThat(other.theme()).isNotEqualTo(first.theme());
        assertThat(first.theme()).matches("[a-z' ]+").doesNotContain("cluster");
        assertThat(first.theme().split(" ")).hasSizeBetween(2, 4);
    }

    @Test
    void shouldSetAsideTheThemesAnotherEncoderMadeAndLetTheirNamesComeBack() {
        Map<String, ThemeCluster> store = new HashMap<>();
        java.util.function.BiConsumer<String, ThemeCluster> kept = (key, cluster) -> {
            if (cluster == null) {
                store.remove(key); // as the state store deletes
            } else {
                store.put(key, cluster);
            }
        };
        EmergingThemes minilm = new EmergingThemes(ENCODER, 0.65, kept);
        String name = minilm.assign("bank", "My card still hasn't arrived, it has been two weeks.").theme();
        assertThat(store.values()).extracting(ThemeCluster::getEncodedBy).containsExactly("minilm");

        TextVectors otherEncoder = new TextVectors() {
            @Override
            public float[] vector(String text) {
                return ENCODER.vector(text);
            }

            @Override
            public String encoder() {
                return "bge-small";
            }
        };
        EmergingThemes restarted = new EmergingThemes(otherEncoder, 0.65, kept);
        List.copyOf(store.values()).forEach(restarted::restore);
        assertThat(restarted.dropOtherEncoders()).isEqualTo(1);
        assertThat(store).as("deleted from the store").isEmpty();

        EmergingThemes.Assignment again = restarted.assign("bank", "My card still hasn't arrived, it has been two weeks.");
        assertThat(again.started()).as("no similarity to the other encoder's centre").isTrue();
        assertThat(again.theme()).as("the windows go on under the same name").isEqualTo(name);

        EmergingThemes sameEncoder = new EmergingThemes(otherEncoder, 0.65, kept);
        List.copyOf(store.values()).forEach(sameEncoder::restore);
        assertThat(sameEncoder.dropOtherEncoders()).as("made by the encoder it starts with").isZero();
        assertThat(sameEncoder.assign("bank", "My card still hasn't arrived, it has been two weeks.").started()).isFalse();
    }

    @Test
    void shouldKeepThemesOfEachProductApart() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (k, c) -> { });

        EmergingThemes.Assignment a = themes.assign("bank", "My card still hasn't arrived.");
        EmergingThemes.Assignment b = themes.assign("shop", "My card still hasn't arrived.");

        assertThat(a.started()).isTrue();
        assertThat(b.started()).isTrue();
    }

    @Test
    void shouldPickUpWhereItLeftOffFromTheStoredClusters() {
        Map<String, ThemeCluster> store = new HashMap<>();
        EmergingThemes before = new EmergingThemes(ENCODER::vector, 0.65, store::put);
        String theme = before.assign("bank", "My card still hasn't arrived, it has been two weeks.").theme();

        EmergingThemes after = new EmergingThemes(ENCODER::vector, 0.65, store::put);
        store.values().forEach(after::restore);
        EmergingThemes.Assignment again = after.assign("bank", "When will my new card be delivered? Still waiting for it.");

        assertThat(again.started()).isFalse();
        assertThat(again.theme()).isEqualTo(theme);
        assertThat(store.values()).singleElement().satisfies(c -> assertThat(c.getSize()).isEqualTo(2));
    }

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void shouldForgetAThemeQuietForTheRetentionPerTicketItHoldsAndGiveANewThemeAnIdNoKeptThemeHas() {
        Map<String, ThemeCluster> store = new HashMap<>();
        List<String> deleted = new ArrayList<>();
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (key, cluster) -> {
            if (cluster == null) {
                deleted.add(key);
                store.remove(key);
            } else {
                store.put(key, cluster);
            }
        }, Duration.ofDays(30));
        String card = "My card still hasn't arrived, it has been two weeks.";
        String fee = "Why was I charged a fee for a transfer abroad?";
        String cardTheme = themes.assign("bank", null, card, ENCODER.vector(card), T0).theme();
        themes.assign("bank", null, fee, ENCODER.vector(fee), T0);
        themes.assign("bank", null, fee, ENCODER.vector(fee), T0.plus(Duration.ofDays(1)));

        assertThat(themes.forgetQuiet(T0.plus(Duration.ofDays(30)))).as("30 days is not over 30").isZero();
        assertThat(themes.forgetQuiet(T0.plus(Duration.ofDays(31)))).as("the card theme of one ticket goes; the fee theme of two stays 60 days").isEqualTo(1);
        assertThat(deleted).containsExactly(EmergingThemes.key("bank", 0));
        assertThat(store.values()).singleElement().satisfies(c -> assertThat(c.getSize()).isEqualTo(2));

        EmergingThemes.Assignment again = themes.assign("bank", null, card, ENCODER.vector(card), T0.plus(Duration.ofDays(40)));
        assertThat(again.started()).isTrue();
        assertThat(again.theme()).as("the name is free again").isEqualTo(cardTheme);
        assertThat(store).as("past every id kept (the count of themes, 1, is the fee theme's)").containsKey(EmergingThemes.key("bank", 2))
                .containsKey(EmergingThemes.key("bank", 1));

        assertThat(themes.forgetQuiet(T0.plus(Duration.ofDays(61)))).as("the fee theme, quiet 60 days with two tickets").isZero();
        assertThat(themes.forgetQuiet(T0.plus(Duration.ofDays(62)))).isEqualTo(1);
        assertThat(themes.size()).isEqualTo(1);
    }

    @Test
    void shouldDateAThemeKeptBeforeThemesWereDatedWhenItFirstLooks() {
        Map<String, ThemeCluster> store = new HashMap<>();
        new EmergingThemes(ENCODER::vector, 0.65, store::put).assign("bank", "My card still hasn't arrived.");
        EmergingThemes restored = new EmergingThemes(ENCODER::vector, 0.65, store::put, Duration.ofDays(30));
        store.values().forEach(restored::restore);
        assertThat(store.values()).singleElement().satisfies(c -> assertThat(c.getLastSeenAt()).isNull());

        assertThat(restored.forgetQuiet(T0)).isZero();
        assertThat(restored.forgetQuiet(T0.plus(Duration.ofDays(30)))).isZero();
        assertThat(store.values()).singleElement().satisfies(c -> assertThat(c.getLastSeenAt()).isEqualTo(T0));
        assertThat(restored.forgetQuiet(T0.plus(Duration.ofDays(31)))).isEqualTo(1);
    }

    @Test
    void shouldPickTheSameThemesAsComparingWithEveryCentreOneByOne() {
        // the centres live in one array that rows leave by swapping: the nearest must stay the nearest
        Random random = new Random(7);
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.2, (k, c) -> { }, Duration.ofDays(1));
        Map<String, float[]> centres = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        Map<String, Instant> lastSeen = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            Instant at = T0.plus(Duration.ofHours(i));
            if (i % 50 == 49) {
                themes.forgetQuiet(at);
                centres.keySet().removeIf(theme -> Duration.between(lastSeen.get(theme), at)
                        .compareTo(Duration.ofDays(Math.min(sizes.get(theme), 12))) > 0);
            }
            float[] vector = new float[8];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            String expected = null;
            double best = -1;
            for (Map.Entry<String, float[]> c : centres.entrySet()) {
                double similarity = cosine(c.getValue(), vector);
                if (similarity > best) {
                    best = similarity;
                    expected = c.getKey();
                }
            }
            String title = "case " + (char) ('a' + i % 26) + (char) ('a' + i / 26 % 26); // a name of its own per ticket
            EmergingThemes.Assignment got = themes.assign("p", title, title, vector, at);
            if (best >= 0.2) {
                assertThat(got.started()).isFalse();
                assertThat(got.theme()).as("ticket %d", i).isEqualTo(expected);
                long size = sizes.get(expected);
                float[] centre = centres.get(expected);
                for (int d = 0; d < centre.length; d++) {
                    centre[d] = (centre[d] * size + vector[d]) / (size + 1);
                }
                sizes.put(expected, size + 1);
            } else {
                assertThat(got.started()).as("ticket %d", i).isTrue();
                centres.put(got.theme(), vector.clone());
                sizes.put(got.theme(), 1L);
            }
            lastSeen.put(got.theme(), at);
        }
        assertThat(themes.size()).isEqualTo(centres.size());
    }

    private static double cosine(float[] centre, float[] v) {
        double dot = 0;
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            dot += centre[d] * v[d];
            norm += centre[d] * centre[d];
        }
        return dot / Math.sqrt(norm);
    }

    @Test
    void shouldGoOnGroupingAProductsTicketsAfterOneCameWithAVectorThatIsNotAllNumbers() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (k, c) -> { });
        float[] broken = ENCODER.vector("Why was I charged a fee for a transfer abroad?");
        broken[3] = Float.NaN;
        broken[7] = Float.POSITIVE_INFINITY;

        EmergingThemes.Assignment odd = themes.assign("bank", null, "Why was I charged a fee for a transfer abroad?", broken, null);
        EmergingThemes.Assignment first = themes.assign("bank", "My card still hasn't arrived, it has been two weeks.");
        EmergingThemes.Assignment second = themes.assign("bank", "When will my new card be delivered? Still waiting for it.");

        assertThat(odd.similarity()).isNotNaN();
        assertThat(second.started()).as("joins the first, as without the odd one").isFalse();
        assertThat(second.theme()).isEqualTo(first.theme());
        assertThat(themes.assign("bank", "I was charged a fee for sending money abroad, why?").similarity())
                .as("the odd one's theme is compared by the numbers it has").isNotNaN();
    }

    @Test
    void shouldFindNoThemeNearAStoredCentreThatIsNotAllNumbers() {
        Map<String, ThemeCluster> store = new HashMap<>();
        EmergingThemes before = new EmergingThemes(ENCODER::vector, 0.65, store::put);
        before.assign("bank", "Why was I charged a fee for a transfer abroad?");
        String card = before.assign("bank", "My card still hasn't arrived, it has been two weeks.").theme();
        ThemeCluster fee = store.values().stream().filter(c -> !c.getLabel().equals(card)).findFirst().orElseThrow();
        List<Float> centroid = new ArrayList<>(fee.getCentroid());
        centroid.set(0, Float.NaN); // as kept before vectors were checked
        fee.setCentroid(centroid);

        EmergingThemes after = new EmergingThemes(ENCODER::vector, 0.65, store::put);
        after.restore(fee); // scanned first
        store.values().stream().filter(c -> c != fee).forEach(after::restore);
        EmergingThemes.Assignment again = after.assign("bank", "When will my new card be delivered? Still waiting for it.");

        assertThat(again.theme()).as("the card theme, though the broken centre is scanned first").isEqualTo(card);
    }

    @Test
    void shouldNotStartASecondThemeWhoseNameDiffersOnlyInCase() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.99, (k, c) -> { });
        EmergingThemes.Assignment first = themes.assign("ledger", "CSV export times out", "The CSV export spins and times out.",
                ENCODER.vector("The CSV export spins and times out."), null);
        EmergingThemes.Assignment second = themes.assign("ledger", "Csv export times out", "Payroll totals are off by a cent after rounding.",
                ENCODER.vector("Payroll totals are off by a cent after rounding."), null);

        assertThat(second.started()).as("far apart at this threshold: a theme of its own").isTrue();
        assertThat(second.theme()).as("named otherwise than the first, whatever the case").isNotEqualToIgnoringCase(first.theme());
    }

    @Test
    void shouldNotNameAnEmergingThemeAsATaxonomyThemeIsNamed() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (k, c) -> { })
                .reserving(name -> name.equalsIgnoreCase("Payroll export") ? java.util.Optional.of("Payroll export") : java.util.Optional.empty());

        EmergingThemes.Assignment started = themes.assign("ledger", "payroll export", "The payroll file comes out empty.",
                ENCODER.vector("The payroll file comes out empty."), null);

        assertThat(started.started()).isTrue();
        assertThat(started.theme()).isNotEqualToIgnoringCase("Payroll export");
    }

    /** The team puts an emerging theme in the taxonomy, capitalised: its tickets are counted in one row, not two. */
    @Test
    void shouldGiveATicketThatJoinsAnEmergingThemeTheTeamNamedInTheTaxonomyItsSpelling() {
        java.util.Set<String> taxonomy = new java.util.HashSet<>();
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (k, c) -> { })
                .reserving(name -> taxonomy.stream().filter(t -> t.equalsIgnoreCase(name)).findFirst());
        String first = "The CSV export spins and times out.";
        String name = themes.assign("ledger", "Export to csv times out", first, ENCODER.vector(first), null).theme();
        assertThat(name).isEqualTo("export to csv times out");

        taxonomy.add("Export to CSV times out");
        String later = "The CSV export spins and then times out.";
        EmergingThemes.Assignment joined = themes.assign("ledger", null, later, ENCODER.vector(later), null);

        assertThat(joined.started()).isFalse();
        assertThat(joined.theme()).isEqualTo("Export to CSV times out");
    }

    @Test
    void shouldKeepANameTakenWhileAnotherKeptThemeStillAnswersToIt() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.99, (k, c) -> { }, Duration.ofDays(30));
        // two themes kept from before names were unique whatever their case
        themes.restore(cluster(0, "CSV export", "The CSV export spins.", 1, T0));
        themes.restore(cluster(1, "csv export", "Exporting to CSV times out.", 5, T0.plus(Duration.ofDays(20))));
        assertThat(themes.forgetQuiet(T0.plus(Duration.ofDays(31)))).as("the one-ticket theme goes").isEqualTo(1);

        String text = "Payroll totals are off by a cent after rounding.";
        EmergingThemes.Assignment started = themes.assign("ledger", "csv export", text, ENCODER.vector(text), T0.plus(Duration.ofDays(31)));

        assertThat(started.started()).isTrue();
        assertThat(started.theme()).isNotEqualToIgnoringCase("csv export");
    }

    private static ThemeCluster cluster(int id, String label, String text, int size, Instant lastSeen) {
        List<Float> centroid = new ArrayList<>();
        for (float f : ENCODER.vector(text)) {
            centroid.add(f);
        }
        return ThemeCluster.newBuilder().setProduct("ledger").setId(id).setLabel(label).setCentroid(centroid).setSize(size)
                .setLastSeenAt(lastSeen).build();
    }
}
