package dev.clausewatch.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Makes the block structure of a page explicit before conversion to Markdown. Pages nest their
 * text in layers of generic containers (div, section, article…); converters treat those layers
 * inconsistently, so the same text in a re-styled page came out with different paragraph breaks
 * (a false change). Here every generic container is replaced by its children, and loose inline
 * content inside it is wrapped in its own paragraph first: what is a separate block on the page
 * is a separate paragraph in the Markdown, whatever the wrapping.
 */
final class Blocks {
    private static final Set<String> CONTAINERS = Set.of("div", "section", "article", "main", "header", "footer", "aside", "nav",
            "figure", "figcaption", "center", "form", "fieldset", "details", "summary", "hgroup", "address", "body");
    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font",
            "i", "img", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "u",
            "var", "wbr", "del", "ins", "button");

    private Blocks() {}

    /**
     * Flattens the containers inside {@code root} (the root itself stays). One pass that rebuilds
     * each element's children (unwrapping containers one by one re-indexes their parent every
     * time: quadratic on a page of a million nested divs, which the HTML parser's depth bound
     * turns into a million siblings). Recursion follows element nesting, which the parser bounds.
     */
    static void flatten(Element root) {
        replaceChildren(root, flatChildren(root, false));
        replaceChildren(root, wrappedLooseInline(detachedChildren(root)));
    }

    /** The element's children with every container among them (at any depth) replaced by its own flattened children. */
    private static List<Node> flatChildren(Element element, boolean insideInline) {
        List<Node> flat = new ArrayList<>();
        for (Node child : detachedChildren(element)) {
            if (child instanceof Element e && CONTAINERS.contains(e.normalName())) {
                List<Node> inner = flatChildren(e, insideInline);
                // Inside a link or other inline element a container is just a wrapper: keep its content inline.
                flat.addAll(insideInline ? inner : wrappedLooseInline(inner));
            } else {
                if (child instanceof Element e) replaceChildren(e, flatChildren(e, insideInline || INLINE.contains(e.normalName())));
                flat.add(child);
            }
        }
        return flat;
    }

    /** The children, detached (so moving them elsewhere costs nothing per node). */
    private static List<Node> detachedChildren(Element element) {
        List<Node> children = new ArrayList<>(element.childNodes());
        element.empty();
        return children;
    }

    private static void replaceChildren(Element element, List<Node> children) {
        element.empty();
        element.appendChildren(children);
    }

    /** The nodes with each run of inline content that holds text wrapped in its own paragraph. */
    private static List<Node> wrappedLooseInline(List<Node> nodes) {
        List<Node> result = new ArrayList<>();
        List<Node> run = new ArrayList<>();
        for (Node node : nodes) {
            if (isInline(node)) {
                run.add(node);
            } else {
                result.addAll(wrapped(run));
                run.clear();
                result.add(node);
            }
        }
        result.addAll(wrapped(run));
        return result;
    }

    private static boolean isInline(Node node) {
        if (node instanceof TextNode) return true;
        return node instanceof Element e && INLINE.contains(e.normalName());
    }

    private static List<Node> wrapped(List<Node> run) {
        boolean hasText = run.stream().anyMatch(n -> n instanceof TextNode t ? !t.isBlank()
                : n instanceof Element e && (e.hasText() || e.normalName().equals("img")));
        if (!hasText) return List.copyOf(run);
        Element paragraph = new Element("p");
        paragraph.appendChildren(run);
        return List.of(paragraph);
    }
}
