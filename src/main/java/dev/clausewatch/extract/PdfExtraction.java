package dev.clausewatch.extract;

import dev.clausewatch.extract.ExtractionException.Kind;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDF text with its pages kept: each page after the first starts with an HTML comment
 * {@code <!-- page N -->}, invisible when rendered but there for citations ("page 4").
 */
final class PdfExtraction {
    /** Terms run to tens of pages; a document of thousands is not one (and would take minutes). */
    static final int MAX_PAGES = 2_000;

    String extract(byte[] content, java.net.URI location) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            if (pdf.getNumberOfPages() > MAX_PAGES) {
                throw new ExtractionException(Kind.UNREADABLE, "the PDF of " + location + " has " + pdf.getNumberOfPages()
                        + " pages; at most " + MAX_PAGES + " are read");
            }
            StringBuilder markdown = new StringBuilder();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf).strip();
                if (page > 1) markdown.append("\n\n<!-- page ").append(page).append(" -->\n\n");
                markdown.append(paragraphs(text));
            }
            return HtmlExtraction.tidy(markdown.toString());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // A damaged file can fail anywhere inside the PDF library, not only where it declares I/O errors
            // (a cycle of object references overflows its stack).
            throw new ExtractionException(Kind.UNREADABLE, "cannot read the PDF of " + location + ": " + e.getMessage());
        }
    }

    /** PDF lines are visual lines: join the ones of a paragraph, keep blank lines between paragraphs. */
    private static String paragraphs(String text) {
        StringBuilder out = new StringBuilder();
        for (String block : text.split("\\n\\s*\\n")) {
            if (!out.isEmpty()) out.append("\n\n");
            out.append(block.strip().replaceAll("\\s*\\n\\s*", " "));
        }
        return out.toString();
    }
}
