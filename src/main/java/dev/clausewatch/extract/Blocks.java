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

    /** Flattens the containers inside {@code root} (the root itself stays). */
    static void flatten(Element root) {
        List<Element> containers = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            if (e != root && CONTAINERS.contains(e.normalName())) containers.add(e);
        }
        // Deepest first: by the time a container is unwrapped, its own children are already flat.
        for (int i = containers.size() - 1; i >= 0; i--) {
            Element container = containers.get(i);
            // Inside a link or other inline element a container is just a wrapper: keep its content inline.
            if (!insideInline(container, root)) wrapLooseInline(container);
            container.unwrap();
        }
        wrapLooseInline(root);
    }

    private static boolean insideInline(Element element, Element root) {
        for (Element parent = element.parent(); parent != null && parent != root; parent = parent.parent()) {
            if (INLINE.contains(parent.normalName())) return true;
        }
        return false;
    }

    private static void wrapLooseInline(Element container) {
        List<Node> run = new ArrayList<>();
        for (Node child : new ArrayList<>(container.childNodes())) {
            if (isInline(child)) {
                run.add(child);
            } else {
                wrap(run);
                run.clear();
            }
        }
        wrap(run);
    }

    private static boolean isInline(Node node) {
        if (node instanceof TextNode) return true;
        return node instanceof Element e && INLINE.contains(e.normalName());
    }

    private static void wrap(List<Node> run) {
        boolean hasText = run.stream().anyMatch(n -> n instanceof TextNode t ? !t.isBlank()
                : n instanceof Element e && (e.hasText() || e.normalName().equals("img")));
        if (!hasText) return;
        Element paragraph = new Element("p");
        run.getFirst().before(paragraph);
        for (Node n : run) paragraph.appendChild(n);
    }
}
