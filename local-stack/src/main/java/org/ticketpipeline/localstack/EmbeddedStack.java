package org.ticketpipeline.localstack;

import java.util.concurrent.CompletableFuture;

/**
 * The stack without Docker: the in-process KRaft broker and Apicurio as a child JVM, started side by
 * side (the registry needs no broker) so the whole takes about as long as the registry alone.
 */
public final class EmbeddedStack implements KafkaStack {

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;

    private EmbeddedStack(EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    public static EmbeddedStack start() {
        ApicurioRegistry registry = new ApicurioRegistry();
        CompletableFuture<ApicurioRegistry> registryUp = CompletableFuture.supplyAsync(registry::start);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker();
        try {
            broker.start();
            registryUp.join();
        } catch (RuntimeException e) {
            registry.close();
            broker.close();
            throw e;
        }
        return new EmbeddedStack(broker, registry);
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.url();
    }

    @Override
    public String flavour() {
        return "embedded";
    }

    public long registryPid() {
        return registry.pid();
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}
