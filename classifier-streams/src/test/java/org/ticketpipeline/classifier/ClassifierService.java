package org.ticketpipeline.classifier;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ticketpipeline.localstack.KafkaStack;

/** The classifier service on a test's broker and registry, with no HTTP port, as the integration tests start it. */
final class ClassifierService {

    private ClassifierService() {
    }

    static ApplicationContext start(KafkaStack stack, String applicationId, Path stateDir) {
        return start(stack, applicationId, stateDir, Map.of());
    }

    /** With more settings, such as {@code classifier.kind-model}. */
    static ApplicationContext start(KafkaStack stack, String applicationId, Path stateDir, Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "classifier.application-id", applicationId,
                "classifier.state-dir", stateDir.toString()));
        settings.putAll(more);
        return ApplicationContext.run(settings);
    }
}
