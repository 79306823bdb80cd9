package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app over PostgreSQL answers exactly as over the embedded store: the same real history
 * imported into each, the same pages and API routes asked of both servers.
 */
class StoresAgreeTest {
    private static final List<String> PATHS = List.of(
            "/api/v1/platforms",
            "/api/v1/documents/chatgpt/terms-of-service/versions",
            "/api/v1/documents/chatgpt/terms-of-service/versions/in-force?at=2026-01-10",
            "/api/v1/documents/chatgpt/terms-of-service/provisions?at=3",
            "/api/v1/documents/chatgpt/terms-of-service/changes?from=1&to=6",
            "/api/v1/documents/chatgpt/terms-of-service/references",
            "/documents/chatgpt/terms-of-service/changes?from=4&to=5",
            "/platforms/chatgpt",
            "/");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pages_and_api_answer_the_same_from_postgresql_and_sqlite(@TempDir Path sqliteDir, @TempDir Path postgresDir) throws Exception {
        assertThat(answers(TestStores.POSTGRESQL, postgresDir)).isEqualTo(answers(TestStores.SQLITE, sqliteDir));
    }

    private List<String> answers(TestStores store, Path dir) throws Exception {
        try (Workspace workspace = store.open(dir)) {
            workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt/terms-of-service")));
            workspace.processor().catchUp(p -> {});
            Javalin app = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer()).start("127.0.0.1", 0);
            try {
                List<String> answers = new ArrayList<>();
                for (String path : PATHS) {
                    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(store + " " + path).isEqualTo(200);
                    answers.add(path + "\n" + response.body());
                }
                return answers;
            } finally {
                app.stop();
            }
        }
    }
}
