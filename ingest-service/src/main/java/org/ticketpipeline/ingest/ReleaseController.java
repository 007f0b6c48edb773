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
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import org.ticketpipeline.schemas.release.HandoffGate;

/** {@code POST /v1/releases}: a release with its brief and its CS-signed support handoff. */
@Controller("/v1/releases")
class ReleaseController {

    private final ReleaseReader reader;
    private final EventPublisher publisher;
    private final IngestSettings settings;

    ReleaseController(ReleaseReader reader, EventPublisher publisher, IngestSettings settings) {
        this.reader = reader;
        this.publisher = publisher;
        this.settings = settings;
    }

    @Operation(operationId = "postRelease", summary = "A release with its brief and its CS-signed support handoff",
            description = "Taken only with a handoff that answers a Tier-1 agent's first questions and carries the signatures of "
                    + "cs_lead, product_owner, designer and tech_lead; otherwise 422 lists what is missing, in sentences, and "
                    + "nothing is written. The first 48 hours after releasedAt are watched against the brief's predicted themes.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ApiExamples.JSON,
            schema = @Schema(type = "object", description = "a release"),
            examples = @ExampleObject(name = "release", value = ApiExamples.RELEASE)))
    @ApiResponse(responseCode = "202", description = "the release is registered", content = @Content(mediaType = ApiExamples.JSON))
    @ApiResponse(responseCode = "422", description = "a field is wrong, or the handoff leaves questions open (missing lists them)",
            content = @Content(mediaType = ApiExamples.PROBLEM))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge in time: nothing is acknowledged; retry after Retry-After seconds",
            content = @Content(mediaType = ApiExamples.PROBLEM, examples = @ExampleObject(value = ApiExamples.KAFKA_DOWN)))
    @ApiResponse(responseCode = "400", description = "malformed JSON (with line and column) or a body of the wrong shape",
            content = @Content(mediaType = ApiExamples.PROBLEM))
    @ApiResponse(responseCode = "413", description = "over the body cap, or the release is larger than a Kafka record takes (1,000,000 bytes as Avro); "
            + "nothing is written, and sending it again will not help", content = @Content(mediaType = ApiExamples.PROBLEM))
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
        if (!json.isObject()) {
            // as for an event or a correction of the wrong shape: no release's handoff to tell of
            return Problem.of(HttpStatus.BAD_REQUEST, "Not a release", "the body must be a JSON object, got " + JsonFields.describe(json))
                    .response();
        }
        ReleaseReader.Result result = reader.read(json);
        if (!result.errors().isEmpty()) {
            // with what its handoff leaves open, unless the handoff's own fields are what is wrong: one refusal
            // says everything to complete, not the field errors first and the handoff at the next try
            List<FieldError> errors = new java.util.ArrayList<>(result.errors());
            List<HandoffGate.Missing> open = errors.stream().anyMatch(e -> e.field().startsWith("handoff"))
                    ? List.of() : HandoffGate.missing(result.handoff());
            open.forEach(m -> errors.add(new FieldError(m.field(), m.sentence())));
            Problem problem = Problem.of(HttpStatus.UNPROCESSABLE_ENTITY, "Release not valid", "the release is not valid: see errors")
                    .errors(errors);
            if (!open.isEmpty()) {
                com.fasterxml.jackson.databind.node.ArrayNode sentences = problem.extension().putArray("missing");
                open.forEach(m -> sentences.add(m.sentence()));
            }
            return problem.response();
        }
        List<HandoffGate.Missing> missing = HandoffGate.missing(result.release());
        if (!missing.isEmpty()) {
            // refused before anything is written: nothing half-registered, and the same release can be sent again when complete
            Problem problem = Problem.of(HttpStatus.UNPROCESSABLE_ENTITY, "Support handoff incomplete",
                    "Release " + result.release().getReleaseId() + " is not taken yet: the release-to-support handoff leaves "
                            + missing.size() + " question" + (missing.size() == 1 ? "" : "s") + " open. Complete it and send the release again.");
            problem.errors(missing.stream().map(m -> new FieldError(m.field(), m.sentence())).toList());
            com.fasterxml.jackson.databind.node.ArrayNode sentences = problem.extension().putArray("missing");
            missing.forEach(m -> sentences.add(m.sentence()));
            return problem.response();
        }
        try {
            publisher.publishRelease(result.release());
        } catch (EventPublisher.RecordTooLargeException e) {
            return Problem.tooLargeForKafka("the release", e);
        } catch (KafkaUnavailableException e) {
            return Problem.unavailable(e, "The release is not registered", "retry after " + settings.getRetryAfterSeconds() + " s.",
                    settings.getRetryAfterSeconds());
        }
        com.fasterxml.jackson.databind.node.ObjectNode answer = new ObjectMapper().createObjectNode()
                .put("releaseId", result.release().getReleaseId()).put("status", "accepted");
        String tooOld = ReleaseReader.tooOldToWatch(result.release().getReleasedAt(), java.time.Instant.now());
        if (tooOld != null) {
            answer.put("note", tooOld);
        }
        return HttpResponse.<String>status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(answer.toString());
    }
}
