package dev.clausewatch.timeline;

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
        var marks = chart.marks().stream().sorted(java.util.Comparator.comparing(TimelineChart.Mark::label)).toList();
        assertThat(marks).extracting(TimelineChart.Mark::label).containsExactly("a", "b", "c");
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

    @Test
    void changes_too_close_to_draw_apart_become_one_mark_with_their_count() {
        var chart = TimelineChart.of(rows(), List.of(
                new TimelineChart.Change("x/terms-of-service", Instant.parse("2024-03-01T00:00:00Z"), false, "/a", "a"),
                new TimelineChart.Change("x/terms-of-service", Instant.parse("2024-03-03T00:00:00Z"), true, "/b", "b"),
                new TimelineChart.Change("x/terms-of-service", Instant.parse("2024-03-05T00:00:00Z"), false, "/c", "c"),
                new TimelineChart.Change("x/privacy-policy", Instant.parse("2024-03-02T00:00:00Z"), false, "/d", "d"),
                new TimelineChart.Change("x/terms-of-service", Instant.parse("2025-09-01T00:00:00Z"), false, "/e", "e")));
        assertThat(chart.marks()).hasSize(3);
        var group = chart.marks().stream().filter(m -> m.count() > 1).findFirst().orElseThrow();
        assertThat(group.count()).isEqualTo(3);
        assertThat(group.substantive()).as("a group with a substantive change is drawn as one").isTrue();
        assertThat(group.label()).startsWith("3 changes: ").contains("a", "b", "c");
        assertThat(group.href()).isEqualTo("/a");
        // No two marks of one row closer than a mark can be told apart.
        for (var a : chart.marks()) for (var b : chart.marks()) {
            if (a != b && a.y() == b.y()) assertThat(Math.abs(a.x() - b.x())).isGreaterThanOrEqualTo(TimelineChart.GAP);
        }
    }

    @Test
    void the_png_draws_a_filled_mark_where_a_substantive_change_is_and_a_hollow_one_for_a_cosmetic_change() throws Exception {
        var chart = TimelineChart.of(rows(), List.of(
                new TimelineChart.Change("x/terms-of-service", Instant.parse("2024-03-01T00:00:00Z"), true, "", "a"),
                new TimelineChart.Change("x/privacy-policy", Instant.parse("2025-06-01T00:00:00Z"), false, "", "b")));
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(TimelinePng.of(chart, 2)));
        assertThat(image.getWidth()).isEqualTo(chart.width() * 2);
        assertThat(image.getHeight()).isEqualTo(chart.height() * 2);
        var substantive = chart.marks().stream().filter(TimelineChart.Mark::substantive).findFirst().orElseThrow();
        var cosmetic = chart.marks().stream().filter(m -> !m.substantive()).findFirst().orElseThrow();
        assertThat(blue(image.getRGB((int) (substantive.x() * 2), substantive.y() * 2))).as("the centre of a filled mark").isTrue();
        assertThat(blue(image.getRGB((int) (cosmetic.x() * 2), cosmetic.y() * 2))).as("the centre of a hollow mark").isFalse();
        assertThat(blue(image.getRGB((int) (cosmetic.x() * 2) + 12, cosmetic.y() * 2))).as("the ring of a hollow mark").isTrue();
    }

    private static boolean blue(int rgb) {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        return b > 100 && b > r + 40 && b > g + 20;
    }
}
