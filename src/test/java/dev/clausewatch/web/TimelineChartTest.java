package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineChartTest {
    private static LinkedHashMap<String, String> rows() {
        LinkedHashMap<String, String> rows = new LinkedHashMap<>();
        rows.put("x/terms-of-service", "Terms of Service");
        rows.put("x/privacy-policy", "Privacy Policy");
        return rows;
    }

    @Test
    void marks_sit_on_their_documents_row_in_date_order_between_whole_year_ticks() {
        var chart = TimelineChart.of(rows(), List.of(
                new TimelineChart.Change("x/terms-of-service", Instant.parse("2024-01-01T00:00:00Z"), true, "/a", "a"),
                new TimelineChart.Change("x/privacy-policy", Instant.parse("2024-07-01T00:00:00Z"), false, "/b", "b"),
                new TimelineChart.Change("x/terms-of-service", Instant.parse("2025-12-31T00:00:00Z"), true, "/c", "c")));
        assertThat(chart.ticks()).extracting(TimelineChart.Tick::label).containsExactly("2024", "2025", "2026");
        assertThat(chart.ticks().getFirst().x()).isEqualTo(TimelineChart.LEFT);
        assertThat(chart.ticks().getLast().x()).isEqualTo(TimelineChart.WIDTH - TimelineChart.RIGHT);
        var marks = chart.marks();
        assertThat(marks.get(0).x()).isEqualTo(chart.ticks().get(0).x());
        assertThat(marks.get(1).x()).isBetween(chart.ticks().get(0).x(), chart.ticks().get(1).x());
        assertThat(marks.get(2).x()).isBetween(chart.ticks().get(1).x(), chart.ticks().get(2).x());
        assertThat(marks.get(0).y()).isEqualTo(marks.get(2).y()).isEqualTo(chart.rows().get(0).y()).isLessThan(marks.get(1).y());
        assertThat(chart.rows()).extracting(TimelineChart.Row::label).containsExactly("Terms of Service", "Privacy Policy");
        assertThat(chart.axisY()).isGreaterThan(chart.rows().getLast().y());
    }

    @Test
    void a_platform_without_changes_has_rows_and_no_marks_and_a_change_of_an_unknown_document_is_refused() {
        var empty = TimelineChart.of(rows(), List.of());
        assertThat(empty.rows()).hasSize(2);
        assertThat(empty.marks()).isEmpty();
        assertThatThrownBy(() -> TimelineChart.of(rows(), List.of(new TimelineChart.Change("y/terms", Instant.EPOCH, true, "/", "odd"))))
                .hasMessageContaining("y/terms");
    }
}
