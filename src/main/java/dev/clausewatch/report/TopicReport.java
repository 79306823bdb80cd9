package dev.clausewatch.report;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.TopicComparison;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * "How N platforms describe TOPIC": the topic comparison as a report, one row per platform and
 * provision with its stance, quote, document and the date of the version quoted; as CSV for
 * spreadsheets, and as a page printed to PDF like the document reports.
 */
public record TopicReport(String topicId, String title, String at, Instant generatedAt, List<Row> rows) {
    static final List<String> COLUMNS = List.of("platform", "stance", "document", "version_date", "provision_id", "quote");

    /** A comparison row with the date of the version it quotes (empty for a platform that says nothing on the topic). */
    public record Row(String platform, String stance, String document, String versionDate, String provisionId, String quote) {}

    public TopicReport {
        rows = List.copyOf(rows);
    }

    /** {@code versionDates}: the first observation of each compared document's version, by document id. */
    public static TopicReport of(String topicId, String title, String at, Instant now, List<TopicComparison.Row> rows, Map<String, Instant> versionDates) {
        return new TopicReport(topicId, title, at, now, rows.stream().map(r -> new Row(r.platform(), r.stance(), r.document(),
                r.document().isEmpty() || !versionDates.containsKey(r.document()) ? "" : versionDates.get(r.document()).toString().substring(0, 10),
                r.provisionId(), r.quote())).toList());
    }

    public long platforms() {
        return rows.stream().map(Row::platform).distinct().count();
    }

    public String csv() {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (Row r : rows) csv.printRecord(r.platform(), r.stance(), r.document(), r.versionDate(), r.provisionId(), r.quote());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public Document html() {
        Document html = Document.createShell("");
        String heading = "How " + platforms() + " platforms describe " + title.toLowerCase(java.util.Locale.ROOT);
        html.title(heading);
        html.head().appendElement("meta").attr("charset", "utf-8");
        html.head().appendElement("style").appendText(ReportHtml.STYLE.replace("section { page-break-before: always; }", ""));
        Element body = html.body();
        body.appendElement("h1").text(heading);
        body.appendElement("p").addClass("muted").text(topicId + " · " + at + " · generated " + generatedAt);
        Element table = body.appendElement("table");
        Element head = table.appendElement("tr");
        for (String c : List.of("Platform", "Stance", "Document", "Version of", "Quote")) head.appendElement("th").text(c);
        for (Row r : rows) {
            Element tr = table.appendElement("tr");
            tr.appendElement("td").text(r.platform());
            tr.appendElement("td").text(r.stance());
            tr.appendElement("td").text(r.document() + (r.provisionId().isEmpty() ? "" : " #" + r.provisionId()));
            tr.appendElement("td").text(r.versionDate());
            tr.appendElement("td").text(r.quote());
        }
        body.appendElement("p").addClass("muted").text(Analyzer.DISCLAIMER);
        return html;
    }
}
