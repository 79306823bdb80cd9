package dev.clausewatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of the AWS Responsible AI Policy (seed 001) and of a ChatGPT provision over its history,
 * printed to PDF, rendered to images, read back, and re-checked against the archive.
 */
class ReportTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    @TempDir Path dir;
    private Workspace workspace;
    private Reports reports;

    @BeforeEach
    void importAndProcess() {
        workspace = TestStores.SQLITE.open(dir);
        workspace.importer().importPaths(List.of(TestStores.shared("seeds/001_bd4926011f68c2e1.txt"), TestStores.shared("data/ota-history/amazon-web-services"),
                TestStores.shared("data/ota-history/chatgpt")));
        workspace.processor().catchUp(p -> {});
        workspace.ledger().seal();
        reports = new Reports(workspace.archive(), workspace.records(), workspace.analyzer());
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    @Test
    void the_responsible_ai_policy_report_has_every_section_page_numbers_and_its_evidence() throws Exception {
        Document rai = workspace.registry().document(DocumentId.parse("amazon-web-services/responsible-ai-policy")).orElseThrow();
        Report report = reports.of(rai, Optional.empty(), Optional.empty(), Optional.empty(), workspace.ledger().newestHead(), NOW);
        byte[] pdf = ReportPdf.of(report);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(5);
            String text = new PDFTextStripper().getText(document);
            for (String[] section : ReportHtml.SECTIONS) assertThat(text).contains(section[1]);
            assertThat(text).contains("Page 1 of " + document.getNumberOfPages(), "consequential decisions", "Requires you to evaluate the potential risks",
                    "EU AI Act", "not a legal determination", report.versions().getFirst().sha256(), workspace.ledger().newestHead().orElseThrow().rootHash());
            // Each page renders to an image with ink on it: the layout did not fail silently into blank pages.
            // The pages are kept under target/report-pages for a person to look at.
            java.nio.file.Files.createDirectories(Path.of("target/report-pages"));
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                BufferedImage image = renderer.renderImageWithDPI(page, 60);
                assertThat(inked(image)).as("ink on page %d", page + 1).isGreaterThan(0.0003);
                if (page < 5) javax.imageio.ImageIO.write(image, "png", Path.of("target/report-pages/rai-" + (page + 1) + ".png").toFile());
            }
            PDDocumentInformation info = document.getDocumentInformation();
            assertThat(info.getCustomMetadataValue(ReportPdf.EVIDENCE)).contains(report.versions().getFirst().chainHash());
        }
        assertThat(ReportVerification.check("rai.pdf", pdf, workspace.archive(), workspace.ledger().newestHead()).intact()).isTrue();
        renderedByPoppler(pdf, "rai");

        // One byte of the archive altered (the version's text, under its unchanged row): the report no longer verifies, and says where.
        String sha = report.versions().getFirst().sha256();
        Path blob = dir.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        byte[] bytes = java.nio.file.Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 0x01;
        java.nio.file.Files.write(blob, bytes);
        var after = ReportVerification.check("rai.pdf", pdf, workspace.archive(), workspace.ledger().newestHead());
        assertThat(after.intact()).isFalse();
        assertThat(after.mismatches()).singleElement().satisfies(m -> assertThat(m).contains("version 1", "now hashes to", sha));
    }

    @Test
    void a_provision_report_over_its_history_lists_its_changes_and_a_tampered_hash_is_named() throws Exception {
        Document terms = workspace.registry().documents().stream().filter(d -> d.id().platform().value().equals("chatgpt"))
                .max(java.util.Comparator.comparingInt(d -> workspace.records().changeSets(d.id()).size())).orElseThrow();
        var changeSets = workspace.records().changeSets(terms.id());
        String provision = changeSets.stream().flatMap(c -> c.changes().changes().stream()).filter(c -> c.substantive() && c.after().isPresent())
                .map(c -> c.provisionId()).findFirst().orElseThrow();
        Report report = reports.of(terms, Optional.of(provision), Optional.empty(), Optional.empty(), workspace.ledger().newestHead(), NOW);
        assertThat(report.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.substantive()).allSatisfy(p -> assertThat(p.provisionId()).isEqualTo(provision)));
        assertThat(report.analyses()).extracting(a -> a.provisionId()).containsAnyOf(provision);
        var timeline = ReportHtml.of(report).selectFirst("section#changes img[src^=data:image/png;base64,]");
        assertThat(timeline).as("the changes drawn on a time axis").isNotNull();
        var drawn = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(timeline.attr("src").substring(22))));
        assertThat(drawn.getWidth()).isGreaterThan(1000);
        byte[] pdf = ReportPdf.of(report);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Provision " + provision, "Before:", "After:");
            for (String[] section : ReportHtml.SECTIONS) assertThat(text).contains(section[1]);
        }
        renderedByPoppler(pdf, "provision");
        // A report whose evidence names another hash than the archive holds is caught, naming the version.
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String evidence = document.getDocumentInformation().getCustomMetadataValue(ReportPdf.EVIDENCE);
            String sha = report.versions().getFirst().sha256();
            document.getDocumentInformation().setCustomMetadataValue(ReportPdf.EVIDENCE, evidence.replace(sha, "0".repeat(64)));
            var out = new java.io.ByteArrayOutputStream();
            document.save(out);
            var result = ReportVerification.check("tampered.pdf", out.toByteArray(), workspace.archive(), workspace.ledger().newestHead());
            assertThat(result.intact()).isFalse();
            assertThat(result.mismatches()).singleElement().satisfies(m -> assertThat(m)
                    .contains("version " + report.versions().getFirst().number(), "0".repeat(64), sha));
        }
    }

    /**
     * The same PDF rendered by another reader, poppler's pdftoppm (`.ci/run` installs it): a page
     * image per page, each with ink. Without pdftoppm the PDFBox rendering above stands alone, and this says so.
     */
    private void renderedByPoppler(byte[] pdf, String name) throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v pdftoppm").start().waitFor() != 0) {
            System.out.println("pdftoppm is not installed: the report was rendered by PDFBox only");
            return;
        }
        Path file = dir.resolve(name + ".pdf");
        java.nio.file.Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "50", file.toString(), dir.resolve(name).toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        try (var pages = java.nio.file.Files.list(dir).filter(f -> f.getFileName().toString().matches(name + "-\\d+\\.png"))) {
            List<Path> images = pages.toList();
            try (PDDocument document = Loader.loadPDF(pdf)) {
                assertThat(images).hasSize(document.getNumberOfPages());
            }
            for (Path image : images) assertThat(inked(javax.imageio.ImageIO.read(image.toFile()))).as(image.toString()).isGreaterThan(0.0003);
        }
    }

    private static double inked(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xff) < 128) dark++;
        return (double) dark / ((long) image.getWidth() * image.getHeight());
    }
}
