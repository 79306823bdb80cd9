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
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/** HTML to Markdown: normalise, remove, select, convert, tidy. */
final class HtmlExtraction {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HtmlExtraction.class);
    /** Open elements the parser keeps nested; deeper ones become siblings (real pages nest a few dozen levels). */
    static final int MAX_DEPTH = 128;
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([\\w.:-]+)");

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
            document = Jsoup.parse(new ByteArrayInputStream(content), charsetOf(mediaType), location.toString(),
                    org.jsoup.parser.Parser.htmlParser().setMaxDepth(MAX_DEPTH));
        } catch (IOException | RuntimeException e) {
            // jsoup can fail on its own bugs (e.g. "no template insertion mode" when nesting passes its depth bound).
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
        Blocks.flatten(selection.body());
        TableSpans.bound(selection.body());
        return tidy(markdown(selection.body(), location));
    }

    /**
     * The Markdown of the flattened selection; when the converter cannot read the structure (it
     * recurses per level of inline nesting), the text is kept as one paragraph per block.
     */
    private String markdown(Element body, URI location) {
        try {
            return converter.convert(body.html());
        } catch (StackOverflowError | RuntimeException unreadable) {
            LOG.warn("the structure of {} cannot be converted to Markdown ({}); its text is kept as plain paragraphs", location, unreadable.toString());
            StringBuilder text = new StringBuilder();
            for (Element block : body.children()) {
                String words = block.text().strip();
                if (!words.isEmpty()) text.append(words).append("\n\n");
            }
            return text.toString();
        }
    }

    private static boolean containedIn(Node node, List<Node> selected) {
        for (Node parent = node; parent != null; parent = parent.parent()) {
            for (Node s : selected) if (s == parent) return true;
        }
        return false;
    }

    /**
     * White space made canonical in one linear pass: no-break spaces as spaces, invisible
     * characters (zero-width, soft hyphen, BOM) dropped, trailing blanks cut, at most one empty
     * line in a row, one final newline. (A regular expression here went quadratic on table rows
     * padded with thousands of spaces.)
     */
    static String tidy(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length());
        int blankRun = 0;
        for (String line : markdown.split("\r?\n", -1)) {
            String clean = visible(line).stripTrailing();
            if (clean.isEmpty()) {
                blankRun++;
                continue;
            }
            if (!out.isEmpty()) out.append(blankRun > 0 ? "\n\n" : "\n");
            out.append(clean);
            blankRun = 0;
        }
        return out.append('\n').toString();
    }

    private static String visible(String line) {
        StringBuilder kept = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean invisible = c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
            if (invisible || c == '\u00A0') {
                if (kept == null) kept = new StringBuilder(line.length()).append(line, 0, i);
                if (!invisible) kept.append(' ');
            } else if (kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? line : kept.toString();
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
