package dev.clausewatch.extract;

import com.vladsch.flexmark.html2md.converter.FlexmarkHtmlConverter;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.clausewatch.extract.ExtractionException.Kind;
import dev.clausewatch.registry.Selector;
import dev.clausewatch.registry.SourceDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;

/** HTML to Markdown: normalise, remove, select, convert, tidy. */
final class HtmlExtraction {
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([\\w.:-]+)");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+\\n");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern INVISIBLE_CHARS = Pattern.compile("[\\u200B\\u200C\\u200D\\u2060\\uFEFF\\u00AD]");

    private final FlexmarkHtmlConverter converter;

    HtmlExtraction() {
        MutableDataSet options = new MutableDataSet();
        options.set(FlexmarkHtmlConverter.SETEXT_HEADINGS, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_UNKNOWN_TAGS, false);
        options.set(FlexmarkHtmlConverter.BR_AS_PARA_BREAKS, false);
        options.set(FlexmarkHtmlConverter.EXTRACT_AUTO_LINKS, false);
        options.set(FlexmarkHtmlConverter.RENDER_COMMENTS, false);
        options.set(FlexmarkHtmlConverter.SKIP_CHAR_ESCAPE, false);
        options.set(FlexmarkHtmlConverter.DIV_TABLE_PROCESSING, false);
        options.set(FlexmarkHtmlConverter.OUTPUT_ATTRIBUTES_ID, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_QUOTES, false);
        options.set(FlexmarkHtmlConverter.TYPOGRAPHIC_SMARTS, false);
        this.converter = FlexmarkHtmlConverter.builder(options).build();
    }

    String extract(byte[] content, String mediaType, URI location, SourceDocument source) {
        Document document;
        try {
            document = Jsoup.parse(new ByteArrayInputStream(content), charsetOf(mediaType), location.toString());
        } catch (IOException e) {
            throw new ExtractionException(Kind.UNREADABLE, "cannot parse the HTML of " + location + ": " + e.getMessage());
        }
        Walls.refuseIfWall(document, new String(content, 0, Math.min(content.length, 200_000), StandardCharsets.ISO_8859_1), location);
        for (Selector remove : source.remove()) {
            Selection.select(document, remove).forEach(Node::remove);
        }
        List<Node> selected = new ArrayList<>();
        if (source.select().isEmpty()) {
            if (document.body() != null) selected.add(document.body());
        } else {
            for (Selector select : source.select()) {
                List<Node> nodes = Selection.select(document, select);
                if (nodes.isEmpty()) {
                    throw new ExtractionException(Kind.SELECTOR_NOT_FOUND, "the selector " + Selection.describe(select)
                            + " has no match in the page at " + location);
                }
                for (Node node : nodes) if (!containedIn(node, selected)) selected.add(node);
            }
        }
        // Normalise only what was selected: selectors may point at invisible markers (OTA's
        // "#end-of-content"), which the normalisers would otherwise have dropped first.
        Document selection = Document.createShell(location.toString());
        for (Node node : selected) selection.body().appendChild(node.clone());
        Normalisers.apply(selection, source.filters());
        return tidy(converter.convert(selection.body().html()));
    }

    private static boolean containedIn(Node node, List<Node> selected) {
        for (Node parent = node; parent != null; parent = parent.parent()) {
            for (Node s : selected) if (s == parent) return true;
        }
        return false;
    }

    static String tidy(String markdown) {
        String text = INVISIBLE_CHARS.matcher(markdown.replace('\u00A0', ' ').replace("\r\n", "\n")).replaceAll("");
        text = TRAILING_SPACE.matcher(text).replaceAll("\n");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.strip() + "\n";
    }

    /** The charset the server declared, or null to let the parser read the page's own declaration (BOM, meta). */
    private static String charsetOf(String mediaType) {
        if (mediaType == null) return null;
        Matcher m = CHARSET.matcher(mediaType);
        if (!m.find()) return null;
        String name = m.group(1).toLowerCase(Locale.ROOT);
        return Charset.isSupported(name) ? name : null;
    }
}
