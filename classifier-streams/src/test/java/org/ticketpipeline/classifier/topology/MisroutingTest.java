package org.ticketpipeline.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;

class MisroutingTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    /** A bug at L1 as a record kept before the resolved flag existed: the flag reads false. */
    private static SortedTicket.Builder keptBeforeTheFlag(TicketEventType latest, Instant at, Instant lastEventAt) {
        return SortedTicket.newBuilder().setTicketId("t1").setEventId("e").setEventType(latest).setOccurredAt(at).setLastEventAt(lastEventAt)
                .setProduct("ledger").setKind(TicketKind.BUG).setTheme("csv export times out").setActualTier(Tier.L1).setCreatedAt(T0);
    }

    @Test
    void shouldTakeARecordKeptBeforeTheFlagAsResolvedWhenItsNewestEventResolvedIt() {
        SortedTicket resolved = keptBeforeTheFlag(TicketEventType.RESOLVED, T0.plusSeconds(3600), null).build();
        SortedTicket lateResolution = keptBeforeTheFlag(TicketEventType.RESOLVED, T0.plusSeconds(3600), T0.plusSeconds(7200)).build();

        assertThat(Misrouting.isResolved(resolved)).isTrue();
        assertThat(Misrouting.mayBecomeParked(resolved)).as("not in the parked bugs' index").isFalse();
        assertThat(Misrouting.isResolved(lateResolution)).as("a resolution older than its newest event says nothing").isFalse();

        SortedTicket judged = SortedTicket.newBuilder(resolved).build();
        new Misrouting(Duration.ofHours(24)).flag(judged, T0, T0.plus(Duration.ofDays(3)));
        assertThat(judged.getMisrouted()).isFalse();
    }

    @Test
    void shouldSayTheAgeAsTheLimitWasSet() {
        assertThat(Misrouting.age(java.time.Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(Misrouting.age(java.time.Duration.ofMinutes(30))).as("not 0 h").isEqualTo("30 min");
        assertThat(Misrouting.age(java.time.Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(Misrouting.age(java.time.Duration.ofDays(3))).isEqualTo("3 d");
        assertThat(Misrouting.age(java.time.Duration.ofHours(36))).isEqualTo("36 h");
        assertThat(Misrouting.age(java.time.Duration.parse("PT2H30M"))).as("not 2 h").isEqualTo("2 h 30 min");
        assertThat(Misrouting.age(java.time.Duration.parse("PT25H30M"))).isEqualTo("25 h 30 min");
        assertThat(Misrouting.age(java.time.Duration.ofSeconds(30))).as("not 0 min").isEqualTo("30 s");
        assertThat(Misrouting.age(java.time.Duration.ofSeconds(90))).isEqualTo("90 s");
    }
}
