package org.ticketpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApicurioRegistryTest {

    @Test
    void shouldFindTheUnpackedRegistryBesideItsOwnCodeWhateverTheWorkingDirectory() {
        // the launcher started from another directory with --root found none, and said to unpack it
        assertThat(ApicurioRegistry.besideCode()).hasValueSatisfying(home -> assertThat(home).endsWith(java.nio.file.Path.of("target", "apicurio")));
    }
}
