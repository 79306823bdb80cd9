package dev.clausewatch.provision;

import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ast.BlockQuote;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.ListBlock;
import com.vladsch.flexmark.ast.ListItem;
import com.vladsch.flexmark.ast.OrderedListItem;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.StrongEmphasis;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a version's Markdown into provisions. Headings (and short paragraphs that are wholly
 * bold, which older documents use as headings) open sections and make the trail of what follows;
 * paragraphs that start with a clause number are clauses; list items and table rows are their own
 * provisions. Paragraphs broken by hard line wraps with blank lines between (PGA's conversions)
 * are joined back when one does not end a sentence and the next starts in lower case.
 */
public final class ProvisionParser {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProvisionParser.class);
    private static final Pattern CLAUSE_NUMBER = Pattern.compile(
            "^\\s*(?:(?:section|article|clause|§)\\s*)?(\\d{1,3}(?:\\.\\d{1,3})*\\.?|\\([a-z0-9]{1,4}\\)|[a-z]\\)|[ivxlc]{1,6}\\.)\\s+(?=\\S)",
            Pattern.CASE_INSENSITIVE);
    private static final int BOLD_HEADING_MAX_WORDS = 15;
    /** Comment delimiters and tags of a raw HTML block (bounded, so the match stays linear). */
    private static final Pattern TAG = Pattern.compile("<!--|-->|<[^<>\\n]{0,500}>");
    /** A hard-wrapped line holds several words; a one-word paragraph ("close") is a page label, not half a sentence. */
    private static final int MIN_WRAPPED_WORDS = 4;

    private final Parser parser;

    public ProvisionParser() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        this.parser = Parser.builder(options).build();
    }

    /**
     * The provisions of a version. Total: the Markdown is bounded first ({@link MarkdownBounds}),
     * and when its structure still cannot be read, the text is kept as one paragraph per block.
     */
    public List<Provision> parse(String markdown) {
        String bounded = MarkdownBounds.bounded(markdown);
        try {
            Walk walk = new Walk();
            walk.blocks(parser.parse(bounded));
            return walk.joined();
        } catch (StackOverflowError | RuntimeException unreadable) {
            LOG.warn("the Markdown structure of a text of {} characters cannot be read ({}); kept as plain paragraphs",
                    markdown.length(), unreadable.toString());
            return plainParagraphs(bounded);
        }
    }

    /** One paragraph per block of lines between blank lines: the text without its structure. */
    static List<Provision> plainParagraphs(String markdown) {
        List<Provision> provisions = new ArrayList<>();
        for (String block : markdown.split("\n[ \t]*\n")) {
            String text = Texts.collapse(block);
            if (!text.isEmpty()) provisions.add(new Provision(null, provisions.size(), ProvisionKind.PARAGRAPH, List.of(), "", block.strip(), text));
        }
        return provisions;
    }

    private static final class Walk {
        final List<Provision> provisions = new ArrayList<>();
        final List<Integer> levels = new ArrayList<>();
        final List<String> trail = new ArrayList<>();

        void blocks(Node parent) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) block(node);
        }

        void block(Node node) {
            switch (node) {
                case Heading h -> heading(h.getLevel(), text(h), h.getChars().toString());
                case Paragraph p -> paragraph(p);
                case ListBlock list -> items(list);
                case TableBlock table -> rows(table);
                case BlockQuote quote -> blocks(quote);
                // Text the parser reads as code or raw HTML is still text of the document: an unclosed fence or
                // comment ("```", "<!--") would otherwise swallow everything after it.
                case com.vladsch.flexmark.ast.FencedCodeBlock code -> literal(literalText(code));
                case com.vladsch.flexmark.ast.IndentedCodeBlock code -> literal(literalText(code));
                case com.vladsch.flexmark.ast.HtmlBlockBase html -> literal(literalText(html));
                default -> {
                    if (node instanceof Block && node.hasChildren()) blocks(node);
                }
            }
        }

        /** Literal text, one paragraph per block of lines between blank lines. */
        void literal(String text) {
            for (Provision p : plainParagraphs(text)) add(ProvisionKind.PARAGRAPH, "", p.markdown(), p.text());
        }

        void heading(int level, String text, String markdown) {
            while (!levels.isEmpty() && levels.getLast() >= level) {
                levels.removeLast();
                trail.removeLast();
            }
            // "3. Privacy": the number is kept apart, so renumbered headings compare equal.
            Matcher number = CLAUSE_NUMBER.matcher(text);
            if (number.find() && number.end() < text.length()) add(ProvisionKind.HEADING, number.group(1), markdown, text.substring(number.end()));
            else add(ProvisionKind.HEADING, "", markdown, text);
            levels.add(level);
            trail.add(text);
        }

        void paragraph(Paragraph p) {
            String text = text(p);
            String markdown = p.getChars().toString().strip();
            if (text.isBlank()) return;
            if (isBoldHeading(p, text)) {
                heading(7, text, markdown);
                return;
            }
            Matcher number = CLAUSE_NUMBER.matcher(text);
            if (number.find()) add(ProvisionKind.CLAUSE, number.group(1), markdown, text.substring(number.end()));
            else add(ProvisionKind.PARAGRAPH, "", markdown, text);
        }

        void items(ListBlock list) {
            int index = 0;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (!(item instanceof ListItem li)) continue;
                index++;
                StringBuilder text = new StringBuilder();
                List<ListBlock> nested = new ArrayList<>();
                for (Node child = li.getFirstChild(); child != null; child = child.getNext()) {
                    if (child instanceof ListBlock inner) nested.add(inner);
                    else text.append(text.isEmpty() ? "" : "\n\n").append(literalText(child));
                }
                String number = li instanceof OrderedListItem ordered ? ordered.getOpeningMarker().toString().replaceAll("[.)]$", "") : "";
                if (!text.isEmpty()) {
                    String markdown = li.getChars().toString().strip();
                    for (ListBlock inner : nested) markdown = markdown.replace(inner.getChars().toString().strip(), "").strip();
                    add(ProvisionKind.LIST_ITEM, number, markdown, text.toString());
                }
                nested.forEach(this::items);
            }
        }

        void rows(TableBlock table) {
            for (Node row : descendants(table, TableRow.class)) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) cells.add(text(cell).strip());
                }
                String text = String.join(" | ", cells);
                if (!text.replace("|", "").isBlank()) add(ProvisionKind.TABLE_ROW, "", row.getChars().toString().strip(), text);
            }
        }

        void add(ProvisionKind kind, String number, String markdown, String text) {
            provisions.add(new Provision(null, provisions.size(), kind, trail, number, markdown, Texts.collapse(text)));
        }

        /** Rejoins paragraphs a hard wrap split: no sentence end before, lower case after. */
        List<Provision> joined() {
            List<Provision> result = new ArrayList<>();
            for (Provision p : provisions) {
                Provision last = result.isEmpty() ? null : result.getLast();
                boolean continues = last != null && last.kind() == ProvisionKind.PARAGRAPH && p.kind() == ProvisionKind.PARAGRAPH
                        && last.trail().equals(p.trail()) && !endsSentence(last.text())
                        && Texts.wordCount(last.text()) >= MIN_WRAPPED_WORDS
                        && !p.text().isEmpty() && Character.isLowerCase(p.text().charAt(0));
                if (continues) {
                    result.set(result.size() - 1, new Provision(null, last.position(), last.kind(), last.trail(), last.number(),
                            last.markdown() + "\n" + p.markdown(), last.text() + " " + p.text()));
                } else {
                    result.add(new Provision(null, result.size(), p.kind(), p.trail(), p.number(), p.markdown(), p.text()));
                }
            }
            return result;
        }

        /** Whether the text ends like a sentence or clause (. ! ? : ; or a closing quote or bracket). */
        private static boolean endsSentence(String text) {
            for (int i = text.length() - 1; i >= 0; i--) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) continue;
                return ".!?:;\"”’)]".indexOf(c) >= 0;
            }
            return false;
        }

        private static boolean isBoldHeading(Paragraph p, String text) {
            Node only = p.getFirstChild();
            boolean wholeBold = only instanceof StrongEmphasis && only.getNext() == null
                    || (only instanceof StrongEmphasis && only.getNext() != null && only.getNext().getNext() == null
                    && only.getNext().getChars().isBlank());
            // A bold date line ("**Last Updated: September 28, 2023**") states a date; it heads nothing.
            return wholeBold && Texts.wordCount(text) <= BOLD_HEADING_MAX_WORDS && !EffectiveDate.isDateLine(new Provision(null, 0,
                    ProvisionKind.PARAGRAPH, List.of(), "", text, text));
        }

        /** The words of a block as written: code and raw HTML blocks give their text too (tags and fences aside). */
        private static String literalText(Node node) {
            return switch (node) {
                case com.vladsch.flexmark.ast.FencedCodeBlock code -> code.getInfo() + "\n\n" + code.getContentChars();
                case com.vladsch.flexmark.ast.IndentedCodeBlock code -> code.getContentChars().toString();
                case com.vladsch.flexmark.ast.HtmlBlockBase html -> TAG.matcher(html.getChars().toString()).replaceAll(" ");
                default -> text(node);
            };
        }

        private static String text(Node node) {
            return new TextCollectingVisitor().collectAndGetText(node);
        }

        private static <T extends Node> List<Node> descendants(Node root, Class<T> type) {
            List<Node> found = new ArrayList<>();
            for (Node n : root.getDescendants()) if (type.isInstance(n)) found.add(n);
            return found;
        }
    }
}
