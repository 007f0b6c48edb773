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

    @Test
    void shouldAskALookupAgainWhenTheRegistryAnswers5xxAndNotAWrite() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/7", exchange -> {
            // a registry restarting: one 503, then the schema
            boolean first = lookups.incrementAndGet() == 1;
            byte[] body = (first ? "{\"error_code\":50301,\"message\":\"restarting\"}"
                    : "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(first ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/subjects/t-value/versions", exchange -> {
            writes.incrementAndGet();
            byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            SchemaRegistryClient registry = new SchemaRegistryClient("http://127.0.0.1:" + server.getAddress().getPort());

            org.assertj.core.api.Assertions.assertThat(registry.getById(7).getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
            org.assertj.core.api.Assertions.assertThat(lookups.get()).isEqualTo(2);
            assertThatThrownBy(() -> registry.register("t-value", org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING)))
                    .isInstanceOf(SchemaRegistryException.class);
            org.assertj.core.api.Assertions.assertThat(writes.get()).as("a write is not repeated by the client").isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }
}
