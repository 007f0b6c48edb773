package org.ticketpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void shouldDateEveryTicketAboutRoster290sUpdateAfterThatRelease() {
        Instant now = Instant.parse("2026-11-25T07:40:00Z");
        Instant released = now.minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.HOURS);

        List<ObjectNode> clockIn = DemoData.ticketEvents(now).stream()
                .filter(e -> e.path("type").asText().equals("created") && e.path("body").asText().contains("clock-in button")).toList();

        assertThat(clockIn).isNotEmpty().allSatisfy(e -> {
            assertThat(Instant.parse(e.path("occurredAt").asText())).isAfterOrEqualTo(released).isBeforeOrEqualTo(now);
            assertThat(e.path("productVersion").asText()).isEqualTo("2.9.0");
        });
    }
}
