package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.capture.CaptureFailure;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.monitoring.Monitoring;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.tracking.TrackingEvent;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator probes and scrapes (issue 17), on a real server over real archived documents. */
class OperationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static Javalin serve(Workspace workspace) {
        return new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer())
                .withMonitoring(new Monitoring(workspace.figures(), workspace.records(), Clock.systemUTC())).start("127.0.0.1", 0);
    }

    private HttpResponse<String> get(Javalin app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_readiness_and_metrics_say_what_the_archive_and_its_processes_are_doing(@TempDir Path dir) throws Exception {
        try (Workspace workspace = TestStores.SQLITE.open(dir)) {
            workspace.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt/terms-of-service")));
            DocumentId terms = DocumentId.parse("chatgpt/terms-of-service");
            workspace.trackingLog().append(new TrackingEvent(terms, Instant.now(), TrackingEvent.Outcome.FAILED,
                    Optional.of(CaptureFailure.Kind.BOT_CHALLENGE), "a challenge page", false, List.of()));
            workspace.trackingLog().append(new TrackingEvent(terms, Instant.now(), TrackingEvent.Outcome.VERIFIED, Optional.empty(), "same text", false, List.of()));
            Javalin app = serve(workspace);
            try {
                var health = get(app, "/healthz");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("up");

                // Imported, not processed yet: ready to serve, with the backlog said.
                JsonNode ready = JSON.readTree(get(app, "/readyz").body());
                assertThat(ready.get("status").asText()).isEqualTo("ready");
                assertThat(ready.at("/checks/store").asText()).isEqualTo("ok");
                assertThat(ready.at("/backlog/documents").asInt()).isEqualTo(1);
                assertThat(ready.at("/backlog/events").asInt()).isPositive();

                String before = get(app, "/metrics").body();
                assertThat(metric(before, "clausewatch_processing_backlog_documents", "")).isEqualTo(1.0);
                assertThat(metric(before, "clausewatch_captures_total", "cause=\"BOT_CHALLENGE\",outcome=\"FAILED\"")).isEqualTo(1.0);
                assertThat(metric(before, "clausewatch_captures_total", "cause=\"none\",outcome=\"VERIFIED\"")).isEqualTo(1.0);
                assertThat(metric(before, "clausewatch_alert_deliveries_total", "state=\"DEAD\"")).isEqualTo(0.0);
                assertThat(metric(before, "clausewatch_alert_deliveries_pending", "")).as("pending rises and falls: a gauge").isEqualTo(0.0);
                assertThat(before).contains("jvm_memory_used_bytes", "clausewatch_alert_latency_p95_seconds");

                workspace.processor().catchUp(p -> {});
                for (int i = 0; i < 3; i++) assertThat(get(app, "/documents/chatgpt/terms-of-service").statusCode()).isEqualTo(200);
                assertThat(get(app, "/documents/nobody/terms").statusCode()).isEqualTo(404);
                Thread.sleep(5_100); // store-wide figures are read at most every five seconds
                String after = get(app, "/metrics").body();
                assertThat(metric(after, "clausewatch_processing_backlog_documents", "")).isZero();
                // Requests are counted by route pattern, never by address: ids would make a series each.
                assertThat(metric(after, "clausewatch_http_requests_seconds_count",
                        "method=\"GET\",route=\"/documents/{platform}/{type}\",status=\"200\"")).isEqualTo(3.0);
                assertThat(metric(after, "clausewatch_http_requests_seconds_count",
                        "method=\"GET\",route=\"/documents/{platform}/{type}\",status=\"404\"")).isEqualTo(1.0);
                assertThat(after).doesNotContain("route=\"/documents/chatgpt/terms-of-service\"");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void readiness_fails_with_the_reason_when_the_store_stops_answering(@TempDir Path dir) throws Exception {
        Workspace workspace = TestStores.SQLITE.open(dir);
        Javalin app = serve(workspace);
        try {
            assertThat(get(app, "/readyz").statusCode()).isEqualTo(200);
            workspace.close(); // the database is gone from under the server
            var notReady = get(app, "/readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(notReady.body()).at("/checks/store").asText()).isEqualTo("the database does not answer");
            assertThat(get(app, "/healthz").statusCode()).as("the process itself still serves").isEqualTo(200);
            var metrics = get(app, "/metrics");
            assertThat(metrics.statusCode()).as("metrics still answer, with the process's own").isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        } finally {
            app.stop();
        }
    }

    /** The value of one series in Prometheus' text format ({@code labels} as written, in order; empty for none). */
    private static double metric(String scrape, String name, String labels) {
        String series = labels.isEmpty() ? Pattern.quote(name) : Pattern.quote(name + "{" ) + "[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
        if (!m.find()) throw new AssertionError("no series " + name + " {" + labels + "} in:\n" + scrape.lines().filter(l -> l.startsWith(name)).toList());
        return Double.parseDouble(m.group(1));
    }
}
