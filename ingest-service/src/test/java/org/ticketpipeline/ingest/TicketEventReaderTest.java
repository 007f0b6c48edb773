package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Tier;
import org.ticketpipeline.schemas.TicketEventType;

class TicketEventReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TicketEventReader reader = new TicketEventReader(new IngestSettings());

    private TicketEventReader.Result read(String json) throws Exception {
        return reader.read(JSON.readTree(json));
    }

    @Test
    void shouldReadAFullEventAcceptingLowerCaseAndDashedEnums() throws Exception {
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("\"created\"", "\"customer-replied\"").replace("\"L1\"", "\"l2\""));

        assertThat(result.ok()).isTrue();
        assertThat(result.event().getType()).isEqualTo(TicketEventType.CUSTOMER_REPLIED);
        assertThat(result.event().getTier()).isEqualTo(Tier.L2);
        assertThat(result.event().getOccurredAt()).isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));
    }

    @Test
    void shouldTakeAProductPastedWithANoBreakSpaceAsTheProductAndAnInvisibleIdAsBlank() throws Exception {
        TicketEventReader.Result padded = read(TicketJson.created("e1", "t1").replace("\"ledger\"", "\"\u00a0ledger\u200b\u00a0\""));
        TicketEventReader.Result invisible = read(TicketJson.created("\u200b\u00a0", "t1"));

        assertThat(padded.ok()).isTrue();
        assertThat(padded.event().getProduct()).isEqualTo("ledger");
        assertThat(invisible.errors()).extracting(FieldError::field, FieldError::reason).containsExactly(org.assertj.core.groups.Tuple.tuple("eventId", "must not be blank"));
    }

    @Test
    void shouldListEveryProblemOfAnItemAtOnce() throws Exception {
        TicketEventReader.Result result = read("{\"eventId\": \" \", \"type\": \"created\", \"occurredAt\": true, \"tags\": [\"ok\", 3]}");

        assertThat(result.errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("eventId", "ticketId", "occurredAt", "sourceHelpdesk", "product", "tags[1]", "subject");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("eventId")).extracting(FieldError::reason).containsExactly("must not be blank");
    }

    @Test
    void shouldNameAFieldItDoesNotKnowAsLeftOutAndStillTakeTheEvent() throws Exception {
        // snake case from a helpdesk's own export: left out without a word, the repeat contacts and tier mix would be wrong
        // for good; refused, one extra field from a connector would turn every ticket away
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("\"customerId\"", "\"customer_id\"")
                .replace("\"tier\"", "\"Tier\""));

        assertThat(result.ok()).isTrue();
        assertThat(result.event().getCustomerId()).isNull();
        assertThat(result.ignored()).extracting(FieldError::field).containsExactlyInAnyOrder("customer_id", "Tier");
        assertThat(result.ignored().get(0).reason()).startsWith("is not a field of a ticket event; left out: eventId, ticketId, type, occurredAt");
    }

    @Test
    void shouldListTheValuesOfAFieldAsTheReadmeWritesThem() throws Exception {
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("\"L1\"", "\"L4\""));

        assertThat(result.errors()).containsExactly(new FieldError("tier", "'L4' is not one of L1 / L2 / L3"));
        assertThat(JsonFields.allowed(org.ticketpipeline.schemas.TicketKind.class)).isEqualTo("bug / brief-input / noise");
        assertThat(JsonFields.allowed(TicketEventType.class)).startsWith("created / customer_replied / ");
    }

    @Test
    void shouldCountCharactersAsAReaderDoesAndSayWhatADecimalTimeLacks() throws Exception {
        String emoji = "\uD83D\uDE00";
        TicketEventReader.Result atTheCap = read(TicketJson.created("e1", "t1").replace("CSV export times out", emoji.repeat(20_000)));
        TicketEventReader.Result over = read(TicketJson.created("e1", "t1").replace("CSV export times out", emoji.repeat(20_001)));
        TicketEventReader.Result decimal = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", "1764064800000.5"));
        TicketEventReader.Result wholeWithAPoint = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", "1764064800000.0"));
        TicketEventReader.Result exponent = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", "1.7640648e12"));

        assertThat(atTheCap.errors()).as("20,000 emoji are 20,000 characters").isEmpty();
        assertThat(over.errors()).containsExactly(new FieldError("subject", "is 20001 characters, over the cap of 20000"));
        assertThat(decimal.errors()).containsExactly(new FieldError("occurredAt",
                "must be an ISO-8601 instant string or epoch milliseconds, got a number that is not whole: send whole milliseconds"));
        for (TicketEventReader.Result whole : List.of(wholeWithAPoint, exponent)) {
            assertThat(whole.errors()).as("whole milliseconds, as a spreadsheet or a JavaScript client writes them").isEmpty();
            assertThat(whole.event().getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1_764_064_800_000L));
        }
    }

    @Test
    void shouldNameTheFirstFewFieldsItDoesNotKnowAndCountTheRest() throws Exception {
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < 90_000; i++) {
            extra.append("\"x").append(i).append("\": 0, ");
        }
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replaceFirst("\\{", "{" + extra));

        assertThat(result.ok()).isTrue();
        assertThat(result.ignored()).hasSize(JsonFields.MOST_OTHER_FIELDS_NAMED + 1);
        assertThat(result.ignored().get(0).field()).isEqualTo("x0");
        assertThat(result.ignored().get(JsonFields.MOST_OTHER_FIELDS_NAMED)).isEqualTo(
                new FieldError("(more)", "and 89,980 more such fields (the first 20 are named)"));
    }

    @Test
    void shouldTakeAnInstantWithAnOffsetOrWithoutSecondsAndSayWhatATimeWithoutAZoneLacks() throws Exception {
        String event = TicketJson.created("e1", "t1");
        assertThat(read(event.replace("2026-11-02T09:15:00Z", "2026-11-02T10:15+01:00")).event().getOccurredAt())
                .isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));
        assertThat(read(event.replace("2026-11-02T09:15:00Z", "2026-11-02T09:15Z")).event().getOccurredAt())
                .isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));

        assertThat(read(event.replace("2026-11-02T09:15:00Z", "2026-11-02T09:15:00")).errors()).singleElement()
                .extracting(FieldError::reason).asString().startsWith("'2026-11-02T09:15:00' has no time zone: add Z for UTC or an offset");
        assertThat(read(event.replace("2026-11-02T09:15:00Z", "2026-11-02")).errors()).singleElement()
                .extracting(FieldError::reason).asString().startsWith("'2026-11-02' is a date without a time");
    }

    @Test
    void shouldRefuseHalfASurrogatePairWhichWouldLandAsAQuestionMarkAndKeepAWholeEmoji() throws Exception {
        // "e-\ud800" and "e-\udc00" were two events here and one, "e-?", in Kafka: the second dropped as its replay
        TicketEventReader.Result cut = read(TicketJson.created("e-\\ud800", "t1").replace("CSV export", "Export \\ud83d"));

        assertThat(cut.ok()).isFalse();
        assertThat(cut.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("eventId", "subject");
        assertThat(cut.errors().get(0).reason()).contains("half of a UTF-16 surrogate pair (\\ud800) at position 2");
        TicketEventReader.Result whole = read(TicketJson.created("e1", "t1").replace("CSV export", "Export \\ud83d\\ude00"));
        assertThat(whole.ok()).as("an emoji is a whole pair").isTrue();
        assertThat(whole.event().getSubject()).startsWith("Export \uD83D\uDE00");
        assertThat(read(TicketJson.created("e1", "t1").replace("\"tags\": [", "\"tags\": [\"\\udc00\", ")).errors())
                .extracting(FieldError::field).containsExactly("tags[0]");
    }

    @Test
    void shouldTakeAProductWithoutItsOuterSpacesAndAskForWordsThatAreOnlyInvisibleCharacters() throws Exception {
        assertThat(read(TicketJson.created("e1", "t1").replace("\"ledger\"", "\" ledger \"")).event().getProduct()).isEqualTo("ledger");
        TicketEventReader.Result invisible = read(TicketJson.created("e1", "t1").replace("CSV export times out", "\u200b\u00a0")
                .replace("Export of last month's invoices spins then fails after 60 seconds.", "\ufeff"));
        assertThat(invisible.errors()).extracting(FieldError::field).containsExactly("subject");
    }

    @Test
    void shouldTakeEveryIdWithoutTheBlanksAtItsEndsSoAPaddedColumnNamesTheSameTicket() throws Exception {
        TicketEventReader.Result padded = read(TicketJson.created(" e1\u00a0", "zd-1 ").replace("\"c-81f2\"", "\"c-81f2\\t\"")
                .replace("\"4.2.0\"", "\"4.2.0 \""));

        assertThat(padded.ok()).isTrue();
        assertThat(padded.event().getEventId()).isEqualTo("e1");
        assertThat(padded.event().getTicketId()).isEqualTo("zd-1");
        assertThat(padded.event().getCustomerId()).isEqualTo("c-81f2");
        assertThat(padded.event().getProductVersion()).isEqualTo("4.2.0");
        assertThat(read(TicketJson.created("e1", "zd 1")).event().getTicketId()).as("a space inside stays").isEqualTo("zd 1");
    }

    @Test
    void shouldRefuseAProductNameHoldingTheWindowKeysSeparator() throws Exception {
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("\"ledger\"", "\"ledger|eu\""));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("product");
            assertThat(e.reason()).isEqualTo("must not hold '|', which separates the parts of a theme window's key");
        });
    }

    @Test
    void shouldRefuseAnEMailAddressAsTheCustomerIdAndTakeAPseudonym() throws Exception {
        String event = TicketJson.created("e1", "t1");

        for (String address : new String[] {"ana.lopez@example.com", "Ana.Lopez+billing@mail.example.co.uk", "Ana <ana@example.de>", "ana\uFF20example.com"}) {
            assertThat(read(event.replace("\"c-81f2\"", "\"" + address + "\"")).errors()).as(address).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("customerId");
                assertThat(e.reason()).startsWith("looks like an e-mail address: send a pseudonymous id");
            });
        }
        for (String pseudonym : new String[] {"c-81f2", "user@zendesk", "8f14e45fceea167a5a36dedd4bea2543"}) {
            assertThat(read(event.replace("\"c-81f2\"", "\"" + pseudonym + "\"")).event().getCustomerId()).isEqualTo(pseudonym);
        }
    }

    @Test
    void shouldRefuseAnEventFromTheFuture() throws Exception {
        String future = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("2026-11-02T09:15:00Z", future));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.reason()).contains("is in the future");
        });
    }

    @Test
    void shouldRefuseEpochSecondsButTakeEpochMilliseconds() throws Exception {
        TicketEventReader.Result seconds = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", "1793611500"));
        TicketEventReader.Result millis = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", "1793611500000"));

        assertThat(seconds.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.reason()).startsWith("1793611500 is before 1973 as epoch milliseconds; epoch seconds?");
        });
        assertThat(millis.ok()).isTrue();
        assertThat(millis.event().getOccurredAt()).isEqualTo(Instant.parse("2026-11-02T09:25:00Z"));
    }

    @Test
    void shouldRefuseADateStringBefore1973WithItsReason() throws Exception {
        // "0001-01-01T00:00:00Z" is how .NET and Go write "no date"; before 1970 Kafka refuses the record's timestamp
        for (String early : new String[] {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1973-03-03T09:46:39Z"}) {
            TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("2026-11-02T09:15:00Z", early));

            assertThat(result.errors()).as(early).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("occurredAt");
                assertThat(e.reason()).isEqualTo("'" + early + "' is before 1973, too early for a ticket's event: send the time the event happened");
            });
        }
        assertThat(read(TicketJson.created("e1", "t1").replace("2026-11-02T09:15:00Z", "1973-03-03T09:46:40Z")).ok()).isTrue();
    }

    @Test
    void shouldAskACreatedEventWithBlankWordsForASubjectOrBody() throws Exception {
        String blank = TicketJson.created("e1", "t1").replace("\"CSV export times out\"", "\"\"")
                .replace("\"Export of last month's invoices spins then fails after 60 seconds.\"", "\"  \\n \"");

        TicketEventReader.Result result = read(blank);

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("subject");
            assertThat(e.reason()).startsWith("a created event needs a subject or a body");
        });
        assertThat(read(blank.replace("\"created\"", "\"resolved\"")).ok()).as("only a creation needs words").isTrue();
        assertThat(read(blank.replace("\"subject\": \"\"", "\"subject\": 7")).errors()).as("a subject of the wrong type: one error, its own")
                .extracting(FieldError::reason).containsExactly("must be a string, got a number");
    }

    @Test
    void shouldAskARoutedEventForItsTier() throws Exception {
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("\"created\"", "\"routed\"").replace("\"tier\": \"L1\",", ""));

        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("tier"));
    }

    @Test
    void shouldAcceptEpochMillisForTime() throws Exception {
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", "1793610900000"));

        assertThat(result.ok()).isTrue();
        assertThat(result.event().getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1793610900000L));
    }

    @Test
    void shouldRefuseADateFarBeyondEpochMillisecondsNamingTheField() throws Exception {
        // Instant.parse takes years up to a billion; epoch milliseconds overflow past 292 million
        TicketEventReader.Result farAhead = read(TicketJson.created("e1", "t1").replace("2026-11-02T09:15:00Z", "+999999999-01-01T00:00:00Z"));
        TicketEventReader.Result farBack = read(TicketJson.created("e1", "t1").replace("2026-11-02T09:15:00Z", "-300000000-01-01T00:00:00Z"));

        assertThat(farAhead.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.reason()).contains("past year 9999");
        });
        assertThat(farBack.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.reason()).contains("before 1973");
        });
        TicketEventReader.Result maxLong = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", String.valueOf(Long.MAX_VALUE)));
        assertThat(maxLong.errors()).as("a long, but no time an event has").singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.reason()).isEqualTo(Long.MAX_VALUE + " is past year 9999 as epoch milliseconds: send the time the event happened");
        });
    }

    @Test
    void shouldRefuseANumberPastEpochMillisecondsRatherThanKeepItsLowBits() throws Exception {
        // its low 64 bits are 1763000000000, 2025-11-13: taken as a long it passed as a plausible date
        TicketEventReader.Result wrapped = read(TicketJson.created("e1", "t1").replace("\"2026-11-02T09:15:00Z\"", "18446745836709551616"));

        assertThat(wrapped.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.reason()).contains("out of the range of epoch milliseconds");
        });
    }

    @Test
    void shouldCapIdsAndTagsSoARecordNeverOutgrowsKafka() throws Exception {
        String longId = "t".repeat(JsonFields.MAX_ID_LENGTH + 1);
        StringBuilder tags = new StringBuilder("[");
        for (int i = 0; i <= JsonFields.MAX_TAGS; i++) {
            tags.append(i == 0 ? "" : ",").append("\"tag").append(i).append('"');
        }
        TicketEventReader.Result idTooLong = read(TicketJson.created("e1", longId));
        TicketEventReader.Result tooManyTags = read(TicketJson.created("e1", "t1").replace("[\"export\"]", tags.append(']').toString()));
        TicketEventReader.Result tagTooLong = read(TicketJson.created("e1", "t1").replace("[\"export\"]", "[\"ok\", \"" + longId + "\"]"));
        TicketEventReader.Result atTheCap = read(TicketJson.created("e1", "t".repeat(JsonFields.MAX_ID_LENGTH)));

        assertThat(idTooLong.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("ticketId");
            assertThat(e.reason()).isEqualTo("is 201 characters, over the cap of 200 for an id or name");
        });
        assertThat(tooManyTags.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("tags");
            assertThat(e.reason()).isEqualTo("holds 101 items, over the cap of 100");
        });
        assertThat(tagTooLong.errors()).extracting(FieldError::field).containsExactly("tags[1]");
        assertThat(atTheCap.ok()).isTrue();
    }

    @Test
    void shouldRefuseAnIdWithALineBreakNamingTheFieldAndWhere() throws Exception {
        TicketEventReader.Result result = read(TicketJson.created("e1", "t1").replace("\"t1\"", "\"t1\\nevent: watch\""));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("ticketId");
            assertThat(e.reason()).isEqualTo("has a line break or NUL (U+000A) at position 2: an id or name is one line of text");
        });
        assertThat(read(TicketJson.created("e1", "t1").replace("\"ledger\"", "\"ledger\\t\"")).ok())
                .as("a tab pasted from a spreadsheet breaks no line").isTrue();
    }
}
