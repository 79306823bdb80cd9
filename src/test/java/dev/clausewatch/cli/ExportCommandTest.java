package dev.clausewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `export` from the command line: one document, each format, and a refusal that names the folder. */
class ExportCommandTest {
    @TempDir Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        return ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    @Test
    void exports_one_document_in_each_format_and_refuses_a_folder_that_holds_something() throws Exception {
        String store = dir.resolve("store").toString();
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertThat(run(out, err, "--data-dir", store, "import", "--json", TestStores.shared("data/ota-history/amazon-web-services").toString()))
                .as(err.toString()).isZero();
        for (String format : new String[] {"ota", "provisions", "changes"}) {
            out = new StringWriter();
            err = new StringWriter();
            int status = run(out, err, "--data-dir", store, "export", "--format", format, "--document", "amazon-web-services/acceptable-use-policy",
                    dir.resolve(format).toString());
            assertThat(status).as(err.toString()).isZero();
            // `import` seals a head: the export names none missing.
            assertThat(out.toString()).contains("of 1 document written to", dir.resolve(format).toString()).doesNotContain("no signed head");
        }
        assertThat(Files.list(dir.resolve("ota/Amazon Web Services/Acceptable Use Policy")).count()).isGreaterThan(1);
        assertThat(dir.resolve("provisions/provisions.jsonl")).isNotEmptyFile();
        assertThat(dir.resolve("provisions/ATTRIBUTION.md")).content().contains("\"rootHash\"");
        assertThat(Files.readAllLines(dir.resolve("changes/changes.csv")).getFirst()).startsWith("document,platform,from_version,to_version");

        err = new StringWriter();
        assertThat(run(new StringWriter(), err, "--data-dir", store, "export", "--format", "changes", dir.resolve("changes").toString())).isNotZero();
        assertThat(err.toString()).contains(dir.resolve("changes").toString(), "not empty");
    }
}
