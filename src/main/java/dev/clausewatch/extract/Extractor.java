package dev.clausewatch.extract;

import dev.clausewatch.registry.SourceDocument;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns snapshots into Markdown. One instance is safe to share between threads. The version
 * string names the extractor's behaviour: it changes whenever the same snapshot may extract
 * differently, and versions record it, so re-extraction is a visible technical upgrade.
 */
public final class Extractor {
    public static final String VERSION = "clausewatch-extract/1";
    /** How OTA joins the parts of a multi-source document: a visible horizontal rule. */
    public static final String PART_BOUNDARY = "\n\n- - -\n\n";

    private final HtmlExtraction html = new HtmlExtraction();
    private final PdfExtraction pdf = new PdfExtraction();

    /** The Markdown of one source document's snapshot. */
    public String extract(byte[] content, String mediaType, URI location, SourceDocument source) {
        String type = mediaType == null ? "" : mediaType.toLowerCase(java.util.Locale.ROOT);
        String markdown;
        if (type.contains("pdf") || startsWith(content, "%PDF-")) {
            markdown = pdf.extract(content, location);
        } else if (type.isEmpty() || type.contains("html") || type.contains("xml") || type.startsWith("text/")) {
            markdown = html.extract(content, mediaType, location, source);
        } else {
            throw new ExtractionException(ExtractionException.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "cannot extract " + mediaType + " from " + location + ": only HTML and PDF are supported");
        }
        Walls.refuseIfTooShort(markdown, location);
        return markdown;
    }

    /** A multi-source document: its parts in declaration order, with visible boundaries. */
    public static String combine(List<String> parts) {
        return parts.stream().map(String::strip).collect(Collectors.joining(PART_BOUNDARY)) + "\n";
    }

    /** Words (runs of letters or digits) in a text, as the length checks count them. */
    public static int words(String text) {
        return Walls.words(text);
    }

    private static boolean startsWith(byte[] content, String prefix) {
        if (content.length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (content[i] != prefix.charAt(i)) return false;
        return true;
    }
}
