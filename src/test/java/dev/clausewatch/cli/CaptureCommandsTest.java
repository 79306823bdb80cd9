package dev.clausewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import dev.clausewatch.capture.LoopbackSite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** extract, capture, status and reextract as a user runs them, against a page served on loopback. */
class CaptureCommandsTest {
    /** OTA's snapshots and declarations (AGPL-3.0 declarations are not committed here): run only beside the whole shared data. */
    private static Path snapshots() {
        return TestStores.wholeShared("data/ota-snapshots");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dataDir;
    @TempDir Path work;
    private LoopbackSite site;

    @BeforeEach
    void start() throws Exception {
        site = new LoopbackSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    record Run(int status, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "--data-dir";
        all[1] = dataDir.toString();
        all[2] = "--allow-loopback";
        System.arraycopy(args, 0, all, 3, args.length);
        int status = ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(out), new PrintWriter(err)).execute(all);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void extract_prints_the_markdown_of_a_downloaded_snapshot_without_any_archive() {
        Run run = run("extract", snapshots().resolve("claude-ai/vulnerability-disclosure-policy/2026-08-22T10-31-45Z_3d716d0.html").toString(),
                "--declaration", snapshots().resolve("claude-ai/declaration.json").toString(), "--terms-type", "Vulnerability Disclosure Policy");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# Responsible Disclosure Policy");
        assertThat(Files.exists(dataDir.resolve("clausewatch.db"))).isFalse();
    }

    @Test
    void capture_then_status_then_reextract() throws Exception {
        byte[] page = Files.readAllBytes(snapshots().resolve("claude-ai/vulnerability-disclosure-policy/2026-08-22T10-31-45Z_3d716d0.html"));
        AtomicReference<Integer> status = new AtomicReference<>(200);
        site.page("/responsible-disclosure-policy", ex -> LoopbackSite.send(ex, status.get(), "text/html; charset=utf-8", page, h -> {}));
        Path declaration = work.resolve("Claude.ai.json");
        Files.writeString(declaration, """
                {"name": "Claude.ai", "terms": {"Vulnerability Disclosure Policy": {"fetch": "%s", "select": ["main"], "acceptLanguage": "en-IE,en;q=0.8"}}}"""
                .formatted(site.url("/responsible-disclosure-policy")));
        assertThat(run("import", declaration.toString()).status()).isZero();

        Run first = run("capture", "claude-ai/vulnerability-disclosure-policy", "--json");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(JSON.readTree(first.out()).get(0).get("outcome").asText()).isEqualTo("RECORDED");
        assertThat(run("status").out()).contains("No document is failing.");
        assertThat(site.received("/responsible-disclosure-policy").getFirst().header("Accept-Language")).isEqualTo("en-IE,en;q=0.8");

        status.set(503);
        Run failing = run("capture", "claude-ai/vulnerability-disclosure-policy");
        assertThat(failing.status()).isEqualTo(1);
        assertThat(failing.out()).contains("failed: server error", "HTTP 503");
        JsonNode statusJson = JSON.readTree(run("status", "--json").out());
        assertThat(statusJson.get("failing").get(0).get("document").asText()).isEqualTo("claude-ai/vulnerability-disclosure-policy");
        assertThat(statusJson.get("failing").get(0).get("latest").get("failure").asText()).isEqualTo("SERVER_ERROR");
        assertThat(statusJson.get("backlog").get("documents").asInt()).as("capture and reextract derive as they go").isZero();

        Run reextract = run("reextract", "claude-ai/vulnerability-disclosure-policy", "--json");
        assertThat(JSON.readTree(reextract.out()).get(0).get("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(run("history", "claude-ai/vulnerability-disclosure-policy", "--json").out()).contains("\"kind\" : \"FIRST\"");
    }
}
