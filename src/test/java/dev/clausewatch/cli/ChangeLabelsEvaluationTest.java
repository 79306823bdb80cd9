package dev.clausewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.Clausewatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `evaluate changes --labels` scores pairs as the processor treats them: a pair into a version the
 * history records as a technical upgrade never alerts, whatever its words.
 */
class ChangeLabelsEvaluationTest {
    @TempDir Path dir;

    @Test
    void a_technical_upgrade_never_alerts_and_a_changed_number_does() throws Exception {
        Path document = Files.createDirectories(dir.resolve("ota-history/acme/terms-of-service"));
        String v1 = "# Terms\n\nWe keep your data for 30 days.\n\nYou must be 13 or older.\n";
        String v2 = "# Terms\n\nWe keep your data for 30 days.\n\nYou must be 16 or older.\n\nA section the new extraction now finds.\n";
        String v3 = "# Terms\n\nWe keep your data for 90 days.\n\nYou must be 16 or older.\n\nA section the new extraction now finds.\n";
        Files.writeString(document.resolve("2024-01-01T00-00-00Z_aaaaaaa.md"), v1);
        Files.writeString(document.resolve("2024-02-01T00-00-00Z_bbbbbbb.md"), v2);
        Files.writeString(document.resolve("2024-03-01T00-00-00Z_ccccccc.md"), v3);
        Files.writeString(document.resolve("manifest.json"), """
                {"versions": [
                  {"file": "2024-01-01T00-00-00Z_aaaaaaa.md", "kind": "first_record"},
                  {"file": "2024-02-01T00-00-00Z_bbbbbbb.md", "kind": "technical_upgrade"},
                  {"file": "2024-03-01T00-00-00Z_ccccccc.md", "kind": "change"}]}
                """);
        String first = "ota-history/acme/terms-of-service/2024-01-01T00-00-00Z_aaaaaaa.md..2024-02-01T00-00-00Z_bbbbbbb.md";
        String second = "ota-history/acme/terms-of-service/2024-02-01T00-00-00Z_bbbbbbb.md..2024-03-01T00-00-00Z_ccccccc.md";
        Path labels = dir.resolve("labels.jsonl");
        Files.write(labels, List.of("{\"id\": \"" + first + "\", \"label\": \"substantive\"}", "{\"id\": \"" + second + "\", \"label\": \"substantive\"}"));

        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(out), new PrintWriter(err))
                .execute("--data-dir", dir.resolve("store").toString(), "evaluate", "changes", "--labels", labels.toString(), "--json", dir.toString());
        assertThat(status).as(err.toString()).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString());
        JsonNode verdicts = result.get("verdicts");
        assertThat(verdicts.get(0).get("pair").asText()).isEqualTo(first);
        assertThat(verdicts.get(0).get("substantive").asBoolean()).as("the age limit changed, but in a re-extraction: no alert").isFalse();
        assertThat(verdicts.get(1).get("substantive").asBoolean()).isTrue();
        assertThat(verdicts.get(1).get("explanations").get(0).asText()).contains("30 days → 90 days");
        assertThat(result.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(result.get("precision").asDouble()).isEqualTo(1.0);
    }
}
