package org.ticketpipeline.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.Tier;

class TicketControllerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final SortedTicket CORRECTED = SortedTicket.newBuilder().setTicketId("t-1").setEventId("e-1")
            .setEventType(TicketEventType.CREATED).setOccurredAt(Instant.parse("2026-11-24T09:15:00Z")).setProduct("ledger")
            .setSourceHelpdesk("zendesk").setKind(TicketKind.BRIEF_INPUT).setConfidence(0.8123).setTheme("csv export times out")
            .setThemeSource("taxonomy").setReasons(List.of("model: bug 0.81", "corrected by Ana: brief input")).setRecommendedTier("PRODUCT_OWNER")
            .setActualTier(Tier.L1).setCorrected(true).setAppliedCorrections(List.of("c-9")).setCreatedAt(Instant.parse("2026-11-24T09:15:00Z"))
            .setQuote("The export spins.").build();

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void shouldShowATicketsSortingWithItsReasonsAndWhetherAPersonCorrectedIt() throws Exception {
        HttpResponse<String> answer = new TicketController(id -> Optional.ofNullable(Map.of("t-1", CORRECTED).get(id))).sorting("t-1");

        assertThat(answer.code()).isEqualTo(200);
        JsonNode t = body(answer);
        assertThat(t.path("kind").asText()).as("as a correction names it").isEqualTo("brief-input");
        assertThat(t.path("corrected").asBoolean()).isTrue();
        assertThat(t.path("appliedCorrections").get(0).asText()).isEqualTo("c-9");
        assertThat(t.path("reasons").get(1).asText()).isEqualTo("corrected by Ana: brief input");
        assertThat(t.path("confidence").asDouble()).isEqualTo(0.81);
        assertThat(t.path("actualTier").asText()).isEqualTo("L1");
        assertThat(t.path("level").isNull()).isTrue();
        assertThat(t.path("createdAt").asText()).isEqualTo("2026-11-24T09:15:00Z");
        assertThat(t.path("quote").asText()).isEqualTo("The export spins.");
    }

    @Test
    void shouldSayATicketItDoesNotHoldIsNotSortedHereAndWhy() throws Exception {
        HttpResponse<String> answer = new TicketController(id -> Optional.empty()).sorting("t-404");

        assertThat(answer.code()).isEqualTo(404);
        assertThat(answer.getContentType().map(Object::toString)).hasValue("application/problem+json");
        assertThat(body(answer).path("detail").asText()).startsWith("no ticket 't-404' is sorted on this classifier: not sent, not sorted yet");
    }

    @Test
    void shouldNotShowATicketHeardOfOnlyFromAnEventWithoutItsWordsAsSortedNoise() throws Exception {
        SortedTicket heardOf = SortedTicket.newBuilder(CORRECTED).setEventType(TicketEventType.ROUTED).setKind(TicketKind.NOISE)
                .setTheme("").setThemeSource("unsorted").setReasons(List.of()).setCorrected(false).setAppliedCorrections(List.of()).build();

        HttpResponse<String> answer = new TicketController(id -> Optional.of(heardOf)).sorting("t-1");

        assertThat(answer.code()).isEqualTo(404);
        assertThat(body(answer).path("detail").asText())
                .isEqualTo("ticket 't-1' is known from its routed event, but no event with its words (created) has come: it is sorted when one does");
    }

    @Test
    void shouldAskToComeBackWhileTheTicketsCannotBeRead() throws Exception {
        HttpResponse<String> answer = new TicketController(id -> {
            throw new InvalidStateStoreException("the stream is rebalancing");
        }).sorting("t-1");

        assertThat(answer.code()).isEqualTo(503);
        assertThat(answer.getHeaders().get("Retry-After")).isEqualTo("5");
        assertThat(body(answer).path("detail").asText()).contains("the stream is rebalancing");
    }

    @Test
    void shouldRefuseAnIdNoTicketCanHave() throws Exception {
        TicketController controller = new TicketController(id -> {
            throw new AssertionError("not looked up");
        });

        assertThat(controller.sorting("t\n1").code()).isEqualTo(400);
        assertThat(body(controller.sorting("t\n1")).path("detail").asText()).contains("line break");
        assertThat(controller.sorting("x".repeat(201)).code()).isEqualTo(400);
    }
}
