package dev.clausewatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.registry.FetchMode;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Fuzzing extraction: any HTML soup with any declared selector, and any mutation of a real PDF,
 * either gives Markdown or is refused as an {@link ExtractionException} that names the page; nothing
 * else escapes. Seeded; more tries with -Djqwik.tries.default=N.
 */
class ExtractionFuzzTest {
    private static final String SEED = "20261203";
    private static final URI PAGE = URI.create("https://example.com/legal/terms");
    private static final List<String> HTML = List.of("<div>", "</div>", "<p>", "</p>", "<main>", "</main>", "<table>", "<tr>", "<td colspan=65534>",
            "<td rowspan=0>", "<td colspan=-1>", "<td colspan=99999999999>", "</td>", "</table>", "<ul>", "<li>", "</ul>", "<ol start=-5>",
            "<h1>", "</h1>", "<h7>", "<a href='javascript:x'>", "<a href=''>", "</a>", "<script>", "</script>", "<style>", "</style>",
            "<br>", "<img src=x alt='y'>", "<iframe src=//x>", "<pre>", "</pre>", "<code>", "<svg><foreignObject>", "<math>", "<template>",
            "<noscript>", "<!--", "-->", "<![CDATA[", "]]>", "&nbsp;", "&#0;", "&#x110000;", "&", "<", ">", "\u0000", "\uFFFF", "\u200B",
            "You must be 18 to use the service. ", "terms ", "_", "*", "#", "`", "|", "\n", "<section id=end>", "<b>", "</b>", "<em>");

    @Provide
    Arbitrary<String> pages() {
        Arbitrary<String> token = Arbitraries.of(HTML);
        Arbitrary<String> run = Combinators.combine(token, Arbitraries.integers().between(1, 3_000)).as(String::repeat);
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(30, token), Tuple.of(1, run), Tuple.of(3, Arbitraries.strings().ofMaxLength(30)));
        return piece.list().ofMaxSize(600).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<List<Selector>> selectors() {
        Arbitrary<Selector> css = Arbitraries.of("main", "body", "#end", "div > p", "table td", "[", "::x", "a[href=", "*", "p:nth-child(2n+1)",
                ":has(", "section#end ~ p").map(Selector.Css::new);
        Arbitrary<Selector> range = Combinators.combine(Arbitraries.of("h1", "#end", "main", "nope"), Arbitraries.of("p", "#end", "ul", "nope"),
                Arbitraries.of(true, false)).as((start, end, inclusive) -> new Selector.Range(start, inclusive, end, !inclusive));
        return Arbitraries.oneOf(css, range).list().ofMaxSize(2);
    }

    @Property(seed = SEED)
    void any_html_with_any_selector_is_extracted_or_refused_by_name(@ForAll("pages") String html, @ForAll("selectors") List<Selector> select,
                                                                    @ForAll("selectors") List<Selector> remove) {
        SourceDocument source = new SourceDocument(null, PAGE, select, remove, List.of(), FetchMode.HTTP);
        outcome(() -> new Extractor().extract(html.getBytes(StandardCharsets.UTF_8), "text/html", PAGE, source));
    }

    @Provide
    Arbitrary<byte[]> pdfs() {
        byte[] real = pdf();
        Arbitrary<Integer> at = Arbitraries.integers().between(0, real.length - 1);
        Arbitrary<byte[]> flipped = Combinators.combine(at.list().ofMaxSize(40), Arbitraries.bytes().list().ofSize(40)).as((positions, values) -> {
            byte[] copy = real.clone();
            for (int i = 0; i < positions.size(); i++) copy[positions.get(i)] = values.get(i);
            return copy;
        });
        Arbitrary<byte[]> truncated = at.map(n -> java.util.Arrays.copyOf(real, n));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(4_096)
                .map(b -> concat("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), b));
        return Arbitraries.oneOf(flipped, truncated, noise);
    }

    @Property(seed = SEED)
    void any_mutation_of_a_pdf_is_extracted_or_refused_by_name(@ForAll("pdfs") byte[] pdf) {
        SourceDocument source = new SourceDocument(null, PAGE, List.of(), List.of(), List.of(), FetchMode.HTTP);
        outcome(() -> new Extractor().extract(pdf, "application/pdf", PAGE, source));
    }

    private static void outcome(java.util.function.Supplier<String> extraction) {
        try {
            String markdown = extraction.get();
            Statistics.label("outcome").collect("extracted");
            assertThat(markdown).endsWith("\n");
        } catch (ExtractionException refused) {
            Statistics.label("outcome").collect("refused: " + refused.kind());
            assertThat(refused.getMessage()).as("a refusal names the page").contains(PAGE.toString());
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
