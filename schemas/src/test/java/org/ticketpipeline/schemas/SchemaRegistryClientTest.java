package org.ticketpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

class SchemaRegistryClientTest {

    @Test
    void shouldSayARegistryUrlItCannotCallIsUnreachableNotAnUnreadableRecord() {
        // an underscore makes the host unreadable to the JDK's HTTP client: as if the registry were down,
        // the classifier's thread fails and no record is put aside for it
        assertThatThrownBy(() -> new SchemaRegistryClient("http://schema_registry:8085").getById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> org.assertj.core.api.Assertions.assertThat(e.isUnreachable()).isTrue())
                .hasMessageContaining("cannot be called");
    }
}
