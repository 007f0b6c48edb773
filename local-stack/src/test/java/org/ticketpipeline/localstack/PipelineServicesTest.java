package org.ticketpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineServicesTest {

    @Test
    void shouldResolveTheFilesAUserNamesAgainstWhereTheCommandRanNotTheServicesWorkingDirectory() {
        Path from = Path.of("/home/ana/pipeline");
        Map<String, String> resolved = PipelineServices.absoluteFileSettings(
                Map.of("CLASSIFIER_KIND_MODEL", "models/team.bin.gz", "CLASSIFIER_TAXONOMY_FILE", "/etc/taxonomy.yml", "PATH", "/usr/bin"),
                Map.of(), from);

        assertThat(resolved).containsOnly(
                Map.entry("CLASSIFIER_KIND_MODEL", "/home/ana/pipeline/models/team.bin.gz"),
                Map.entry("CLASSIFIER_TAXONOMY_FILE", "/etc/taxonomy.yml"));
        assertThat(PipelineServices.absoluteFileSettings(Map.of("CLASSIFIER_KIND_MODEL", "a.bin.gz"),
                Map.of("CLASSIFIER_KIND_MODEL", "b.bin.gz"), from)).as("the extra environment wins, as it does for the services")
                .containsEntry("CLASSIFIER_KIND_MODEL", "/home/ana/pipeline/b.bin.gz");
        assertThat(PipelineServices.absoluteFileSettings(Map.of(), Map.of(), from)).isEmpty();
    }

    @Test
    void shouldKeepTheServicesLogsOutOfTheWorkDirectoryThatIsRemoved(@org.junit.jupiter.api.io.TempDir Path work) throws Exception {
        Path logs = java.nio.file.Files.createDirectories(work.resolve("logs"));
        java.nio.file.Files.writeString(logs.resolve("classifier-streams.log"), "streams stopped for good: ...");

        Path kept = PipelineServices.keepLogs(logs).orElseThrow();
        try {
            assertThat(kept.startsWith(work)).as("outside the work directory").isFalse();
            assertThat(java.nio.file.Files.readString(kept.resolve("classifier-streams.log"))).isEqualTo("streams stopped for good: ...");
        } finally {
            TempDirs.deleteQuietly(kept);
        }
    }

    @Test
    void shouldCallTheServicesWhereTheyListen() {
        assertThat(PipelineServices.reachableHost("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(PipelineServices.reachableHost("0.0.0.0")).as("every address: loopback among them").isEqualTo("127.0.0.1");
        assertThat(PipelineServices.reachableHost("::")).isEqualTo("127.0.0.1");
        assertThat(PipelineServices.reachableHost("192.168.1.20")).as("that address only").isEqualTo("192.168.1.20");
        assertThat(PipelineServices.reachableHost("::1")).as("in brackets, as a URL writes it").isEqualTo("[::1]");
    }
}
