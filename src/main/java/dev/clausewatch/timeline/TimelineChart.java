package dev.clausewatch.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The governance timeline of a platform as a chart: one row per document, one mark per change at
 * its date, filled for substantive changes and hollow for cosmetic ones. Only geometry is computed
 * here; the template draws it as inline SVG (no script), and the page keeps the same events as a
 * list for readers who cannot see the chart.
 */
public record TimelineChart(int width, int height, int left, List<Row> rows, List<Tick> ticks, List<Mark> marks) {
    /** A document's row: its label and the vertical centre of its marks. */
    public record Row(String label, int y) {}

    /** A year boundary on the time axis. */
    public record Tick(String label, double x) {}

    /**
     * One change, or several that fall too close together on one row to be told apart (then
     * {@code count} of them, drawn as one numbered mark linking to the first): where it is drawn,
     * whether any is substantive, where it links, and its accessible name.
     */
    public record Mark(double x, int y, boolean substantive, String href, String label, int count) {}

    /** A change as the chart needs it. */
    public record Change(String document, Instant at, boolean substantive, String href, String label) {}

    static final int WIDTH = 760, LEFT = 190, RIGHT = 16, ROW = 30, TOP = 10, AXIS = 28;
    /** Marks of one row closer than this (a mark's diameter and a little) are drawn as one, with their count. */
    static final double GAP = 14;

    /**
     * The chart of {@code changes} with one row per document, labelled and ordered as {@code labels}
     * (document id → label); rows without changes are kept: no change is news too.
     */
    public static TimelineChart of(java.util.SequencedMap<String, String> labels, List<Change> changes) {
        List<String> documents = List.copyOf(labels.sequencedKeySet());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) rows.add(new Row(labels.get(documents.get(i)), TOP + i * ROW + ROW / 2));
        int height = TOP + documents.size() * ROW + AXIS;
        if (changes.isEmpty()) return new TimelineChart(WIDTH, height, LEFT, rows, List.of(), List.of());
        Instant first = changes.stream().map(Change::at).min(Instant::compareTo).orElseThrow();
        Instant last = changes.stream().map(Change::at).max(Instant::compareTo).orElseThrow();
        // The axis runs over whole years around the changes, so ticks fall on 1 January.
        Instant start = LocalDate.of(first.atZone(ZoneOffset.UTC).getYear(), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = LocalDate.of(last.atZone(ZoneOffset.UTC).getYear() + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        double span = end.getEpochSecond() - start.getEpochSecond();
        double plot = WIDTH - LEFT - RIGHT;
        List<Tick> ticks = new ArrayList<>();
        for (int year = first.atZone(ZoneOffset.UTC).getYear(); year <= last.atZone(ZoneOffset.UTC).getYear() + 1; year++) {
            Instant at = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            ticks.add(new Tick(String.valueOf(year), round(LEFT + plot * (at.getEpochSecond() - start.getEpochSecond()) / span)));
        }
        List<Mark> marks = new ArrayList<>();
        for (Change c : changes) {
            int row = documents.indexOf(c.document());
            if (row < 0) throw new IllegalArgumentException("The change " + c.label() + " is of " + c.document() + ", which has no row in the chart.");
            double x = round(LEFT + plot * (c.at().getEpochSecond() - start.getEpochSecond()) / span);
            marks.add(new Mark(x, rows.get(row).y(), c.substantive(), c.href(), c.label(), 1));
        }
        return new TimelineChart(WIDTH, height, LEFT, rows, ticks, grouped(marks));
    }

    /** Nearby marks of a row as one mark with their count, so that a busy month never draws a blob. */
    private static List<Mark> grouped(List<Mark> marks) {
        List<Mark> sorted = new ArrayList<>(marks);
        sorted.sort(java.util.Comparator.comparingInt(Mark::y).thenComparingDouble(Mark::x));
        List<Mark> groups = new ArrayList<>();
        List<Mark> group = new ArrayList<>();
        for (Mark m : sorted) {
            if (!group.isEmpty() && (m.y() != group.getFirst().y() || m.x() - group.getFirst().x() >= GAP)) {
                groups.add(merge(group));
                group.clear();
            }
            group.add(m);
        }
        if (!group.isEmpty()) groups.add(merge(group));
        return groups;
    }

    private static Mark merge(List<Mark> group) {
        if (group.size() == 1) return group.getFirst();
        double x = round(group.stream().mapToDouble(Mark::x).average().orElseThrow());
        boolean substantive = group.stream().anyMatch(Mark::substantive);
        String label = group.size() + " changes: " + String.join("; ", group.stream().map(Mark::label).toList());
        return new Mark(x, group.getFirst().y(), substantive, group.getFirst().href(), label, group.size());
    }

    /** The baseline of the time axis. */
    public int axisY() {
        return height - AXIS + 4;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
