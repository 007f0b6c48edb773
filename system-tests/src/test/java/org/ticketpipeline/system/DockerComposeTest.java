package org.ticketpipeline.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so this checks what can be checked:
 * it parses, images are pinned, and every service's environment names a configuration key that
 * service really reads (Micronaut maps KAFKA_BOOTSTRAP_SERVERS to kafka.bootstrap-servers).
 */
class DockerComposeTest {

    private static final Set<String> MICRONAUT_BUILT_INS = Set.of("MICRONAUT_SERVER_PORT", "JAVA_TOOL_OPTIONS");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(PipelineIT.root().resolve("docker-compose.yml"))) {
            return new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPinEveryImageAndRunKafkaWithTheConfluentRegistry() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");

        assertThat(services).containsKeys("kafka", "schema-registry", "ingest-service", "classifier-streams", "reading-service");
        assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:4.2.");
        assertThat((String) services.get("schema-registry").get("image")).startsWith("confluentinc/cp-schema-registry:");
        services.values().stream().filter(s -> s.containsKey("image")).forEach(s -> {
            String image = (String) s.get("image");
            assertThat(image).as("pinned image").matches(".+:[0-9][^:]*").doesNotEndWith(":latest");
        });
        for (String module : List.of("ingest-service", "classifier-streams", "reading-service")) {
            assertThat(services.get(module).get("build")).isEqualTo("./" + module);
            assertThat(PipelineIT.root().resolve(module).resolve("Dockerfile")).exists();
        }
        // the broker's data in a volume, as the services' state is: a down and up must not keep the state and lose the topics
        String logDirs = (String) ((Map<String, Object>) services.get("kafka").get("environment")).get("KAFKA_LOG_DIRS");
        assertThat((List<String>) services.get("kafka").get("volumes")).anySatisfy(v -> assertThat(v).endsWith(":" + logDirs));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNameOnlyConfigurationKeysTheServicesRead() throws IOException {
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose().get("services");
        for (String module : List.of("ingest-service", "classifier-streams", "reading-service")) {
            Set<String> known = envNamesOf(PipelineIT.root().resolve(module).resolve("src/main/resources/application.yml"));
            Map<String, Object> env = (Map<String, Object>) services.get(module).get("environment");

            assertThat(env.keySet()).as(module + " sets the broker and the registry")
                    .contains("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SCHEMA_REGISTRY_URL");
            for (String name : env.keySet()) {
                if (!MICRONAUT_BUILT_INS.contains(name)) {
                    assertThat(known).as("%s: %s must match a key of its application.yml", module, name).contains(name);
                }
            }
        }
    }

    /** Every leaf key of an application.yml, as the environment variable Micronaut reads it from. */
    @SuppressWarnings("unchecked")
    static Set<String> envNamesOf(Path applicationYml) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream in = Files.newInputStream(applicationYml)) {
            flatten("", new Yaml().load(in), names);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else {
            out.add(prefix.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT));
        }
    }
}
