package org.ticketpipeline.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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

    @Operation(operationId = "postTicketEvents", summary = "Ticket events in: one event, or an array of up to 500",
            description = "Each event is acknowledged only once Kafka has it. Good items of a batch are published even when "
                    + "others are bad; each bad item comes back with its index and the field and reason of every problem. "
                    + "Fields: eventId, ticketId, sourceHelpdesk, product (required, at most 200 characters); type (created, "
                    + "customer_replied, routed, resolved, reopened); occurredAt (ISO-8601 instant or epoch milliseconds, "
                    + "at most 15 min ahead); productVersion, channel, customerId (optional, at most 200 characters; customerId pseudonymous, an e-mail address refused); tier "
                    + "(L1, L2, L3; required on routed); subject, body (a created event needs one); tags (at most 100). "
                    + "A replayed eventId of a ticket counts once.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ApiExamples.JSON,
            schema = @Schema(type = "object", description = "a ticket event; an array of up to 500 of them is taken too"),
            examples = @ExampleObject(name = "created", value = ApiExamples.TICKET_EVENT)))
    @ApiResponse(responseCode = "202", description = "the valid items are in Kafka; rejected lists the others",
            content = @Content(mediaType = ApiExamples.JSON, examples = @ExampleObject(value = ApiExamples.BATCH_ANSWER)))
    @ApiResponse(responseCode = "413", description = "over 500 events or over the body cap (both in the message), or an event larger than a Kafka record takes",
            content = @Content(mediaType = ApiExamples.PROBLEM))
    @ApiResponse(responseCode = "422", description = "no item is valid: rejected lists each with its errors",
            content = @Content(mediaType = ApiExamples.PROBLEM))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge in time: nothing is acknowledged; retry after Retry-After seconds",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(value = ApiExamples.KAFKA_DOWN)))
    @ApiResponse(responseCode = "400", description = "malformed JSON (with line and column) or a body of the wrong shape",
            content = @Content(mediaType = ApiExamples.PROBLEM))
    @ApiResponse(responseCode = "415", description = "a body sent as anything but application/json", content = @Content(mediaType = ApiExamples.PROBLEM))
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> post(HttpRequest<byte[]> request) {
        JsonNode json;
        try {
            json = JsonBody.parse(request);
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
        List<Integer> goodAt = new ArrayList<>();
        Map<List<String>, Integer> indexByEventId = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            TicketEventReader.Result result = reader.read(items.get(i));
            List<FieldError> errors = new ArrayList<>(result.errors());
            if (result.ok()) {
                // an event id names an event of its helpdesk's ticket: another ticket, or another helpdesk's, may use the same one
                TicketEvent event = result.event();
                Integer first = indexByEventId.putIfAbsent(List.of(event.getSourceHelpdesk(), event.getTicketId(), event.getEventId()), i);
                if (first != null) {
                    errors.add(new FieldError("eventId", "repeats the eventId of item " + first + ", of the same ticket, in this batch"));
                }
            }
            ObjectNode answered;
            if (errors.isEmpty()) {
                good.add(result.event());
                goodAt.add(i);
                answered = accepted.addObject().put("index", i).put("eventId", result.event().getEventId());
            } else {
                answered = rejected.addObject().put("index", i);
                JsonNode eventId = items.get(i).path("eventId");
                if (eventId.isTextual()) {
                    answered.put("eventId", eventId.asText());
                }
                ArrayNode list = answered.putArray("errors");
                errors.forEach(e -> list.addObject().put("field", e.field()).put("reason", e.reason()));
            }
            if (!result.ignored().isEmpty()) {
                ArrayNode list = answered.putArray("ignored");
                result.ignored().forEach(e -> list.addObject().put("field", e.field()).put("reason", e.reason()));
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
        } catch (EventPublisher.RecordTooLargeException e) {
            // the text caps keep an event under Kafka's record size (ingest.max-text-length); said, should a setting let one through
            return Problem.tooLargeForKafka("item " + goodAt.get(e.index()), e);
        } catch (KafkaUnavailableException e) {
            String landed = e.written() == 0 ? "" : " (" + e.written() + " of them reached Kafka before the failure)";
            return Problem.unavailable(e, "None of the " + good.size() + " valid events is acknowledged" + landed,
                    "retry the whole request after " + settings.getRetryAfterSeconds() + " s (a replayed eventId is counted once).",
                    settings.getRetryAfterSeconds());
        }
        meters.counter("ingest.events.accepted").increment(good.size());
        ObjectNode answer = JSON.createObjectNode();
        answer.set("accepted", accepted);
        answer.set("rejected", rejected);
        return HttpResponse.<String>status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(answer.toString());
    }
}
