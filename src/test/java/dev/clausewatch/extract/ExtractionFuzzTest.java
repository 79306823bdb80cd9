package dev.clausewatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Fuzz;
import dev.clausewatch.Fuzz.Choice;
import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Fuzzing extraction: any HTML soup with any declared selector, and any mutation of a real PDF,
 * either gives Markdown or is refused as an {@link ExtractionException} that names the page; nothing
 * else escapes. Seeded; more tries with -Dfuzz.tries=N.
 */
class ExtractionFuzzTest {
    private static final URI PAGE = URI.create("https://example.com/legal/terms");
    private static final List<String> HTML = List.of("<div>", "</div>", "<p>", "</p>", "<main>", "</main>", "<table>", "<tr>", "<td colspan=65534>",
            "<td rowspan=0>", "<td colspan=-1>", "<td colspan=99999999999>", "</td>", "</table>", "<ul>", "<li>", "</ul>", "<ol start=-5>",
            "<h1>", "</h1>", "<h7>", "<a href='javascript:x'>", "<a href=''>", "</a>", "<script>", "</script>", "<style>", "</style>",
            "<br>", "<img src=x alt='y'>", "<iframe src=//x>", "<pre>", "</pre>", "<code>", "<svg><foreignObject>", "<math>", "<template>",
            "<noscript>", "<!--", "-->", "<![CDATA[", "]]>", "&nbsp;", "&#0;", "&#x110000;", "&", "<", ">", "\u0000", "\uFFFF", "\u200B",
            "You must be 18 to use the service. ", "terms ", "_", "*", "#", "`", "|", "\n", "<section id=end>", "<b>", "</b>", "<em>");

    private record Page(String html, List<Selector> select, List<Selector> remove) {}

    private static String page(Fuzz fuzz) {
        return String.join("", fuzz.list(600, () -> fuzz.weighted(
                new Choice<>(30, () -> fuzz.oneOf(HTML)),
                new Choice<>(1, () -> fuzz.oneOf(HTML).repeat(fuzz.between(1, 3_000))),
                new Choice<>(3, () -> fuzz.string(30)))));
    }

    private static List<Selector> selectors(Fuzz fuzz) {
        return fuzz.list(2, () -> fuzz.oneOf(
                () -> new Selector.Css(fuzz.oneOf(List.of("main", "body", "#end", "div > p", "table td", "[", "::x", "a[href=", "*",
                        "p:nth-child(2n+1)", ":has(", "section#end ~ p"))),
                () -> {
                    boolean inclusive = fuzz.chance(0.5);
                    return new Selector.Range(fuzz.oneOf(List.of("h1", "#end", "main", "nope")), inclusive,
                            fuzz.oneOf(List.of("p", "#end", "ul", "nope")), !inclusive);
                }));
    }

    @Test
    void any_html_with_any_selector_is_extracted_or_refused_by_name() {
        Fuzz.forAll("html soup extracted", fuzz -> new Page(page(fuzz), selectors(fuzz), selectors(fuzz)), page -> {
            SourceDocument source = new SourceDocument(null, PAGE, page.select(), page.remove(), List.of(), FetchMode.HTTP);
            return outcome(() -> new Extractor().extract(page.html().getBytes(StandardCharsets.UTF_8), "text/html", PAGE, source));
        });
    }

    private static byte[] mutated(Fuzz fuzz, byte[] real) {
        return fuzz.oneOf(() -> {
            byte[] copy = real.clone();
            for (int i = fuzz.between(0, 40); i > 0; i--) copy[fuzz.between(0, real.length - 1)] = (byte) fuzz.between(-128, 127);
            return copy;
        }, () -> java.util.Arrays.copyOf(real, fuzz.between(0, real.length - 1)),
                () -> concat("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), fuzz.bytes(4_096)));
    }

    @Test
    void any_mutation_of_a_pdf_is_extracted_or_refused_by_name() {
        byte[] real = pdf();
        SourceDocument source = new SourceDocument(null, PAGE, List.of(), List.of(), List.of(), FetchMode.HTTP);
        Fuzz.forAll("pdf mutation extracted", fuzz -> mutated(fuzz, real),
                pdf -> outcome(() -> new Extractor().extract(pdf, "application/pdf", PAGE, source)));
    }

    private static String outcome(java.util.function.Supplier<String> extraction) {
        try {
            String markdown = extraction.get();
            assertThat(markdown).endsWith("\n");
            return "extracted";
        } catch (ExtractionException refused) {
            assertThat(refused.getMessage()).as("a refusal names the page").contains(PAGE.toString());
            return "refused: " + refused.kind();
        }
    }

    /** A real PDF made here: two pages of terms. */
    private static byte[] pdf() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int page = 1; page <= 2; page++) {
                PDPage p = new PDPage();
                document.addPage(p);
                try (PDPageContentStream text = new PDPageContentStream(document, p)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                    text.newLineAtOffset(72, 700);
                    text.showText("Terms of Service, page " + page + ". You must be 18 or older to use the service and follow these terms.");
                    text.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
