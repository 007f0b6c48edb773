package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 *
 * <p>Events wait in a changelogged buffer until {@code batchSize} have come or {@code maxWait} has
 * passed, then the ones that need an embedding are embedded in one batched call: one ticket at a
 * time, the encoder's per-call cost dominates. The buffer is a state store, so under exactly-once a
 * crash loses nothing: the restored buffer is processed on the next flush.
 */
final class SortTicketProcessor implements Processor<String, TicketEvent, String, SortedTicket> {

    static final String TICKET_STATE_STORE = "ticket-state-store";
    static final String THEME_CLUSTERS_STORE = "theme-clusters-store";
    static final String PENDING_STORE = "pending-tickets-store";
    private static final int QUOTE_LENGTH = 280;

    private final Sorter sorter;
    private final TextVectors vectors;
    private final double emergingThreshold;
    private final Duration bugAtL1MaxAge;
    private final int batchSize;
    private final Duration maxWait;
    private ProcessorContext<String, SortedTicket> context;
    private KeyValueStore<String, SortedTicket> tickets;
    private KeyValueStore<String, TicketEvent> pending;
    private EmergingThemes emerging;
    private long nextSequence;
    private int pendingCount;

    SortTicketProcessor(Sorter sorter, TextVectors vectors, SortingTopology.Settings settings) {
        this.sorter = sorter;
        this.vectors = vectors;
        this.emergingThreshold = settings.emergingThreshold();
        this.bugAtL1MaxAge = settings.bugAtL1MaxAge();
        this.batchSize = settings.batchSize();
        this.maxWait = settings.maxWait();
    }

    @Override
    public void init(ProcessorContext<String, SortedTicket> context) {
        this.context = context;
        this.tickets = context.getStateStore(TICKET_STATE_STORE);
        this.pending = context.getStateStore(PENDING_STORE);
        KeyValueStore<String, ThemeCluster> clusters = context.getStateStore(THEME_CLUSTERS_STORE);
        this.emerging = new EmergingThemes(vectors, emergingThreshold, clusters::put);
        try (KeyValueIterator<String, ThemeCluster> all = clusters.all()) {
            all.forEachRemaining(kv -> emerging.restore(kv.value));
        }
        try (KeyValueIterator<String, TicketEvent> waiting = pending.all()) {
            while (waiting.hasNext()) {
                nextSequence = Math.max(nextSequence, Long.parseLong(waiting.next().key) + 1);
                pendingCount++;
            }
        }
        context.schedule(maxWait, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, TicketEvent> record) {
        if (record.value() == null) {
            return;
        }
        pending.put(String.format("%019d", nextSequence++), record.value());
        if (++pendingCount >= batchSize) {
            flush();
        }
    }

    /** Sorts every waiting event in arrival order, embedding those that need it in one batch. */
    private void flush() {
        if (pendingCount == 0) {
            return;
        }
        List<KeyValue<String, TicketEvent>> batch = new ArrayList<>();
        try (KeyValueIterator<String, TicketEvent> waiting = pending.all()) {
            waiting.forEachRemaining(batch::add);
        }
        Map<String, Sorting> sortings = new HashMap<>();
        List<String> toEmbed = new ArrayList<>();
        for (KeyValue<String, TicketEvent> kv : batch) {
            TicketEvent event = kv.value;
            if (hasWords(event) && (event.getType() == TicketEventType.CREATED || tickets.get(event.getTicketId()) == null)) {
                Sorting sorting = sorter.sort(event);
                sortings.put(kv.key, sorting);
                if (sorting.theme() == null) {
                    toEmbed.add(textOf(event));
                }
            }
        }
        List<float[]> embedded = vectors.vectors(toEmbed);
        int next = 0;
        for (KeyValue<String, TicketEvent> kv : batch) {
            Sorting sorting = sortings.get(kv.key);
            float[] vector = sorting != null && sorting.theme() == null ? embedded.get(next++) : null;
            sortOne(kv.value, sorting, vector);
            pending.delete(kv.key);
        }
        pendingCount = 0;
    }

    private static boolean hasWords(TicketEvent event) {
        return event.getSubject() != null || event.getBody() != null;
    }

    private static String textOf(TicketEvent event) {
        return (event.getSubject() == null ? "" : event.getSubject() + ". ") + (event.getBody() == null ? "" : event.getBody());
    }

    private void sortOne(TicketEvent event, Sorting sorting, float[] vector) {
        SortedTicket known = tickets.get(event.getTicketId());
        SortedTicket sorted;
        if (known == null || (event.getType() == TicketEventType.CREATED && !known.getCorrected())) {
            if (sorting == null) {
                return; // an event about a ticket created before the pipeline saw it, with no words to sort
            }
            sorted = sortNew(event, known, sorting, vector);
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
        context.forward(new Record<>(event.getProduct(), sorted, event.getOccurredAt().toEpochMilli()));
    }

    private SortedTicket sortNew(TicketEvent event, SortedTicket known, Sorting sorting, float[] vector) {
        String theme = sorting.theme();
        String themeSource = sorting.themeSource();
        List<String> reasons = new ArrayList<>(sorting.reasons());
        if (theme == null) {
            EmergingThemes.Assignment assignment = emerging.assign(event.getProduct(), event.getSubject(), textOf(event), vector);
            theme = assignment.theme();
            themeSource = "emerging";
            reasons.add(assignment.started()
                    ? "no taxonomy theme explains it: starts emerging theme '" + theme + "'"
                    : String.format(java.util.Locale.ROOT, "no taxonomy theme explains it: joins emerging theme '%s' (similarity %.2f)",
                            theme, assignment.similarity()));
        }
        Tier tier = event.getTier() != null ? event.getTier() : known == null ? null : known.getActualTier();
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
                .setActualTier(tier)
                .setRecommendedTier(sorting.recommendedTier())
                .setQuote(quote)
                // a CREATED event says when the ticket was created, whatever came before it
                .setCreatedAt(event.getType() == TicketEventType.CREATED || known == null || known.getCreatedAt() == null
                        ? event.getOccurredAt() : known.getCreatedAt())
                .setCounted(event.getType() == TicketEventType.CREATED || known != null && known.getCounted())
                // the tier the windows count it under: its actual tier when the CREATED event came
                .setCreatedTier(event.getType() == TicketEventType.CREATED ? tier : known == null ? null : known.getCreatedTier())
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
