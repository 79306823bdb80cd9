package dev.clausewatch.report;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.ProvisionAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A report laid out as one HTML page, the same page the PDF is printed from: a title, a table of
 * contents with page numbers (in print), the versions, the changes, the analysis, the methodology
 * and the verification appendix. Built with jsoup, so every text from a document is escaped.
 */
public final class ReportHtml {
    static final List<String[]> SECTIONS = List.of(new String[] {"versions", "1. Versions in the period and their evidence"},
            new String[] {"changes", "2. Changes"}, new String[] {"analysis", "3. Analysis"},
            new String[] {"methodology", "4. Methodology and disclaimer"}, new String[] {"verification", "Appendix: verification"});
    static final String STYLE = """
            @page { size: A4; margin: 18mm 16mm 20mm 16mm;
              @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #555; }
              @top-right { content: "Clausewatch report"; font-size: 8pt; color: #555; } }
            html, body { margin: 0; padding: 0; } body { font-family: sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; }
            h1 { font-size: 18pt; margin-bottom: 2pt; } h2 { font-size: 13pt; margin-top: 16pt; page-break-after: avoid; }
            h3 { font-size: 10.5pt; margin-bottom: 2pt; page-break-after: avoid; }
            table { border-collapse: collapse; width: 100%; } td, th { border: 0.5pt solid #999; padding: 2pt 3pt; vertical-align: top; text-align: left; }
            th { background: #eee; } .hash { font-family: monospace; font-size: 7pt; word-wrap: break-word; }
            blockquote { margin: 3pt 0 3pt 8pt; padding-left: 6pt; border-left: 2pt solid #bbb; }
            .muted { color: #555; } nav ol { padding-left: 0; list-style: none; } nav a { color: #111; text-decoration: none; }
            nav a::after { content: leader('.') target-counter(attr(href), page); }
            section { page-break-before: always; } pre { white-space: pre-wrap; font-size: 7pt; margin: 0; }
            """;

    private ReportHtml() {}

    public static Document of(Report r) {
        Document html = Document.createShell("");
        html.title("Report: " + r.title());
        html.head().appendElement("meta").attr("charset", "utf-8");
        html.head().appendElement("style").appendText(STYLE);
        Element body = html.body();
        body.appendElement("h1").text(r.title());
        body.appendElement("p").text(r.provisionId().map(id -> "Provision " + id + " of " + r.documentId()).orElse(r.documentId()) + " · "
                + period(r.from(), r.to()) + " · generated " + r.generatedAt());
        Element nav = body.appendElement("nav");
        nav.appendElement("h2").text("Contents");
        Element toc = nav.appendElement("ol");
        for (String[] s : SECTIONS) toc.appendElement("li").appendElement("a").attr("href", "#" + s[0]).text(s[1]);
        versions(section(body, 0), r);
        changes(section(body, 1), r);
        analysis(section(body, 2), r);
        methodology(section(body, 3), r);
        verification(section(body, 4), r);
        return html;
    }

    private static Element section(Element body, int index) {
        Element section = body.appendElement("section").attr("id", SECTIONS.get(index)[0]);
        section.appendElement("h2").text(SECTIONS.get(index)[1]);
        return section;
    }

    private static void versions(Element s, Report r) {
        s.appendElement("p").text((r.versions().size() == 1 ? "1 version was" : r.versions().size() + " versions were") + " in force in the period. Each is archived exactly; its SHA-256 is of its "
                + "text, and its chain hash links it to the record before it, so that no version can be altered or removed unnoticed.");
        Element table = s.appendElement("table");
        row(table, "th", "#", "First observed", "Last observed", "Kind", "Bytes", "Record");
        for (Report.VersionEvidence v : r.versions()) {
            row(table, "td", "" + v.number(), v.firstObservedAt().toString(), v.lastObservedAt().toString(), v.kind(), "" + v.bytes(), "" + v.recordSeq());
            Element detail = table.appendElement("tr").appendElement("td").attr("colspan", "6");
            detail.appendElement("div").addClass("hash").text("SHA-256 " + v.sha256() + " · chain " + v.chainHash());
            for (String source : v.sources()) detail.appendElement("div").addClass("muted").text(source);
        }
    }

    private static void changes(Element s, Report r) {
        if (!r.changes().isEmpty()) timeline(s, r);
        if (r.changes().isEmpty()) s.appendElement("p").text("No change in the period" + r.provisionId().map(id -> " to this provision").orElse("") + ".");
        for (Report.ChangeEntry c : r.changes()) {
            s.appendElement("h3").text("Version " + c.fromNumber() + " → " + c.toNumber() + ", observed " + c.observedAt());
            String notes = c.substantive().size() + " substantive, " + c.cosmetic() + " cosmetic"
                    + (c.technical() ? "; a technical upgrade (re-extraction): it never alerts" : "")
                    + c.variantOf().map(n -> "; the same text as version " + n + ", in another variant").orElse("");
            s.appendElement("p").addClass("muted").text(notes);
            for (Report.ProvisionChangeEntry p : c.substantive()) {
                Element item = s.appendElement("div");
                item.appendElement("p").appendElement("strong").text(p.explanation());
                item.appendElement("p").addClass("muted").text(p.kind() + " · " + p.provisionId() + (p.location().isEmpty() ? "" : " · " + p.location()));
                if (!p.before().isEmpty()) item.appendElement("blockquote").text("Before: " + p.before());
                if (!p.after().isEmpty()) item.appendElement("blockquote").text("After: " + p.after());
            }
        }
    }

    /** The changes of the period on a time axis, as an image (reports are printed without SVG). */
    private static void timeline(Element s, Report r) {
        java.util.SequencedMap<String, String> rows = new java.util.LinkedHashMap<>();
        rows.put(r.documentId(), r.provisionId().map(id -> "Provision " + id).orElse("Changes"));
        List<dev.clausewatch.timeline.TimelineChart.Change> changes = r.changes().stream().map(c -> new dev.clausewatch.timeline.TimelineChart.Change(
                r.documentId(), c.observedAt(), !c.substantive().isEmpty() && !c.technical() && c.variantOf().isEmpty(), "",
                c.fromNumber() + " → " + c.toNumber())).toList();
        byte[] png = dev.clausewatch.timeline.TimelinePng.of(dev.clausewatch.timeline.TimelineChart.of(rows, changes), 2);
        Element figure = s.appendElement("div");
        figure.appendElement("img").attr("src", "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png))
                .attr("alt", "Timeline of the " + r.changes().size() + " changes of the period").attr("style", "width: 100%;");
        figure.appendElement("p").addClass("muted").text("Filled: a change with substantive provision changes; hollow: cosmetic only, a technical "
                + "upgrade or a variant; a numbered ring: changes too close together to draw apart.");
    }

    private static void analysis(Element s, Report r) {
        s.appendElement("p").addClass("muted").text("Of " + (r.provisionId().isPresent() ? "the provision" : "the provisions on a governance topic")
                + " in the last version of the period; knowledge as of " + r.knowledgeAsOf() + ".");
        if (r.analyses().isEmpty()) s.appendElement("p").text("No provision of the last version of the period is on a governance topic.");
        for (ProvisionAnalysis a : r.analyses()) {
            s.appendElement("h3").text(a.location().isEmpty() ? a.provisionId() : a.location() + " [" + a.provisionId() + "]");
            s.appendElement("blockquote").text(a.quote());
            for (String m : a.meaning()) s.appendElement("p").text(m);
            s.appendElement("p").text("Exposure: " + a.exposure().level().name().toLowerCase(java.util.Locale.ROOT) + " (" + String.join("; ", a.exposure().reasons()) + ")");
            list(s, "Regulatory landscape", a.landscape().stream().map(p -> p.name() + " (" + p.jurisdiction() + ", " + p.verification() + "): " + p.why()
                    + (p.articles().isEmpty() ? "" : " Cites " + String.join("; ", p.articles()))).toList());
            if (!a.moreInstruments().isEmpty()) s.appendElement("p").addClass("muted").text("Also: " + String.join(", ", a.moreInstruments()));
            list(s, "Contract and vendor implications", a.contractImplications());
            list(s, "Compliance considerations", a.complianceConsiderations());
            list(s, "Action items", a.actionItems());
            s.appendElement("p").text("Interpretive note: " + a.interpretiveNote());
        }
    }

    private static void methodology(Element s, Report r) {
        s.appendElement("p").text("Versions are captured on a schedule or imported from public archives and kept exactly as published; provisions are "
                + "read from each version's structure and keep a lasting id across versions; each change between consecutive versions is "
                + "classified substantive or cosmetic by declared rules, with its reason in words. Topics, exposure and the regulatory landscape are "
                + "derived by fixed rules from the provision's own words and the knowledge data (" + r.knowledgeAsOf() + ").");
        s.appendElement("p").text(Analyzer.DISCLAIMER);
    }

    private static void verification(Element s, Report r) {
        s.appendElement("p").text("Recompute a version's SHA-256 from its text (`clausewatch show " + r.documentId() + " --version N | sha256sum`, or an "
                + "export), and re-check this whole report against the archive with `clausewatch verify --report FILE.pdf`: every hash below must "
                + "match the archive's, and the signed head must verify under its own key.");
        Element table = s.appendElement("table");
        row(table, "th", "#", "SHA-256 of the version", "Chain hash");
        for (Report.VersionEvidence v : r.versions()) {
            Element tr = table.appendElement("tr");
            tr.appendElement("td").text("" + v.number());
            tr.appendElement("td").addClass("hash").text(v.sha256());
            tr.appendElement("td").addClass("hash").text(v.chainHash());
        }
        if (r.head().isPresent()) {
            s.appendElement("h3").text("Signed head of the archive's log");
            Element head = s.appendElement("div").addClass("hash");
            for (String line : r.head().get().toJson().strip().split("\n")) head.appendElement("div").text(line);
        } else {
            s.appendElement("p").text("The archive had no signed head when this report was made.");
        }
    }

    private static void list(Element s, String title, List<String> items) {
        if (items.isEmpty()) return;
        s.appendElement("p").appendElement("strong").text(title);
        Element ul = s.appendElement("ul");
        for (String item : items) ul.appendElement("li").text(item);
    }

    private static void row(Element table, String cell, String... values) {
        Element tr = table.appendElement("tr");
        for (String v : values) tr.appendElement(cell).text(v);
    }

    private static String period(Optional<Instant> from, Optional<Instant> to) {
        return from.map(f -> "from " + f).orElse("from the first version") + " " + to.map(t -> "to " + t).orElse("to now");
    }
}
