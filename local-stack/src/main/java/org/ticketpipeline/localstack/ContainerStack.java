package org.ticketpipeline.localstack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The stack on Docker, when an engine answers: the {@code apache/kafka} image (KRaft) and Confluent's
 * schema registry image, the same pair {@code docker-compose.yml} runs.
 */
public final class ContainerStack implements KafkaStack {

    static final String KAFKA_IMAGE = "apache/kafka:4.2.0";
    static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.9.0";

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerStack(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    public static ContainerStack start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withNetwork(network)
                .withListener("kafka:19092");
        kafka.start();
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
        try {
            registry.start();
        } catch (RuntimeException e) {
            kafka.stop();
            network.close();
            throw e;
        }
        return new ContainerStack(network, kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String registryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public String flavour() {
        return "containers";
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
