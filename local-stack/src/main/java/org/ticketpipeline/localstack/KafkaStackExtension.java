package org.ticketpipeline.localstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives tests a running broker and schema registry as a {@link KafkaStack} parameter: Testcontainers
 * when a Docker engine answers, otherwise the embedded KRaft broker and Apicurio. One stack per test
 * JVM, stopped when the run ends. {@code -Dstack=embedded} or {@code -Dstack=containers} forces a choice.
 * No test is skipped for lack of Docker.
 */
public final class KafkaStackExtension implements ParameterResolver {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStackExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("stack", key -> new StoredStack(startStack()), StoredStack.class)
                .stack();
    }

    static KafkaStack startStack() {
        String choice = System.getProperty("stack", "auto");
        boolean containers = switch (choice) {
            case "containers" -> true;
            case "embedded" -> false;
            default -> ContainerStack.dockerAvailable();
        };
        long started = System.nanoTime();
        KafkaStack stack = containers ? ContainerStack.start() : EmbeddedStack.start();
        LOG.info("test stack ({}) up in {} ms: kafka {} registry {}", stack.flavour(),
                (System.nanoTime() - started) / 1_000_000, stack.bootstrapServers(), stack.registryUrl());
        return stack;
    }

    /** Closes the stack when JUnit closes the root store, at the end of the run. */
    private record StoredStack(KafkaStack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}
