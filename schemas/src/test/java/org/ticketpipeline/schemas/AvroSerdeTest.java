package org.ticketpipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.serde.AvroSerializer;

class AvroSerdeTest {

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final Serde<TicketEvent> serde = AvroSerde.forValues(registry, TicketEvent.class);

    @Test
    void shouldFrameRecordsWithMagicByteAndSchemaIdThenAvro() {
        byte[] bytes = serde.serializer().serialize("ticket-events", Samples.ticketCreated("e1", "t1"));

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.getById(id)).isEqualTo(TicketEvent.getClassSchema());
        assertThat(registry.subjects).containsExactly("ticket-events-value");
    }

    @Test
    void shouldReadBackWhatItWrote() {
        TicketEvent sent = Samples.ticketCreated("e1", "t1");

        TicketEvent read = serde.deserializer().deserialize("ticket-events",
                serde.serializer().serialize("ticket-events", sent));

        assertThat(read).isEqualTo(sent);
    }

    @Test
    void shouldLetConcurrentFirstWritesEachAskTheRegistryRatherThanWaitForTheOneBefore() throws Exception {
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger asking = new java.util.concurrent.atomic.AtomicInteger();
        InMemoryRegistry slow = new InMemoryRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                asking.incrementAndGet();
                try {
                    answer.await(10, java.util.concurrent.TimeUnit.SECONDS); // a registry that does not answer yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.register(subject, schema);
            }
        };
        var serializer = AvroSerde.forValues(slow, TicketEvent.class).serializer();
        java.util.concurrent.ExecutorService requests = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = requests.submit(() -> serializer.serialize("ticket-events", Samples.ticketCreated("e1", "t1")));
            var second = requests.submit(() -> serializer.serialize("ticket-events", Samples.ticketCreated("e2", "t2")));
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (asking.get() < 2 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            // with the registry call inside the id map's lock, the second waited for the first's whole timeout
            assertThat(asking.get()).isEqualTo(2);
            answer.countDown();
            assertThat(ByteBuffer.wrap(first.get(), 1, 4).getInt()).isEqualTo(ByteBuffer.wrap(second.get(), 1, 4).getInt());
        } finally {
            answer.countDown();
            requests.shutdownNow();
        }
    }

    @Test
    void shouldAskOnceMoreWhenTheRegistryRefusedAFirstRegistrationButNotWhenItDidNotAnswer() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        InMemoryRegistry racing = new InMemoryRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                if (calls.incrementAndGet() == 1) { // another first write created the subject a moment before
                    throw new org.ticketpipeline.schemas.registry.SchemaRegistryException(subject, 409, "the subject was created meanwhile");
                }
                return super.register(subject, schema);
            }
        };
        InMemoryRegistry away = new InMemoryRegistry() {
            @Override
            public int register(String subject, Schema schema) {
                calls.incrementAndGet();
                throw new org.ticketpipeline.schemas.registry.SchemaRegistryException(subject, 0, "connection refused");
            }
        };

        byte[] written = AvroSerde.forValues(racing, TicketEvent.class).serializer().serialize("ticket-events", Samples.ticketCreated("e1", "t1"));
        assertThat(written[0]).isEqualTo((byte) 0);
        assertThat(calls.getAndSet(0)).isEqualTo(2);

        assertThatThrownBy(() -> AvroSerde.forValues(away, TicketEvent.class).serializer().serialize("ticket-events", Samples.ticketCreated("e1", "t1")))
                .isInstanceOf(SerializationException.class).hasMessageContaining("connection refused");
        assertThat(calls.get()).as("a registry that does not answer is not asked twice").isEqualTo(1);
    }

    @Test
    void shouldMakeNoRegistryCallAfterTheFirstRecordOfASchema() {
        var serializer = serde.serializer();
        var deserializer = serde.deserializer();
        deserializer.deserialize("ticket-events", serializer.serialize("ticket-events", Samples.ticketCreated("e0", "t0")));
        int callsAfterFirst = registry.remoteCalls.get();

        for (int i = 1; i <= 1000; i++) {
            deserializer.deserialize("ticket-events", serializer.serialize("ticket-events", Samples.ticketCreated("e" + i, "t" + i)));
        }

        assertThat(registry.remoteCalls.get()).isEqualTo(callsAfterFirst);
    }

    @Test
    void shouldReadARecordWrittenWithAnOlderSchemaVersionFillingDefaults() throws Exception {
        // given TicketEvent as it was before productVersion, channel and tags were added
        Schema older = new Schema.Parser().parse(getClass().getResourceAsStream("/TicketEvent-v0.avsc"));
        GenericRecord old = new GenericData.Record(older);
        old.put("eventId", "e-old");
        old.put("ticketId", "t-old");
        old.put("type", new GenericData.EnumSymbol(older.getField("type").schema(), "CREATED"));
        old.put("occurredAt", 1_700_000_000_000L);
        old.put("sourceHelpdesk", "freshdesk");
        old.put("product", "ledger");
        old.put("customerId", "c-1");
        old.put("tier", null);
        old.put("subject", "Login loop");
        old.put("body", "After the update I am sent back to the login page.");
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, false).serialize("ticket-events", old);

        // when the current class reads it
        TicketEvent read = new AvroDeserializer<>(registry, TicketEvent.class).deserialize("ticket-events", bytes);

        // then the old fields survive and the new ones take their defaults
        assertThat(read.getEventId()).isEqualTo("e-old");
        assertThat(read.getSubject()).isEqualTo("Login loop");
        assertThat(read.getProductVersion()).isNull();
        assertThat(read.getChannel()).isNull();
        assertThat(read.getTags()).isEmpty();
    }

    @Test
    void shouldRefuseBytesWithoutTheRegistryFramingWithAClearReason() {
        byte[] plainJson = "{\"eventId\":\"e1\"}".getBytes();

        assertThatThrownBy(() -> serde.deserializer().deserialize("ticket-events", plainJson))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ticket-events")
                .hasMessageContaining("magic byte");
    }

    @Test
    void shouldNameTheSchemaIdWhenTheRegistryDoesNotKnowIt() {
        byte[] unknownId = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> serde.deserializer().deserialize("ticket-events", unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("id 42");
    }
}
