package org.ticketpipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ticketpipeline.schemas.TicketEvent;

/**
 * {@code POST /v1/ticket-events}: one event or a JSON array of them. Good items are published and
 * acknowledged even when others in the batch are bad; each bad item comes back with its index, and
 * the field and reason of every problem.
 */
@Controller("/v1/ticket-events")
class TicketEventController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TicketEventReader reader;
    private final EventPublisher publisher;
    private final IngestSettings settings;
    private final MeterRegistry meters;

    TicketEventController(TicketEventReader reader, EventPublisher publisher, IngestSettings settings, MeterRegistry meters) {
        this.reader = reader;
        this.publisher = publisher;
        this.settings = settings;
        this.meters = meters;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> post(@Body String body) {
        JsonNode json;
        try {
            json = JsonBody.parse(body);
        } catch (JsonBody.MalformedJson e) {
            return e.problem().response();
        }
        List<JsonNode> items = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(items::add);
        } else if (json.isObject()) {
            items.add(json);
        } else {
            return Problem.of(HttpStatus.BAD_REQUEST, "Not a ticket event",
                    "the body must be a ticket event object or an array of them, got " + JsonFields.describe(json)).response();
        }
        if (items.isEmpty()) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Empty batch", "the array holds no events").response();
        }
        if (items.size() > settings.getMaxBatchItems()) {
            return Problem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Batch too large",
                    "the batch holds " + items.size() + " events, over the cap of " + settings.getMaxBatchItems()
                            + " events per request (and " + settings.getMaxBodyBytes() + " bytes per body)").response();
        }

        ArrayNode accepted = JSON.createArrayNode();
        ArrayNode rejected = JSON.createArrayNode();
        List<TicketEvent> good = new ArrayList<>();
        Map<List<String>, Integer> indexByEventId = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            TicketEventReader.Result result = reader.read(items.get(i));
            List<FieldError> errors = new ArrayList<>(result.errors());
            if (result.ok()) {
                // an event id names an event of its ticket: another ticket may use the same one
                Integer first = indexByEventId.putIfAbsent(List.of(result.event().getTicketId(), result.event().getEventId()), i);
                if (first != null) {
                    errors.add(new FieldError("eventId", "repeats the eventId of item " + first + ", of the same ticket, in this batch"));
                }
            }
            if (errors.isEmpty()) {
                good.add(result.event());
                accepted.addObject().put("index", i).put("eventId", result.event().getEventId());
            } else {
                ObjectNode bad = rejected.addObject().put("index", i);
                JsonNode eventId = items.get(i).path("eventId");
                if (eventId.isTextual()) {
                    bad.put("eventId", eventId.asText());
                }
                ArrayNode list = bad.putArray("errors");
                errors.forEach(e -> list.addObject().put("field", e.field()).put("reason", e.reason()));
            }
        }
        meters.counter("ingest.events.rejected").increment(rejected.size());

        if (good.isEmpty()) {
            Problem problem = Problem.of(HttpStatus.UNPROCESSABLE_ENTITY, "No valid ticket events",
                    items.size() == 1 ? "the event is not valid: see errors" : "none of the " + items.size() + " events is valid: see rejected");
            if (items.size() == 1) {
                List<FieldError> errors = new ArrayList<>();
                rejected.get(0).path("errors").forEach(e -> errors.add(new FieldError(e.path("field").asText(), e.path("reason").asText())));
                problem.errors(errors);
            }
            problem.extension().set("rejected", rejected);
            return problem.response();
        }
        try {
            publisher.publishEvents(good);
        } catch (KafkaUnavailableException e) {
            String landed = e.written() == 0 ? "" : " (" + e.written() + " of them reached Kafka before the failure)";
            return Problem.kafkaUnavailable(e.getMessage() + ". None of the " + good.size() + " valid events is acknowledged" + landed
                    + ": retry the whole request after " + settings.getRetryAfterSeconds() + " s (a replayed eventId is counted once).",
                    settings.getRetryAfterSeconds());
        }
        meters.counter("ingest.events.accepted").increment(good.size());
        ObjectNode answer = JSON.createObjectNode();
        answer.set("accepted", accepted);
        answer.set("rejected", rejected);
        return HttpResponse.<String>status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(answer.toString());
    }
}
