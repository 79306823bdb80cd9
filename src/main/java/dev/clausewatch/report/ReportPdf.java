package dev.clausewatch.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.jsoup.helper.W3CDom;

/**
 * A report printed to PDF from its HTML page (openhtmltopdf), carrying its evidence in the PDF's
 * document information ({@value #EVIDENCE}): the document, each version's number, SHA-256 and chain
 * hash, and the signed head, as JSON, for `verify --report`.
 */
public final class ReportPdf {
    static final String EVIDENCE = "ClausewatchEvidence";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportPdf() {}

    public static byte[] of(Report report) {
        try {
            try (PDDocument pdf = Loader.loadPDF(print(ReportHtml.of(report)))) {
                pdf.getDocumentInformation().setTitle("Report: " + report.title());
                pdf.getDocumentInformation().setCreator("Clausewatch");
                pdf.getDocumentInformation().setCustomMetadataValue(EVIDENCE, evidence(report));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                pdf.save(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print the report of " + report.documentId() + ": " + e.getMessage(), e);
        }
    }

    /** A page printed to PDF. */
    public static byte[] print(org.jsoup.nodes.Document html) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.withW3cDocument(new W3CDom().fromJsoup(html), "/");
            builder.toStream(printed);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print " + html.title() + ": " + e.getMessage(), e);
        }
        return printed.toByteArray();
    }

    static String evidence(Report report) throws IOException {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("document", report.documentId());
        List<Map<String, Object>> versions = report.versions().stream().map(v -> {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("number", v.number());
            version.put("sha256", v.sha256());
            version.put("chainHash", v.chainHash());
            return version;
        }).toList();
        evidence.put("versions", versions);
        if (report.head().isPresent()) evidence.put("head", JSON.readTree(report.head().get().toJson()));
        return JSON.writeValueAsString(evidence);
    }
}
