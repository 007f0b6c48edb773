package org.ticketpipeline.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.TicketKind;
import org.ticketpipeline.schemas.json.IdempotencyKey;
import org.ticketpipeline.schemas.json.OneLine;

/**
 * {@code POST /v1/tickets/{ticketId}/corrections}: a person pushes back on a sorting (kind, chain
 * level or theme). The corrected sorting wins from then on and is kept as labelled data.
 */
@Controller("/v1/tickets")
class CorrectionController {

    private final EventPublisher publisher;
    private final IngestSettings settings;

    CorrectionController(EventPublisher publisher, IngestSettings settings) {
        this.publisher = publisher;
        this.settings = settings;
    }

    @Operation(operationId = "postCorrection", summary = "A person pushes back on a ticket's sorting: kind, chain level or theme",
            description = "The corrected sorting wins from then on and is shown as corrected; corrections are kept as labelled data. "
                    + "kind is bug, brief-input or noise; level (a bug's only) is brief, design, build, release or "
                    + "system:<back-stage system>; product and by are required.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ApiExamples.JSON,
            schema = @Schema(type = "object", description = "a correction"),
            examples = @ExampleObject(name = "correction", value = ApiExamples.CORRECTION)))
    @ApiResponse(responseCode = "202", description = "the correction is in Kafka", content = @Content(mediaType = ApiExamples.JSON))
    @ApiResponse(responseCode = "422", description = "a field is wrong: errors names each with the reason",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(value = ApiExamples.FIELD_PROBLEM)))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge in time: nothing is acknowledged; retry after Retry-After seconds",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(value = ApiExamples.KAFKA_DOWN)))
    @ApiResponse(responseCode = "400", description = "malformed JSON (with line and column) or a body of the wrong shape",
            content = @Content(mediaType = ApiExamples.PROBLEM))
    @ApiResponse(responseCode = "413", description = "over the body cap, or the correction is larger than a Kafka record takes (1,000,000 bytes as Avro); "
            + "nothing is written, and sending it again will not help", content = @Content(mediaType = ApiExamples.PROBLEM))
    @ApiResponse(responseCode = "415", description = "a body sent as anything but application/json", content = @Content(mediaType = ApiExamples.PROBLEM))
    @io.swagger.v3.oas.annotations.Parameter(name = IdempotencyKey.HEADER, in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
            description = "names the correction, so that sending it again (after a timeout or a 503) applies it once; one line, at most 200 characters")
    @Post("/{ticketId}/corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> correct(@PathVariable String ticketId, HttpRequest<byte[]> request) {
        JsonNode json;
        try {
            json = JsonBody.parse(request);
        } catch (JsonBody.MalformedJson e) {
            return e.problem().response();
        }
        List<FieldError> errors = new ArrayList<>();
        if (!json.isObject()) {
            return Problem.of(HttpStatus.BAD_REQUEST, "Not a correction", "the body must be a JSON object").response();
        }
        // as in a ticket's events, where "zd-1 " is ticket zd-1
        ticketId = ticketId == null ? null : org.ticketpipeline.schemas.text.Blank.strip(ticketId);
        if (org.ticketpipeline.schemas.text.Blank.isBlank(ticketId)) {
            errors.add(new FieldError("ticketId", "the path names no ticket: /v1/tickets/{ticketId}/corrections"));
        } else if (ticketId.length() > JsonFields.MAX_ID_LENGTH) {
            errors.add(new FieldError("ticketId", "is " + ticketId.length() + " characters, over the cap of " + JsonFields.MAX_ID_LENGTH));
        } else if (OneLine.problem(ticketId) != null) {
            errors.add(new FieldError("ticketId", OneLine.problem(ticketId)));
        }
        JsonFields f = new JsonFields(json, "", settings.getMaxTextLength(), errors)
                .onlyFields("a correction", List.of("product", "kind", "level", "theme", "by", "note"));
        String product = f.requiredProduct("product");
        TicketKind kind = f.optionalEnum("kind", TicketKind.class);
        // blank is not given: a form sends every field, and a blank theme would move the ticket into a nameless one
        // a theme names windows and readings (a reading's id is a server-sent event's id, and a subscription
        // names a theme in at most 200 characters): one line, the cap of a name
        String level = blankAsAbsent(f.optionalId("level"));
        String theme = blankAsAbsent(f.optionalId("theme"));
        String by = f.requiredId("by");
        String note = f.optionalString("note");
        // a client's retry after an answer it did not get (a timeout, a 503 once the write was on its way) sends
        // its key again, and the sorter applies a correction once by its id: not again, over a newer one
        String key = request.getHeaders().get(IdempotencyKey.HEADER);
        String keyProblem = IdempotencyKey.problem(request.getHeaders().getAll(IdempotencyKey.HEADER));
        if (keyProblem != null) {
            errors.add(new FieldError(IdempotencyKey.HEADER, keyProblem));
        }
        // said beside the other fields' errors, so that a correction is put right in one round; not when kind, level or
        // theme was given but refused, which that field's own error says
        if (kind == null && level == null && theme == null && errors.stream().noneMatch(e -> List.of("kind", "level", "theme").contains(e.field()))) {
            errors.add(new FieldError("kind", "a correction names at least one of kind (bug / brief-input / noise), level or theme"));
        }
        if (level != null && kind != null && kind != TicketKind.BUG) {
            errors.add(new FieldError("level", "only a bug traces to a chain level; drop level or make kind bug"));
        } else if (level != null && !org.ticketpipeline.schemas.text.ChainLevels.isLevel(level)) {
            errors.add(new FieldError("level", "a chain level is brief, design, build, release or system:<back-stage system>, got '" + level + "'"));
        } else if (level == null && kind == TicketKind.BUG && errors.stream().noneMatch(e -> e.field().equals("level"))) {
            // the seeds' rule: what traces to no level is not a bug, and the person making it one knows where it broke
            errors.add(new FieldError("level", "a bug traces to a chain level: name brief, design, build, release or "
                    + "system:<back-stage system> with kind bug (for a ticket already a bug, its level again)"));
        }
        if (!errors.isEmpty()) {
            return Problem.of(HttpStatus.UNPROCESSABLE_ENTITY, "Correction not valid", "the correction is not valid: see errors")
                    .errors(errors).response();
        }
        Correction correction = Correction.newBuilder()
                .setCorrectionId(key != null ? keyed(key, ticketId, product, kind, level, theme, by, note) : UUID.randomUUID().toString())
                .setTicketId(ticketId)
                .setProduct(product)
                .setKind(kind)
                .setLevel(level)
                .setTheme(theme)
                .setBy(by)
                .setNote(note)
                .setCorrectedAt(Instant.now())
                .build();
        try {
            publisher.publishCorrection(correction);
        } catch (EventPublisher.RecordTooLargeException e) {
            return Problem.tooLargeForKafka("the correction", e);
        } catch (KafkaUnavailableException e) {
            return Problem.unavailable(e, "The correction is not taken", "retry after " + settings.getRetryAfterSeconds() + " s"
                    + (key != null ? " with the same Idempotency-Key: it is applied once." : "; send it with an Idempotency-Key header, "
                    + "the same on every try, and it is applied once (a write that timed out may still land)."), settings.getRetryAfterSeconds());
        }
        return HttpResponse.<String>status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .body(new ObjectMapper().createObjectNode().put("correctionId", correction.getCorrectionId())
                        .put("ticketId", ticketId).put("status", "accepted").toString());
    }

    /**
     * A correction's id from its Idempotency-Key and what it says: the same correction sent again has the same
     * id, and is applied once; another correction sent under a key used before (a client that sends the ticket
     * id as its key) is another correction, not dropped as the first one's repeat.
     */
    static String keyed(String key, String ticketId, String product, TicketKind kind, String level, String theme, String by, String note) {
        String content = String.join("\u0000", ticketId, product, String.valueOf(kind), String.valueOf(level), String.valueOf(theme), by,
                String.valueOf(note));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return key + "~" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** No words (spaces, a no-break or zero-width space: what a form or a paste leaves) is not given. */
    private static String blankAsAbsent(String value) {
        return value == null || org.ticketpipeline.schemas.text.Blank.isBlank(value) ? null : org.ticketpipeline.schemas.text.Blank.strip(value);
    }
}
