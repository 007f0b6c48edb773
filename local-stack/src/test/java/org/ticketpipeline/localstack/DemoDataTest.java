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

    @Test
    void shouldPutLedgersReleaseAndAWholeWeekBeforeItInTheLastCompleteWeekWhateverTheDayOfTheRun() {
        // Monday 00:30 to Sunday 23:30: the weekly reading reads the last complete week
        for (int hours = 0; hours < 7 * 24; hours += 13) {
            Instant now = Instant.parse("2026-11-23T00:30:00Z").plus(Duration.ofHours(hours));
            Instant untilNow = now;
            Instant lastWeek = Instant.parse("2026-11-16T00:00:00Z");
            List<ObjectNode> events = DemoData.ticketEvents(now);
            Instant released = Instant.parse(DemoData.releases(now).get(0).path("releasedAt").asText());

            assertThat(released).as("ledger ships in the last complete week, run at " + now).isAfter(lastWeek).isBefore(lastWeek.plus(Duration.ofDays(7)));
            assertThat(released.plus(Duration.ofHours(48))).as("its watch is closed").isBefore(now);
            assertThat(events).as("the bank feed surprise, after the release only").filteredOn(e -> e.path("subject").asText().startsWith("Bank"))
                    .isNotEmpty().allSatisfy(e -> assertThat(Instant.parse(e.path("occurredAt").asText())).isAfterOrEqualTo(released)
                            .isBeforeOrEqualTo(untilNow));
            for (int day = -7; day < 7; day++) {
                Instant from = lastWeek.plus(Duration.ofDays(day));
                assertThat(events).as("tickets on every day of the two weeks, " + from).anySatisfy(e -> assertThat(Instant.parse(e.path("occurredAt").asText()))
                        .isAfterOrEqualTo(from).isBefore(from.plus(Duration.ofDays(1))));
            }
            assertThat(events).as("nothing after now").allSatisfy(e -> assertThat(Instant.parse(e.path("occurredAt").asText())).isBeforeOrEqualTo(now));
        }
    }
}
