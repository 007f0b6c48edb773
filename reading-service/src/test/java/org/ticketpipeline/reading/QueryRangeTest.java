package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A week or an instant whose year ISO-8601 takes but epoch milliseconds cannot hold is a bad request
 * naming the parameter, not an arithmetic overflow answered 500. The range is judged before the tables
 * are read, so the controllers need none here.
 */
class QueryRangeTest {

    @Test
    void shouldAnswer400NamingWeekForAWeekOutOfRange() {
        WeeklyReadingController controller = new WeeklyReadingController(null);
        for (String week : List.of("-300000000-01-01", "+300000000-01-01", "+10000-01-03")) {
            HttpResponse<?> refused = controller.weekly("ledger", week, "json", "trio", null);

            assertThat(refused.code()).as(week).isEqualTo(400);
            assertThat(SubscriptionControllerTest.problem(refused).errors()).as(week).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("week");
                assertThat(e.reason()).contains(week).contains("out of range");
            });
        }
    }

    @Test
    void shouldAnswer400NamingAtForAnInstantOutOfRange() {
        ThemesController controller = new ThemesController(null);
        for (String at : List.of("-300000000-01-01T00:00:00Z", "+300000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            HttpResponse<?> refused = controller.themes("ledger", "week", at);

            assertThat(refused.code()).as(at).isEqualTo(400);
            assertThat(SubscriptionControllerTest.problem(refused).errors()).as(at).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("at");
                assertThat(e.reason()).contains(at).contains("out of range");
            });
        }
    }

    @Test
    void shouldHoldEveryTimeFromYear0000ToYear9999() {
        assertThat(QueryRange.holds(java.time.Instant.parse("0000-01-01T00:00:00Z"))).isTrue();
        assertThat(QueryRange.holds(java.time.Instant.parse("9999-12-31T23:59:59.999Z"))).isTrue();
        assertThat(QueryRange.holds(java.time.Instant.parse("-0001-12-31T23:59:59Z"))).isFalse();
        assertThat(QueryRange.holds(java.time.Instant.parse("+10000-01-01T00:00:00Z"))).isFalse();
    }
}
