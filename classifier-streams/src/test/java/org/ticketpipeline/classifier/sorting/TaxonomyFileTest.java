package org.ticketpipeline.classifier.sorting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyFileTest {

    @TempDir
    Path dir;

    @Test
    void shouldPickUpAnEditedTaxonomyWithoutARestartAndKeepTheLastGoodOneOnATypo() throws Exception {
        Path file = dir.resolve("taxonomy.yml");
        Files.writeString(file, "themes:\n  - name: csv export times out\n    phrases: [csv export]\n");
        try (TaxonomyFile taxonomy = new TaxonomyFile(file, 3600)) {
            assertThat(taxonomy.get().match("the sso login fails")).isEmpty();

            Files.writeString(file, "themes:\n  - name: sso login\n    phrases: [sso login]\n    system: identity provider\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(taxonomy.reloadIfChanged()).as("read once: it may still be being written").isFalse();
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.get().match("the sso login fails")).hasValueSatisfying(m -> {
                assertThat(m.theme().name()).isEqualTo("sso login");
                assertThat(m.theme().system()).isEqualTo("identity provider");
            });

            assertThat(taxonomy.refused()).isEmpty();

            Files.writeString(file, "themes: [ {name: ");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            assertThat(taxonomy.get().match("the sso login fails")).isPresent();
            assertThat(taxonomy.refused()).as("said until it is fixed, where an operator looks").hasValueSatisfying(why ->
                    assertThat(why).contains("taxonomy.yml").contains("the previous taxonomy is in use").contains("a start with this file would fail"));

            // gone for a moment (an editor that deletes then writes), then back as it was: still refused, still said
            Files.delete(file);
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            assertThat(taxonomy.refused()).hasValueSatisfying(why -> assertThat(why).contains("cannot be read"));
            Files.writeString(file, "themes: [ {name: ");
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            assertThat(taxonomy.refused()).as("the file on disk would still stop a start").hasValueSatisfying(why ->
                    assertThat(why).contains("a start with this file would fail"));

            Files.writeString(file, "themes:\n  - name: sso login\n    phrases: [sso login, single sign-on]\n");
            taxonomy.reloadIfChanged();
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.refused()).isEmpty();
        }
    }

    @Test
    void shouldPickUpAnEditWhateverItsModificationTimeSaysAndOutliveAFileThatIsGoneForAWhile() throws Exception {
        Path file = dir.resolve("taxonomy.yml");
        Files.writeString(file, "themes:\n  - name: csv export times out\n    phrases: [csv export]\n");
        FileTime first = Files.getLastModifiedTime(file);
        try (TaxonomyFile taxonomy = new TaxonomyFile(file, 3600)) {
            // a second save within the same tick of the file system's clock
            Files.writeString(file, "themes:\n  - name: sso login\n    phrases: [sso login]\n");
            Files.setLastModifiedTime(file, first);
            taxonomy.reloadIfChanged();
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.reloadIfChanged()).as("the same content again").isFalse();

            Files.delete(file); // an editor that deletes then writes, or a mount gone for a moment
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            assertThat(taxonomy.get().match("the sso login fails")).isPresent();

            Files.writeString(file, "themes:\n  - name: payment declined\n    phrases: [card declined]\n");
            taxonomy.reloadIfChanged();
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.get().match("my card declined twice")).isPresent();
        }
    }

    @Test
    void shouldNotTakeAFileReadHalfWayThroughItsWriting() throws Exception {
        Path file = dir.resolve("taxonomy.yml");
        String five = "themes:\n" + "  - name: t1\n    phrases: [p1]\n  - name: t2\n    phrases: [p2]\n  - name: t3\n    phrases: [p3]\n"
                + "  - name: t4\n    phrases: [p4]\n  - name: t5\n    phrases: [p5]\n";
        Files.writeString(file, "themes:\n  - name: t0\n    phrases: [p0]\n");
        try (TaxonomyFile taxonomy = new TaxonomyFile(file, 3600)) {
            Files.writeString(file, five.substring(0, five.indexOf("  - name: t3"))); // the check reads it half written
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            Files.writeString(file, five); // the write ends before the next check
            assertThat(taxonomy.reloadIfChanged()).as("not the same as the last read: it may still be being written").isFalse();
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.get().themes()).hasSize(5);
        }
    }
}
