package org.ticketpipeline.classifier.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ticketpipeline.classifier.topology.ClassifierTopology;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.json.OneLine;

/**
 * What the classifier made of a ticket: its kind, level, theme and tier with the reasons, and whether a person corrected
 * it. The reasons are what a person pushes back on, and a correction is only seen to win here: the counts move, but
 * nothing else says which ticket they moved for.
 */
@Controller("/v1/tickets")
class TicketController {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The ingest's cap on an id: a longer one was never taken, so it is no ticket's. */
    static final int MAX_ID_LENGTH = org.ticketpipeline.schemas.json.OneLine.MAX_LENGTH;
    static final String PROBLEM_JSON = "application/problem+json";

    private final SortedTickets tickets;

    TicketController(SortedTickets tickets) {
        this.tickets = tickets;
    }

    @Get(uri = "/{ticketId}", produces = {MediaType.APPLICATION_JSON, PROBLEM_JSON})
    @ExecuteOn(TaskExecutors.BLOCKING) // a store read, and the registry asked for a schema the first time: not on the event loop
    HttpResponse<String> sorting(@PathVariable String ticketId) {
        if (ticketId.length() > MAX_ID_LENGTH) {
            return problem(HttpStatus.BAD_REQUEST, "Not a ticket id", "ticketId is " + ticketId.length() + " characters, over the cap of "
                    + MAX_ID_LENGTH + ": no ticket has such an id");
        }
        if (OneLine.problem(ticketId) != null) {
            return problem(HttpStatus.BAD_REQUEST, "Not a ticket id", "ticketId " + OneLine.problem(ticketId));
        }
        Optional<SortedTicket> sorted;
        try {
            sorted = tickets.find(ticketId);
        } catch (InvalidStateStoreException e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Tickets not readable now",
                    "the classifier cannot read its tickets at the moment (" + e.getMessage() + "): ask again in a few seconds")
                    .header("Retry-After", "5");
        }
        if (sorted.isPresent() && ClassifierTopology.onlyHeardOf(sorted.get())) {
            // an event came before the ticket's words (routed before created, or a ticket older than the pipeline): kept to
            // route by, with no sorting of its own, and not to be read as "the classifier called it noise"
            return problem(HttpStatus.NOT_FOUND, "Ticket not sorted yet", "ticket " + quoted(ticketId) + " is known from its "
                    + sorted.get().getEventType().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " event, but no event with its words"
                    + " (created) has come: it is sorted when one does");
        }
        if (sorted.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Ticket not sorted here", "no ticket " + quoted(ticketId) + " is sorted on this classifier:"
                    + " not sent, not sorted yet (a ticket takes about a second), or, with several classifier instances, held by another");
        }
        return HttpResponse.ok(json(sorted.get())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /** The sorting as the API shows it: kinds as a correction names them ("brief-input"), times as ISO-8601. */
    static String json(SortedTicket t) {
        ObjectNode out = JSON.createObjectNode();
        out.put("ticketId", t.getTicketId());
        out.put("product", t.getProduct());
        out.put("sourceHelpdesk", t.getSourceHelpdesk());
        out.put("kind", t.getKind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        out.put("confidence", Math.round(t.getConfidence() * 100) / 100.0);
        out.put("level", t.getLevel());
        out.put("theme", t.getTheme());
        out.put("themeSource", t.getThemeSource());
        ArrayNode reasons = out.putArray("reasons");
        t.getReasons().forEach(reasons::add);
        out.put("recommendedTier", t.getRecommendedTier());
        out.put("actualTier", t.getActualTier() == null ? null : t.getActualTier().name());
        out.put("misrouted", t.getMisrouted());
        out.put("misroutedReason", t.getMisroutedReason());
        out.put("corrected", t.getCorrected());
        ArrayNode corrections = out.putArray("appliedCorrections");
        t.getAppliedCorrections().forEach(corrections::add);
        out.put("quote", t.getQuote());
        out.put("createdAt", instant(t.getCreatedAt()));
        out.put("lastEventAt", instant(t.getLastEventAt()));
        out.put("resolved", t.getResolved());
        return out.toString();
    }

    private static String instant(Instant at) {
        return at == null ? null : at.toString();
    }

    /** An id as an answer quotes it: in quotes, and cut, so a long one does not fill the answer. */
    private static String quoted(String id) {
        return "'" + (id.length() <= 60 ? id : id.substring(0, 60) + "…") + "'";
    }

    private static MutableHttpResponse<String> problem(HttpStatus status, String title, String detail) {
        ObjectNode body = JSON.createObjectNode().put("type", "about:blank").put("title", title).put("status", status.getCode()).put("detail", detail);
        return HttpResponse.<String>status(status).body(body.toString()).contentType(PROBLEM_JSON);
    }
}
