package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import dev.clausewatch.cli.ClausewatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-platform table on training with user data, over the shared OTA histories. */
class AiTrainingComparisonTest {
    private static final List<String> AI_PLATFORMS = List.of("chatgpt", "claude-ai", "google-generative-ai-services", "le-chat",
            "llama-api", "meta-ai", "microsoft-copilot", "perplexity");
    private static final String X_CLAUSE = "We may use the information we collect and publicly available information to help train "
            + "our machine learning or artificial intelligence models";

    @TempDir Path dataDir;

    private JsonNode compare(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "compare", "--topic", "ai-training-on-user-content", "--json"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(out), new PrintWriter(err)).execute(args.toArray(String[]::new));
        assertThat(status).as(err.toString()).isZero();
        return new ObjectMapper().readTree(out.toString()).get("rows");
    }

    @Test
    void every_ai_platform_is_named_with_its_stance_and_xs_2023_clause_appears_where_it_exists() throws Exception {
        try (var w = TestStores.SQLITE.open(dataDir)) {
            w.importer().importPaths(List.of(TestStores.wholeShared("data/ota-history")));
            w.processor().catchUp(p -> {});
        }
        JsonNode latest = compare();
        for (String platform : AI_PLATFORMS) {
            assertThat(latest.findValuesAsText("platform")).as(platform).contains(platform);
        }
        for (JsonNode row : latest) {
            if (!row.get("stance").asText().startsWith("silent")) {
                assertThat(row.get("quote").asText()).as(row.get("document").asText()).isNotBlank();
                assertThat(row.get("provisionId").asText()).matches("p[0-9a-f]{11}");
            }
        }
        assertThat(latest).filteredOn(r -> r.get("platform").asText().equals("chatgpt")).extracting(r -> r.get("stance").asText())
                .contains("opt-out");

        assertThat(compare("--at", "2023-09-01")).anySatisfy(row -> {
            assertThat(row.get("document").asText()).isEqualTo("twitter/privacy-policy");
            assertThat(row.get("stance").asText()).isEqualTo("uses by default");
            assertThat(row.get("quote").asText()).startsWith(X_CLAUSE);
        });
        assertThat(compare("--at", "2023-06-01")).noneSatisfy(row -> assertThat(row.get("quote").asText()).contains(X_CLAUSE));
    }
}
