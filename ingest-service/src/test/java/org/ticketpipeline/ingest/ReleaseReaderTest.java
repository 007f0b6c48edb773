package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class ReleaseReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReleaseReader reader = new ReleaseReader(new IngestSettings());

    private ReleaseReader.Result dated(Instant releasedAt) throws Exception {
        return reader.read(JSON.readTree(IngestIT.release("r-1", IngestIT.SIGNED_HANDOFF).replace("2026-11-10T08:00:00Z", releasedAt.toString())));
    }

    @Test
    void shouldTakeAReleaseDatedWithinAYearAndRefuseOneDatedFurtherAsAMistypedYear() throws Exception {
        Instant inAMonth = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant inFiveYears = Instant.now().plus(5 * 365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        assertThat(dated(inAMonth).errors()).isEmpty();
        assertThat(dated(inFiveYears).errors()).containsExactly(new FieldError("releasedAt",
                "'" + inFiveYears + "' is more than a year ahead: a release is sent when its date is known, not years before (is the year right?)"));
    }
}
