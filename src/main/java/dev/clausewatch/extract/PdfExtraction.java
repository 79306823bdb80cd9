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
    String extract(byte[] content) {
        try (PDDocument pdf = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n\n");
            StringBuilder markdown = new StringBuilder();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf).strip();
                if (page > 1) markdown.append("\n\n<!-- page ").append(page).append(" -->\n\n");
                markdown.append(paragraphs(text));
            }
            return HtmlExtraction.tidy(markdown.toString());
        } catch (IOException e) {
            throw new ExtractionException(Kind.UNREADABLE, "cannot read the PDF: " + e.getMessage());
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
