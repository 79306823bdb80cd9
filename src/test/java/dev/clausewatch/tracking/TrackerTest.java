package dev.clausewatch.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.VersionKind;
import dev.clausewatch.capture.CaptureConfig;
import dev.clausewatch.capture.CaptureFailure;
import dev.clausewatch.capture.LoopbackSite;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.extract.TextSimilarity;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Captures from a real HTTP server on loopback serving real snapshots and synthetic pages, into
 * real stores; browser captures drive Debian's Chromium.
 */
class TrackerTest {
    /** OTA's snapshots and declarations (AGPL-3.0 declarations are not committed here): run only beside the whole shared data. */
    private static Path snapshots() {
        return TestStores.wholeShared("data/ota-snapshots");
    }

    private static Path expected() {
        return TestStores.wholeShared("data/ota-snapshots-expected");
    }

    private static final DocumentId VDP = DocumentId.parse("claude-ai/vulnerability-disclosure-policy");
    private static final String LONG_TEXT = "These terms govern your use of the service. ".repeat(12);

    @TempDir Path dir;
    private LoopbackSite site;

    @BeforeEach
    void start() throws Exception {
        site = new LoopbackSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private Workspace open(TestStores store) {
        CaptureConfig config = CaptureConfig.defaults().withLoopbackAllowed().withPoliteness(Duration.ZERO, Duration.ofMillis(10))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)).withBrowserTimeout(Duration.ofSeconds(8));
        return store.open(dir, config, LoopbackSite.resolver(Map.of()));
    }

    private void declare(Workspace w, DocumentId id, SourceDocument... sources) {
        w.registry().register(new Document(id, "Claude.ai"));
        w.registry().declare(new SourceDeclaration(id, List.of(sources), Optional.empty()), "test");
    }

    private SourceDocument source(String path, FetchMode mode, String... select) {
        return new SourceDocument(null, site.url(path), java.util.Arrays.stream(select).<Selector>map(Selector.Css::new).toList(),
                List.of(), List.of(), mode);
    }

    /** The real snapshots of Claude.ai's Vulnerability Disclosure Policy, oldest first. */
    private static List<Path> vdpSnapshots() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(snapshots().resolve("manifest.json").toFile());
        List<Path> paths = new ArrayList<>();
        for (JsonNode s : manifest.get("snapshots")) {
            if (s.get("path").asText().startsWith("claude-ai/vulnerability-disclosure-policy/")) paths.add(snapshots().resolve(s.get("path").asText()));
        }
        paths.sort(null);
        return paths;
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void real_snapshots_make_versions_only_when_the_text_changes(TestStores store) throws Exception {
        List<Path> snapshots = vdpSnapshots();
        assertThat(snapshots).hasSize(5);
        AtomicReference<byte[]> served = new AtomicReference<>();
        site.page("/responsible-disclosure-policy", ex -> LoopbackSite.send(ex, 200, "text/html; charset=utf-8", served.get(), h -> {}));
        try (Workspace w = open(store)) {
            declare(w, VDP, source("/responsible-disclosure-policy", FetchMode.HTTP, "main"));
            List<TrackingEvent.Outcome> outcomes = new ArrayList<>();
            for (Path snapshot : snapshots) {
                served.set(Files.readAllBytes(snapshot));
                outcomes.add(w.tracker().capture(VDP).outcome());
            }
            // OTA's own extraction of these five snapshots gives two texts: the first three alike, the last two alike.
            assertThat(outcomes).containsExactly(TrackingEvent.Outcome.RECORDED, TrackingEvent.Outcome.VERIFIED,
                    TrackingEvent.Outcome.VERIFIED, TrackingEvent.Outcome.RECORDED, TrackingEvent.Outcome.VERIFIED);
            List<TimelineEntry> timeline = w.archive().timeline(VDP);
            assertThat(timeline).hasSize(2);
            assertThat(timeline.get(0).observations()).isEqualTo(3);
            String latest = w.archive().text(timeline.get(1).version());
            String ota = Files.readString(expected().resolve(snapshots().relativize(snapshots.getLast()).toString().replace(".html", ".md")));
            assertThat(TextSimilarity.of(latest, ota)).isGreaterThan(0.95);
            Snapshot evidence = w.archive().snapshot(timeline.get(1).version().snapshotIds().getFirst()).orElseThrow();
            assertThat(w.archive().bytes(evidence)).isEqualTo(Files.readAllBytes(snapshots.get(3)));
            assertThat(evidence.metadata().status()).isEqualTo(200);
            assertThat(w.verifier().verify().findings()).isEmpty();
        }
    }

    @Test
    void an_unmodified_page_answers_304_and_the_capture_verifies_the_version_in_force() throws Exception {
        byte[] page = Files.readAllBytes(vdpSnapshots().getFirst());
        site.page("/responsible-disclosure-policy", ex -> {
            if ("\"abc\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                LoopbackSite.send(ex, 304, "text/html", new byte[0], h -> h.set("ETag", "\"abc\""));
            } else {
                LoopbackSite.send(ex, 200, "text/html; charset=utf-8", page, h -> h.set("ETag", "\"abc\""));
            }
        });
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/responsible-disclosure-policy", FetchMode.HTTP, "main"));
            assertThat(w.tracker().capture(VDP).outcome()).isEqualTo(TrackingEvent.Outcome.RECORDED);
            TrackingEvent second = w.tracker().capture(VDP);
            assertThat(second.outcome()).isEqualTo(TrackingEvent.Outcome.VERIFIED);
            assertThat(w.archive().snapshot(second.snapshotIds().getFirst()).orElseThrow().metadata().status()).isEqualTo(304);
            assertThat(w.archive().timeline(VDP)).hasSize(1);
        }
    }

    @Test
    void a_challenge_page_fails_without_a_version_keeps_the_evidence_and_shows_in_status_until_it_recovers() throws Exception {
        String challenge = "<html><head><title>Just a moment...</title></head><body><div id=\"cf-challenge\">"
                + "Checking your browser before accessing the site.</div><script src=\"/cdn-cgi/challenge-platform/x.js\"></script></body></html>";
        AtomicReference<String> served = new AtomicReference<>(challenge);
        site.page("/policy", ex -> LoopbackSite.send(ex, 200, "text/html", served.get().getBytes(StandardCharsets.UTF_8), h -> {}));
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/policy", FetchMode.HTTP, "main"));
            TrackingEvent failed = w.tracker().capture(VDP);
            // No browser rescue possible here: Chromium gets the same challenge through the same server.
            assertThat(failed.outcome()).isEqualTo(TrackingEvent.Outcome.FAILED);
            assertThat(failed.failure()).contains(CaptureFailure.Kind.BOT_CHALLENGE);
            assertThat(w.archive().timeline(VDP)).isEmpty();
            assertThat(failed.snapshotIds()).isNotEmpty();
            w.tracker().capture(VDP);
            assertThat(w.trackingLog().failing()).singleElement().satisfies(f -> {
                assertThat(f.document()).isEqualTo(VDP);
                assertThat(f.failures()).isEqualTo(2);
                assertThat(f.since()).isEqualTo(failed.at());
            });

            served.set("<html><body><main><h1>Policy</h1><p>" + LONG_TEXT + "</p></main></body></html>");
            assertThat(w.tracker().capture(VDP).outcome()).isEqualTo(TrackingEvent.Outcome.RECORDED);
            assertThat(w.trackingLog().failing()).isEmpty();
        }
    }

    @Test
    void a_document_never_captured_is_not_failing_and_re_extraction_never_hides_a_real_failure() {
        site.html("/robots.txt", "User-agent: *\nDisallow: /policy\n");
        site.html("/policy", "<html><body><main><h1>Policy</h1><p>" + LONG_TEXT + "</p></main></body></html>");
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/policy", FetchMode.HTTP, "main"));
            DocumentId imported = new DocumentId(VDP.platform(), new dev.clausewatch.registry.DocumentType("Terms of Service"));
            declare(w, imported, source("/terms", FetchMode.HTTP, "main"));

            TrackingEvent nothingToReextract = w.tracker().reextract(imported);
            assertThat(nothingToReextract.outcome()).isEqualTo(TrackingEvent.Outcome.NOT_CAPTURED);
            assertThat(w.trackingLog().failing()).isEmpty();
            assertThat(w.trackingLog().events(imported, 10)).isEmpty();

            TrackingEvent refused = w.tracker().capture(VDP);
            assertThat(refused.failure()).contains(CaptureFailure.Kind.ROBOTS_DISALLOWED);
            w.tracker().reextract(VDP);
            w.tracker().capture(VDP);
            assertThat(w.trackingLog().failing()).singleElement().satisfies(f -> {
                assertThat(f.document()).isEqualTo(VDP);
                assertThat(f.since()).isEqualTo(refused.at());
                assertThat(f.failures()).as("captures only; the re-extraction is no capture").isEqualTo(2);
                assertThat(f.first().failure()).contains(CaptureFailure.Kind.ROBOTS_DISALLOWED);
                assertThat(f.latest().failure()).contains(CaptureFailure.Kind.ROBOTS_DISALLOWED);
            });
            assertThat(w.trackingLog().captured()).containsExactly(VDP);
        }
    }

    @Test
    void a_page_that_suddenly_loses_most_of_its_text_is_refused_as_suspiciously_short() {
        AtomicReference<String> served = new AtomicReference<>("<main><p>" + LONG_TEXT.repeat(4) + "</p></main>");
        site.page("/policy", ex -> LoopbackSite.send(ex, 200, "text/html", served.get().getBytes(StandardCharsets.UTF_8), h -> {}));
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/policy", FetchMode.HTTP, "main"));
            w.tracker().capture(VDP);
            served.set("<main><p>" + LONG_TEXT.substring(0, 200) + "</p></main>");
            TrackingEvent event = w.tracker().capture(VDP);
            assertThat(event.failure()).contains(CaptureFailure.Kind.SUSPICIOUSLY_SHORT);
            assertThat(w.archive().timeline(VDP)).hasSize(1);
        }
    }

    @Test
    void a_script_rendered_page_is_captured_with_the_browser() {
        site.html("/rendered", "<html><body><main id=\"app\"></main><script>"
                + "document.getElementById('app').innerHTML = '<h1>Usage Policy</h1><p>" + LONG_TEXT + "</p><p>Rendered by script.</p>';"
                + "</script></body></html>");
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/rendered", FetchMode.BROWSER, "main"));
            TrackingEvent event = w.tracker().capture(VDP);
            assertThat(event.outcome()).as(event.message()).isEqualTo(TrackingEvent.Outcome.RECORDED);
            assertThat(w.archive().text(w.archive().timeline(VDP).getFirst().version())).contains("Usage Policy", "Rendered by script.");
        }
    }

    @Test
    void when_the_plain_fetch_finds_no_content_the_browser_is_tried() {
        site.html("/shell", "<html><body><noscript>You need to enable JavaScript to run this app.</noscript><div id=\"root\"></div>"
                + "<script>document.getElementById('root').innerHTML = '<article><p>" + LONG_TEXT + "</p></article>';</script></body></html>");
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/shell", FetchMode.HTTP, "article"));
            TrackingEvent event = w.tracker().capture(VDP);
            assertThat(event.outcome()).as(event.message()).isEqualTo(TrackingEvent.Outcome.RECORDED);
            assertThat(event.snapshotIds()).hasSize(2); // the shell, kept as evidence, and the rendered page
            assertThat(w.archive().text(w.archive().timeline(VDP).getFirst().version())).contains("These terms govern");
        }
    }

    @Test
    void a_pdf_source_keeps_its_page_numbers() throws Exception {
        site.bytes("/terms.pdf", "application/pdf", pdf("Section 1. " + LONG_TEXT, "Section 2. You may not misuse the service."));
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/terms.pdf", FetchMode.HTTP));
            TrackingEvent event = w.tracker().capture(VDP);
            assertThat(event.outcome()).as(event.message()).isEqualTo(TrackingEvent.Outcome.RECORDED);
            String text = w.archive().text(w.archive().timeline(VDP).getFirst().version());
            assertThat(text).contains("Section 1.", "<!-- page 2 -->", "Section 2. You may not misuse the service.");
            assertThat(text.indexOf("<!-- page 2 -->")).isLessThan(text.indexOf("Section 2."));
        }
    }

    @Test
    void a_document_of_several_pages_is_combined_with_visible_boundaries() {
        site.html("/part-one", "<main><h1>Part one</h1><p>" + LONG_TEXT + "</p></main>");
        site.html("/part-two", "<main><h1>Part two</h1><p>" + LONG_TEXT + "</p></main>");
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/part-one", FetchMode.HTTP, "main"), source("/part-two", FetchMode.HTTP, "main"));
            assertThat(w.tracker().capture(VDP).outcome()).isEqualTo(TrackingEvent.Outcome.RECORDED);
            String text = w.archive().text(w.archive().timeline(VDP).getFirst().version());
            assertThat(text).contains("Part one").contains("\n\n- - -\n\n").contains("Part two");
            assertThat(text.indexOf("Part one")).isLessThan(text.indexOf("- - -"));
        }
    }

    @Test
    void re_extraction_with_a_new_declaration_is_a_technical_upgrade_and_repeating_it_changes_nothing() {
        site.html("/policy", "<main><h1>Policy</h1><p>" + LONG_TEXT + "</p><aside>Share this page on social media and more.</aside></main>");
        try (Workspace w = open(TestStores.SQLITE)) {
            declare(w, VDP, source("/policy", FetchMode.HTTP, "main"));
            w.tracker().capture(VDP);
            SourceDocument better = new SourceDocument(null, site.url("/policy"), List.of(new Selector.Css("main")),
                    List.of(new Selector.Css("aside")), List.of(), FetchMode.HTTP);
            w.registry().declare(new SourceDeclaration(VDP, List.of(better), Optional.empty()), "test, later");

            TrackingEvent upgrade = w.tracker().reextract(VDP);
            assertThat(upgrade.outcome()).isEqualTo(TrackingEvent.Outcome.RECORDED);
            assertThat(upgrade.technical()).isTrue();
            List<TimelineEntry> timeline = w.archive().timeline(VDP);
            assertThat(timeline).extracting(e -> e.version().kind()).containsExactly(VersionKind.FIRST, VersionKind.TECHNICAL_UPGRADE);
            assertThat(w.archive().text(timeline.getLast().version())).doesNotContain("Share this page");
            assertThat(w.tracker().reextract(VDP).outcome()).isEqualTo(TrackingEvent.Outcome.UNCHANGED);
            assertThat(site.received("/policy")).hasSize(1); // re-extraction reads stored snapshots, never the site
        }
    }

    private static byte[] pdf(String... pages) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                    content.newLineAtOffset(40, 740);
                    for (String line : text.split("(?<=\\G.{90})")) {
                        content.showText(line);
                        content.newLineAtOffset(0, -14);
                    }
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        }
    }
}
