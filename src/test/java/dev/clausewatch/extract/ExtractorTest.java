package dev.clausewatch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.registry.DeclaredService;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.Filter;
import dev.clausewatch.registry.OtaDeclarations;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExtractorTest {
    /** OTA's snapshots and declarations (AGPL-3.0 declarations are not committed here): run only beside the whole shared data. */
    private static Path snapshots() {
        return TestStores.wholeShared("data/ota-snapshots");
    }

    private static Path expected() {
        return TestStores.wholeShared("data/ota-snapshots-expected");
    }

    private static final URI PAGE = URI.create("https://example.com/legal/terms");
    private static final String WORDS = "These terms govern your use of the service and what you may do with it. ".repeat(4);

    private final Extractor extractor = new Extractor();

    private String extract(String html, Selector... select) {
        return extract(html, List.of(), select);
    }

    private String extract(String html, List<Filter> filters, Selector... select) {
        SourceDocument source = new SourceDocument(null, PAGE, List.of(select), List.of(), filters, FetchMode.HTTP);
        return extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", PAGE, source);
    }

    private static SourceDocument declared(String service, String termsType, String sourceId, String date) {
        DeclaredService declared = OtaDeclarations.readService(snapshots().resolve(service).resolve("declaration.json"));
        var all = new java.util.ArrayList<>(declared.declarations());
        Path history = snapshots().resolve(service).resolve("declaration.history.json");
        if (Files.exists(history)) all.addAll(OtaDeclarations.readHistory(history, declared.platform()));
        DocumentType type = new DocumentType(termsType);
        return SourceDeclaration.applicableAt(all.stream().filter(d -> d.document().type().equals(type)).toList(), Instant.parse(date))
                .flatMap(d -> d.source(sourceId)).orElseThrow();
    }

    private String extractSnapshot(String path, SourceDocument source) throws Exception {
        return extractor.extract(Files.readAllBytes(snapshots().resolve(path)), "text/html", source.location(), source);
    }

    @Nested
    class On_real_snapshots {
        @Test
        void real_pages_that_load_cloudflare_bot_detection_are_documents_not_challenges() throws Exception {
            // Parship's, Romeo's and Perplexity's pages carry /cdn-cgi/challenge-platform/scripts/jsd/main.js and their terms.
            for (String page : List.of("parship/trackers-policy/2026-08-22T12-32-48Z_94c4e37.html", "romeo/privacy-policy/2026-08-22T12-32-50Z_2546bb0.html",
                    "perplexity/acceptable-use-policy/2026-07-29T10-34-08Z_f436aa1.html")) {
                String service = page.substring(0, page.indexOf('/'));
                String html = Files.readString(snapshots().resolve(page));
                assertThat(html).as(page).contains("/cdn-cgi/challenge-platform/scripts/jsd/main.js");
                String markdown = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", PAGE, new SourceDocument(null, PAGE,
                        List.of(), List.of(), List.of(), FetchMode.HTTP));
                assertThat(Extractor.words(markdown)).as(service).isGreaterThan(100);
            }
        }

        @Test
        void a_restyled_page_with_the_same_text_extracts_to_the_same_markdown() throws Exception {
            // Claude.ai's Vulnerability Disclosure Policy, Nov 2025 to Apr 2026: three different pages, one text (as OTA also finds).
            SourceDocument source = declared("claude-ai", "Vulnerability Disclosure Policy", null, "2026-08-22T00:00:00Z");
            String first = extractSnapshot("claude-ai/vulnerability-disclosure-policy/2025-11-27T23-31-42Z_4ce956a.html", source);
            assertThat(extractSnapshot("claude-ai/vulnerability-disclosure-policy/2026-02-05T23-30-11Z_70d4714.html", source)).isEqualTo(first);
            assertThat(extractSnapshot("claude-ai/vulnerability-disclosure-policy/2026-04-13T10-30-22Z_570e02c.html", source)).isEqualTo(first);
            assertThat(first).contains("# Responsible Disclosure Policy\n\nLast updated Feb 14, 2025\n\nThe security of our systems");
        }

        @Test
        void range_selectors_cut_the_page_as_ota_does() throws Exception {
            String path = "llama-api/terms-of-service--legal-terms-data-security-terms/2026-08-22T10-32-23Z_e3fe2ce.html";
            SourceDocument source = declared("llama-api", "Terms of Service", "legal-terms-data_security_terms", "2026-08-22T10:32:23Z");
            assertThat(source.select().getFirst()).isInstanceOf(Selector.Range.class);
            String ours = extractSnapshot(path, source);
            assertThat(TextSimilarity.of(ours, Files.readString(expected().resolve(path.replace(".html", ".md"))))).isGreaterThan(0.99);
        }

        @Test
        void a_hidden_copy_of_the_page_is_not_extracted_twice() throws Exception {
            String path = "vibe/privacy-policy/2026-08-21T22-34-30Z_25b8534.html";
            String ours = extractSnapshot(path, declared("vibe", "Privacy Policy", null, "2026-08-21T22:34:30Z"));
            String ota = Files.readString(expected().resolve(path.replace(".html", ".md")));
            assertThat(ota.split("Welcome to Mistral AI!", -1)).hasSize(3);
            assertThat(ours.split("Welcome to Mistral AI!", -1)).hasSize(2);
        }
    }

    @Nested
    class Normalisation {
        @Test
        void keeps_headings_lists_links_and_tables() {
            String markdown = extract("<main><h1>Terms</h1><h2>Use</h2><p>" + WORDS + " See <a href=\"/privacy\">our policy</a>.</p>"
                    + "<ol><li>First rule</li><li>Second rule</li></ol><ul><li>Point</li></ul>"
                    + "<table><tr><th>Data</th><th>Purpose</th></tr><tr><td>Email</td><td>Login</td></tr></table></main>", new Selector.Css("main"));
            assertThat(markdown).contains("# Terms", "## Use", "[our policy](https://example.com/privacy)", "1. First rule", "2. Second rule",
                    "* Point", "| Data  | Purpose |", "| Email | Login   |");
        }

        @Test
        void reads_the_charset_the_page_declares_when_the_server_does_not() {
            byte[] latin1 = ("<html><head><meta charset=\"iso-8859-1\"></head><body><main><p>Conditions générales d'utilisation. "
                    + WORDS + "</p></main></body></html>").getBytes(StandardCharsets.ISO_8859_1);
            SourceDocument source = new SourceDocument(null, PAGE, List.of(new Selector.Css("main")), List.of(), List.of(), FetchMode.HTTP);
            assertThat(extractor.extract(latin1, "text/html", PAGE, source)).contains("Conditions générales d'utilisation.");
        }

        @Test
        void removes_tracking_parameters_and_declared_ones_but_keeps_the_others() {
            String markdown = extract("<main><p>" + WORDS + "<a href=\"https://example.com/a?id=7&utm_source=mail&fbclid=x1&session=9\">link</a></p></main>",
                    List.of(new Filter("removeQueryParams", List.of("session"))), new Selector.Css("main"));
            assertThat(markdown).contains("(https://example.com/a?id=7)");
        }

        @Test
        void decodes_cloudflare_protected_addresses_the_same_on_every_fetch() {
            String encoded = cfEncode(0x42, "legal@example.com");
            String markdown = extract("<main><p>" + WORDS + " Write to <a href=\"/cdn-cgi/l/email-protection#" + encoded
                    + "\"><span class=\"__cf_email__\" data-cfemail=\"" + encoded + "\">[email&#160;protected]</span></a>.</p></main>",
                    new Selector.Css("main"));
            assertThat(markdown).contains("[legal@example.com](mailto:legal@example.com)").doesNotContain("protected");
        }

        @Test
        void drops_scripts_styles_and_short_hidden_decoration_but_keeps_collapsed_sections() {
            String markdown = extract("<main><p>" + WORDS + "</p><script>var x = 'tracking';</script><style>p{}</style>"
                    + "<span aria-hidden=\"true\">▼ icon</span><div style=\"display:none\"><p>" + WORDS.replace("These", "Collapsed") + "</p></div></main>",
                    new Selector.Css("main"));
            assertThat(markdown).doesNotContain("tracking", "icon", "p{}").contains("Collapsed terms govern");
        }
    }

    @Nested
    class Hostile_pages {
        @Test
        void a_million_nested_divs_are_read_in_bounded_time_and_their_text_kept() {
            String html = "<html><body><main>" + "<div>".repeat(1_000_000) + "<p>" + WORDS + "</p>" + "</div>".repeat(1_000_000)
                    + "</main></body></html>";
            String markdown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> extract(html, new Selector.Css("main")), "a million nested divs");
            assertThat(markdown).contains(WORDS.strip());
        }

        @Test
        void huge_cell_spans_are_bounded_not_laid_out() {
            String rows = "<tr><td colspan=\"65534\" rowspan=\"65534\">x</td></tr>".repeat(20);
            String markdown = extract("<html><body><main><p>" + WORDS + "</p><table>" + rows + "</table></main></body></html>", new Selector.Css("main"));
            assertThat(markdown).contains(WORDS.strip());
            // At most 20 rows of MAX_COLSPAN cells (a cell's padding stays under 100 characters); unbounded, it was gigabytes.
            assertThat(markdown.length()).as("20 rows of at most %d cells", TableSpans.MAX_COLSPAN).isLessThan(20 * TableSpans.MAX_COLSPAN * 100);
        }
    }

    @Nested
    class Refusals {
        private static final String JSD = "<script>(function(){var s=document.createElement('script');"
                + "s.src='/cdn-cgi/challenge-platform/scripts/jsd/main.js';document.head.appendChild(s);})();</script>";

        @Test
        void a_short_document_that_loads_bot_detection_is_a_document() {
            String markdown = extract("<html><head><title>Cookie Policy</title>" + JSD + "<script src=\"https://www.google.com/recaptcha/enterprise.js"
                    + "?render=x\"></script></head><body><main><h1>Cookie Policy</h1><p>" + WORDS + "</p><div class=\"g-recaptcha\" "
                    + "data-size=\"invisible\"></div></main></body></html>", new Selector.Css("main"));
            assertThat(markdown).contains("Cookie Policy", WORDS.strip());
        }

        @Test
        void a_cloudflare_challenge_is_known_by_its_own_form_even_without_its_words() {
            assertThatThrownBy(() -> extract("<html><head><title>example.com</title></head><body><form id=\"challenge-form\" method=\"POST\">"
                    + "</form><script>window._cf_chl_opt={cvId:'3'};</script>" + JSD + "</body></html>"))
                    .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.kind()).isEqualTo(ExtractionException.Kind.BOT_CHALLENGE));
        }

        @Test
        void a_cloudflare_challenge_is_not_a_document() {
            assertThatThrownBy(() -> extract("<html><head><title>Just a moment...</title></head><body>Checking your browser before accessing"
                    + " example.com.<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/jsch/v1\"></script></body></html>"))
                    .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.kind()).isEqualTo(ExtractionException.Kind.BOT_CHALLENGE));
        }

        @Test
        void a_login_wall_is_not_a_document() {
            assertThatThrownBy(() -> extract("<html><body><h1>Welcome back</h1><p>Please log in to continue.</p><form><input name=u>"
                    + "<input type=password></form></body></html>"))
                    .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.kind()).isEqualTo(ExtractionException.Kind.LOGIN_OR_COOKIE_WALL));
        }

        @Test
        void a_script_hint_on_a_page_with_content_is_no_wall() {
            assertThat(extract("<body><noscript>Please enable JavaScript.</noscript><main><p>" + WORDS + "</p></main></body>", new Selector.Css("main")))
                    .contains("These terms govern");
        }

        @Test
        void a_missing_selector_names_itself_and_the_page() {
            assertThatThrownBy(() -> extract("<main><p>" + WORDS + "</p></main>", new Selector.Css("#terms")))
                    .isInstanceOfSatisfying(ExtractionException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ExtractionException.Kind.SELECTOR_NOT_FOUND);
                        assertThat(e.getMessage()).contains("\"#terms\"", PAGE.toString());
                    });
        }

        @Test
        void a_few_words_are_too_short_to_be_terms() {
            assertThatThrownBy(() -> extract("<main><p>Loading…</p></main>", new Selector.Css("main")))
                    .isInstanceOfSatisfying(ExtractionException.class, e -> assertThat(e.kind()).isEqualTo(ExtractionException.Kind.SUSPICIOUSLY_SHORT));
        }
    }

    private static String cfEncode(int key, String email) {
        StringBuilder hex = new StringBuilder(String.format("%02x", key));
        for (char c : email.toCharArray()) hex.append(String.format("%02x", c ^ key));
        return hex.toString();
    }

}
