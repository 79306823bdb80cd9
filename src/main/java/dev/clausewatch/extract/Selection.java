package dev.clausewatch.extract;

import dev.clausewatch.registry.Selector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds what a selector designates. A CSS selector designates its matching elements; a range
 * designates the nodes between two boundary points, as a DOM Range does: before or after the
 * first element matching {@code start}, up to before or after the first element matching
 * {@code end}. Only nodes wholly inside the range are taken (the topmost of them).
 */
final class Selection {
    private Selection() {}

    /** The nodes a selector designates, in document order; empty when it matches nothing. */
    static List<Node> select(Document document, Selector selector) {
        try {
            return switch (selector) {
                case Selector.Css css -> new ArrayList<>(document.select(css.query()));
                case Selector.Range range -> range(document, range);
            };
        } catch (org.jsoup.select.Selector.SelectorParseException invalid) {
            throw new ExtractionException(ExtractionException.Kind.INVALID_SELECTOR, "the declared selector " + describe(selector)
                    + " is not valid CSS (" + invalid.getMessage() + ") for the page at " + document.location());
        }
    }

    static String describe(Selector selector) {
        return switch (selector) {
            case Selector.Css css -> "\"" + css.query() + "\"";
            case Selector.Range r -> "{" + (r.startInclusive() ? "startBefore" : "startAfter") + ": \"" + r.start() + "\", "
                    + (r.endInclusive() ? "endAfter" : "endBefore") + ": \"" + r.end() + "\"}";
        };
    }

    private static List<Node> range(Document document, Selector.Range range) {
        Element start = document.selectFirst(range.start());
        Element end = document.selectFirst(range.end());
        if (start == null || end == null) return List.of();
        Positions positions = Positions.of(document);
        int from = range.startInclusive() ? positions.first(start) : positions.last(start) + 1;
        int to = range.endInclusive() ? positions.last(end) + 1 : positions.first(end);
        List<Node> inside = new ArrayList<>();
        collect(document, positions, from, to, inside);
        return inside;
    }

    /** Topmost nodes whose whole subtree lies in [from, to). */
    private static void collect(Node node, Positions positions, int from, int to, List<Node> into) {
        for (Node child : node.childNodes()) {
            int first = positions.first(child), last = positions.last(child);
            if (last < from || first >= to) continue;
            if (first >= from && last < to) into.add(child);
            else collect(child, positions, from, to, into);
        }
    }

    /** Pre-order numbers of every node and of its last descendant. */
    private record Positions(Map<Node, Integer> first, Map<Node, Integer> last) {
        static Positions of(Document document) {
            Map<Node, Integer> first = new IdentityHashMap<>(), last = new IdentityHashMap<>();
            int[] counter = {0};
            NodeTraversor.traverse(new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    first.put(node, counter[0]++);
                }

                @Override
                public void tail(Node node, int depth) {
                    last.put(node, counter[0] - 1);
                }
            }, document);
            return new Positions(first, last);
        }

        int first(Node node) {
            return first.get(node);
        }

        int last(Node node) {
            return last.get(node);
        }
    }
}
