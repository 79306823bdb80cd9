package dev.clausewatch.extract;

import org.jsoup.nodes.Element;

/**
 * Bounds the cell spans of tables before conversion to Markdown. The converter lays a table out as
 * a grid of rows by columns; a page with {@code colspan}/{@code rowspan} of 65,534 (the HTML
 * maximum for rows) made it allocate gigabytes. A column span is cut to {@value #MAX_COLSPAN} (no
 * terms table spans more), a row span to the rows the table has (what browsers do with a span past
 * the end), and a span that is not a number is dropped, as browsers ignore it.
 */
final class TableSpans {
    static final int MAX_COLSPAN = 100;

    private TableSpans() {}

    static void bound(Element root) {
        for (Element table : root.getElementsByTag("table")) {
            int rows = Math.max(1, table.getElementsByTag("tr").size());
            for (Element cell : table.select("td, th")) {
                clamp(cell, "colspan", MAX_COLSPAN);
                clamp(cell, "rowspan", rows);
            }
        }
    }

    private static void clamp(Element cell, String attribute, int max) {
        if (!cell.hasAttr(attribute)) return;
        String value = cell.attr(attribute).strip();
        int span;
        try {
            span = value.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            cell.removeAttr(attribute);
            return;
        }
        // 0 means "to the end" for rows; anything below 1 or above the bound becomes the bound.
        if (span < 1 || span > max) cell.attr(attribute, String.valueOf(max));
    }
}
