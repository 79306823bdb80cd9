package dev.clausewatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser reaches nothing the address policy refuses, by any path a page can take: redirects
 * (also through a chain), meta refresh and script navigation, iframes, subresources and fetch,
 * WebSockets, service workers, preconnect and prefetch, event sources and beacons. Run in a network
 * namespace without routes (see {@link BrowserEscapeProbe}), where an escape shows as a connection
 * to a listener on a forbidden address and can go nowhere else. Needs root (for {@code unshare -n})
 * and Chromium; skipped, saying which is missing, without them.
 */
class BrowserEscapeTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CLAUSEWATCH_CHROMIUM", "/usr/bin/chromium"));
    private static List<String> lines;
    private static String missing;

    @BeforeAll
    static void probeInANamespaceWithoutRoutes() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) missing = "no Chromium at " + CHROMIUM + " (apt-get install chromium)";
        else if (!canUnshareNetwork()) missing = "cannot create a network namespace here (needs root and unshare -n)";
        if (missing != null) return;
        Path out = Files.createTempFile("browser-escape-", ".txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        String script = "ip link set lo up && ip addr add " + BrowserEscapeProbe.METADATA + "/32 dev lo && ip addr add "
                + BrowserEscapeProbe.PRIVATE + "/32 dev lo && exec \"$0\" -cp \"$1\" " + BrowserEscapeProbe.class.getName() + " \"$2\"";
        Process probe = new ProcessBuilder("unshare", "-n", "sh", "-c", script, java, System.getProperty("java.class.path"), CHROMIUM.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = probe.waitFor(4, TimeUnit.MINUTES);
        if (!ended) probe.destroyForcibly();
        lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).as("the probe's output:%n%s", String.join("\n", lines)).contains("done");
    }

    @BeforeEach
    void skipWithTheReasonWhenThisMachineCannotProbe() {
        assumeTrue(missing == null, missing);
    }

    @Test
    void no_page_makes_the_browser_connect_to_a_refused_address() {
        assertThat(lines.stream().filter(l -> l.startsWith("escape "))).as("connections to forbidden addresses").isEmpty();
    }

    @Test
    void a_redirect_to_the_metadata_address_is_refused_not_archived() {
        assertThat(page("/redirect")).startsWith("refused ").contains(BrowserEscapeProbe.METADATA);
        assertThat(page("/redirect-chain")).startsWith("refused ").contains(BrowserEscapeProbe.METADATA);
    }

    @Test
    void a_page_that_navigates_itself_to_a_refused_address_is_never_captured_as_that_address() {
        // Whether the browser had started to navigate when the DOM was read depends on timing: either the navigation
        // was refused (and the capture with it) or the page was captured as itself, before it left.
        for (String path : List.of("/script-redirect", "/meta-refresh")) {
            assertThat(page(path)).as(path).satisfiesAnyOf(
                    outcome -> assertThat(outcome).startsWith("refused REFUSED_ADDRESS ").contains(BrowserEscapeProbe.PRIVATE),
                    outcome -> assertThat(outcome).startsWith("captured final=").endsWith(path));
        }
    }

    @Test
    void pages_whose_only_escapes_were_stopped_are_captured_as_themselves() {
        for (String path : List.of("/iframe", "/subresources", "/websocket", "/service-worker", "/preconnect", "/event-source")) {
            assertThat(page(path)).as(path).startsWith("captured final=").endsWith(path);
        }
    }

    @Test
    void no_capture_holds_what_a_forbidden_address_answers() {
        assertThat(lines.stream().filter(l -> l.startsWith("page ")))
                .hasSize(10)
                .noneMatch(l -> l.contains("archived-secret"));
    }

    private static String page(String path) {
        return lines.stream().filter(l -> l.startsWith("page " + path + " ")).findFirst().orElseThrow()
                .substring(("page " + path + " ").length());
    }

    private static boolean canUnshareNetwork() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
