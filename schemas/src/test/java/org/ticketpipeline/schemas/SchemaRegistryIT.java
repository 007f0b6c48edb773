package org.ticketpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ticketpipeline.localstack.FreePorts;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import org.ticketpipeline.schemas.serde.AvroSerializer;

@ExtendWith(KafkaStackExtension.class)
class SchemaRegistryIT {

    private static SchemaRegistryClient registry;
    private static String registryUrl;

    @BeforeAll
    static void connect(KafkaStack stack) {
        registryUrl = stack.registryUrl();
        registry = new SchemaRegistryClient(registryUrl);
    }

    @Test
    void shouldRegisterAndResolveASchemaById() {
        int id = registry.register("it-roundtrip-value", Release.getClassSchema());

        assertThat(registry.getById(id)).isEqualTo(Release.getClassSchema());
        assertThat(new SchemaRegistryClient(registry.baseUrl()).getById(id)).isEqualTo(Release.getClassSchema());
        assertThat(registry.latest("it-roundtrip-value").id()).isEqualTo(id);
    }

    @Test
    void shouldReadARecordWrittenWithTheOlderTicketEventThroughTheRealRegistry() throws Exception {
        // given the older TicketEvent registered and a record written with it
        Schema older = new Schema.Parser().parse(getClass().getResourceAsStream("/TicketEvent-v0.avsc"));
        GenericRecord old = new GenericData.Record(older);
        old.put("eventId", "e-old");
        old.put("ticketId", "t-old");
        old.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "RESOLVED"));
        old.put("occurredAt", 1_700_000_000_000L);
        old.put("sourceHelpdesk", "intercom");
        old.put("product", "ledger");
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, false).serialize("it-evolution", old);

        // when the current schema is registered next, under BACKWARD_TRANSITIVE compatibility
        assertThat(registry.compatibility("it-evolution-value")).isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(registry.isCompatible("it-evolution-value", TicketEvent.getClassSchema())).isTrue();
        registry.register("it-evolution-value", TicketEvent.getClassSchema());

        // then a reader on the current schema reads the old record, defaults filled in
        TicketEvent read = new AvroDeserializer<>(new SchemaRegistryClient(registry.baseUrl()), TicketEvent.class)
                .deserialize("it-evolution", bytes);
        assertThat(read.getType()).isEqualTo(TicketEventType.RESOLVED);
        assertThat(read.getTags()).isEmpty();
        assertThat(read.getProductVersion()).isNull();
    }

    @Test
    void shouldKeepAnOperatorsRuleAndCheckANewSchemaAgainstEveryVersion() {
        registry.setCompatibility("it-operator-value", "FULL_TRANSITIVE");
        GenericData.Record probe = new GenericData.Record(SchemaBuilder.record("Probe").fields().requiredString("a").endRecord());
        probe.put("a", "x");
        new AvroSerializer<GenericRecord>(registry, false).serialize("it-operator", probe);
        assertThat(registry.compatibility("it-operator-value")).as("not lowered by a write").isEqualTo("FULL_TRANSITIVE");

        Schema v1 = SchemaBuilder.record("Note").fields().requiredString("a").requiredString("notes").endRecord();
        Schema v2 = SchemaBuilder.record("Note").fields().requiredString("a").endRecord();
        Schema v3 = SchemaBuilder.record("Note").fields().requiredString("a").name("notes").type().intType().intDefault(0).endRecord();
        GenericData.Record first = new GenericData.Record(v1);
        first.put("a", "x");
        first.put("notes", "kept for good on a compacted topic");
        AvroSerializer<GenericRecord> writer = new AvroSerializer<>(registry, false);
        writer.serialize("it-transitive", first);
        registry.register("it-transitive-value", v2);

        assertThat(registry.compatibility("it-transitive-value")).isEqualTo("BACKWARD_TRANSITIVE");
        assertThatThrownBy(() -> registry.register("it-transitive-value", v3)).as("v3 cannot read v1's records")
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void shouldRefuseAnIncompatibleChangeNamingTheSubject() {
        Schema v1 = SchemaBuilder.record("Probe").fields().requiredString("a").endRecord();
        Schema v2WithoutDefault = SchemaBuilder.record("Probe").fields().requiredString("a").requiredLong("b").endRecord();
        registry.setCompatibility("it-incompatible-value", "BACKWARD");
        registry.register("it-incompatible-value", v1);

        assertThat(registry.isCompatible("it-incompatible-value", v2WithoutDefault)).isFalse();
        assertThatThrownBy(() -> registry.register("it-incompatible-value", v2WithoutDefault))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo("it-incompatible-value");
                })
                .hasMessageContaining("incompatible")
                .hasMessageContaining("it-incompatible-value");
    }

    @Test
    void shouldSayAnUnknownIdIsNotFoundWithTheRegistrysErrorCode() {
        // what tells bad bytes (an id nobody gave) from a registry that cannot answer, e.g. a wrong path
        assertThatThrownBy(() -> registry.getById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
                });
        SchemaRegistryClient wrongPath = new SchemaRegistryClient(registryUrl.replace("/apis/ccompat/v7", "/no-such-api"));
        assertThatThrownBy(() -> wrongPath.getById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isNotEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldRefuseAnInvalidSchemaNamingTheSubject() {
        assertThatThrownBy(() -> registry.register("it-invalid-value", "{\"type\": \"record\", \"name\": \"Broken\", \"fields\": 7}"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("invalid")
                .hasMessageContaining("it-invalid-value");
    }

    @Test
    void shouldSayTheRegistryIsUnreachableNamingTheSubject() {
        SchemaRegistryClient nowhere = new SchemaRegistryClient("http://127.0.0.1:" + FreePorts.next(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> nowhere.register("it-nowhere-value", Release.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isUnreachable()).isTrue())
                .hasMessageContaining("unreachable")
                .hasMessageContaining("it-nowhere-value");
    }
}
