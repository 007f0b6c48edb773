package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.ticketpipeline.classifier.sorting.Redactor;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.sorting.Sorting;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.EmergingThemes;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.TicketKind;

/**
 * Sorts a ticket when it is created (kind, level, reasons, tier), gives it its taxonomy theme or an
 * emerging one, and keeps the result, so later events (routed, resolved, reopened) carry it with the
 * ticket's current tier. Keyed by product: one product's emerging themes live in one task.
 */
final class SortTicketProcessor implements FixedKeyProcessor<String, TicketEvent, SortedTicket> {

    static final String TICKET_STATE_STORE = "ticket-state-store";
    static final String THEME_CLUSTERS_STORE = "theme-clusters-store";
    private static final int QUOTE_LENGTH = 280;

    private final Sorter sorter;
    private final TextVectors vectors;
    private final double emergingThreshold;
    private final Duration bugAtL1MaxAge;
    private FixedKeyProcessorContext<String, SortedTicket> context;
    private KeyValueStore<String, SortedTicket> tickets;
    private EmergingThemes emerging;

    SortTicketProcessor(Sorter sorter, TextVectors vectors, double emergingThreshold, Duration bugAtL1MaxAge) {
        this.sorter = sorter;
        this.vectors = vectors;
        this.emergingThreshold = emergingThreshold;
        this.bugAtL1MaxAge = bugAtL1MaxAge;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SortedTicket> context) {
        this.context = context;
        this.tickets = context.getStateStore(TICKET_STATE_STORE);
        KeyValueStore<String, ThemeCluster> clusters = context.getStateStore(THEME_CLUSTERS_STORE);
        this.emerging = new EmergingThemes(vectors, emergingThreshold, clusters::put);
        try (KeyValueIterator<String, ThemeCluster> all = clusters.all()) {
            all.forEachRemaining(kv -> emerging.restore(kv.value));
        }
    }

    @Override
    public void process(FixedKeyRecord<String, TicketEvent> record) {
        TicketEvent event = record.value();
        if (event == null) {
            return;
        }
        SortedTicket known = tickets.get(event.getTicketId());
        SortedTicket sorted;
        if (known == null || event.getType() == TicketEventType.CREATED) {
            if (event.getSubject() == null && event.getBody() == null) {
                return; // an event about a ticket created before the pipeline saw it, with no words to sort
            }
            sorted = sortNew(event, known);
        } else {
            sorted = SortedTicket.newBuilder(known)
                    .setEventId(event.getEventId())
                    .setEventType(event.getType())
                    .setOccurredAt(event.getOccurredAt())
                    .setActualTier(event.getTier() != null ? event.getTier() : known.getActualTier())
                    .build();
        }
        flagMisrouting(sorted, known == null ? event.getOccurredAt() : createdAt(known));
        tickets.put(event.getTicketId(), sorted);
        context.forward(record.withValue(sorted));
    }

    private SortedTicket sortNew(TicketEvent event, SortedTicket known) {
        Sorting sorting = sorter.sort(event);
        String theme = sorting.theme();
        String themeSource = sorting.themeSource();
        List<String> reasons = new ArrayList<>(sorting.reasons());
        if (theme == null) {
            String text = (event.getSubject() == null ? "" : event.getSubject() + ". ") + (event.getBody() == null ? "" : event.getBody());
            EmergingThemes.Assignment assignment = emerging.assign(event.getProduct(), text);
            theme = assignment.theme();
            themeSource = "emerging";
            reasons.add(assignment.started()
                    ? "no taxonomy theme explains it: starts emerging theme '" + theme + "'"
                    : String.format(java.util.Locale.ROOT, "no taxonomy theme explains it: joins emerging theme '%s' (similarity %.2f)",
                            theme, assignment.similarity()));
        }
        String words = event.getBody() != null ? event.getBody() : event.getSubject();
        String quote = Redactor.redact(words.length() > QUOTE_LENGTH ? words.substring(0, QUOTE_LENGTH) + "…" : words);
        return SortedTicket.newBuilder()
                .setTicketId(event.getTicketId())
                .setEventId(event.getEventId())
                .setEventType(event.getType())
                .setOccurredAt(event.getOccurredAt())
                .setProduct(event.getProduct())
                .setProductVersion(event.getProductVersion())
                .setCustomerId(event.getCustomerId())
                .setKind(sorting.kind())
                .setConfidence(sorting.confidence())
                .setLevel(sorting.level())
                .setTheme(theme)
                .setThemeSource(themeSource)
                .setReasons(reasons)
                .setActualTier(event.getTier() != null ? event.getTier() : known == null ? null : known.getActualTier())
                .setRecommendedTier(sorting.recommendedTier())
                .setQuote(quote)
                .setCreatedAt(known != null && known.getCreatedAt() != null ? known.getCreatedAt() : event.getOccurredAt())
                .build();
    }

    private static Instant createdAt(SortedTicket known) {
        return known.getCreatedAt() != null ? known.getCreatedAt() : known.getOccurredAt();
    }

    private void flagMisrouting(SortedTicket sorted, Instant createdAt) {
        List<String> why = new ArrayList<>();
        if (sorted.getKind() == TicketKind.NOISE && sorted.getActualTier() == Tier.L3) {
            why.add("noise escalated to L3");
        }
        if (sorted.getKind() == TicketKind.BUG && sorted.getActualTier() == Tier.L1
                && Duration.between(createdAt, sorted.getOccurredAt()).compareTo(bugAtL1MaxAge) > 0) {
            why.add("bug parked at L1 for over " + bugAtL1MaxAge.toHours() + " h");
        }
        sorted.setMisrouted(!why.isEmpty());
        sorted.setMisroutedReason(why.isEmpty() ? null : String.join("; ", why));
    }
}
