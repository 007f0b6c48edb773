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
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.get().match("the sso login fails")).hasValueSatisfying(m -> {
                assertThat(m.theme().name()).isEqualTo("sso login");
                assertThat(m.theme().system()).isEqualTo("identity provider");
            });

            Files.writeString(file, "themes: [ {name: ");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            assertThat(taxonomy.get().match("the sso login fails")).isPresent();
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
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.reloadIfChanged()).as("the same content again").isFalse();

            Files.delete(file); // an editor that deletes then writes, or a mount gone for a moment
            assertThat(taxonomy.reloadIfChanged()).isFalse();
            assertThat(taxonomy.get().match("the sso login fails")).isPresent();

            Files.writeString(file, "themes:\n  - name: payment declined\n    phrases: [card declined]\n");
            assertThat(taxonomy.reloadIfChanged()).isTrue();
            assertThat(taxonomy.get().match("my card declined twice")).isPresent();
        }
    }
}
