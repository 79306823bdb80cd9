package dev.clausewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "How N platforms describe TOPIC" as CSV and PDF, from `compare --topic … --out`. */
class TopicReportCommandTest {
    @TempDir Path dir;

    private int run(StringWriter err, String... args) {
        return ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(new StringWriter()), new PrintWriter(err)).execute(args);
    }

    @Test
    void the_ai_training_comparison_as_csv_and_pdf() throws Exception {
        String store = dir.resolve("store").toString();
        StringWriter err = new StringWriter();
        assertThat(run(err, "--data-dir", store, "import", "--json", TestStores.shared("data/ota-history/chatgpt").toString(),
                TestStores.shared("data/ota-history/claude-ai").toString())).as(err.toString()).isZero();
        assertThat(run(err, "--data-dir", store, "compare", "--topic", "ai-training-on-user-content", "--out", dir.resolve("training.csv").toString()))
                .as(err.toString()).isZero();
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(dir.resolve("training.csv"))) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(rows).extracting(r -> r.get("platform")).contains("chatgpt", "claude-ai");
        assertThat(rows).filteredOn(r -> !r.get("provision_id").isEmpty()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("version_date")).matches("\\d{4}-\\d{2}-\\d{2}"))
                .allSatisfy(r -> assertThat(r.get("quote")).isNotBlank());

        assertThat(run(err, "--data-dir", store, "compare", "--topic", "ai-training-on-user-content", "--out", dir.resolve("training.pdf").toString()))
                .as(err.toString()).isZero();
        try (var pdf = Loader.loadPDF(Files.readAllBytes(dir.resolve("training.pdf")))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("How 2 platforms describe", "chatgpt", "claude-ai", "not a legal determination");
        }
        StringWriter refused = new StringWriter();
        assertThat(run(refused, "--data-dir", store, "compare", "--topic", "ai-training-on-user-content", "--out", dir.resolve("training.pdf").toString()))
                .isNotZero();
        assertThat(refused.toString()).contains("exists", "never overwrites");
    }
}
