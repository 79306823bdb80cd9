package dev.clausewatch.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical JSON form of a declaration's sources, as the registry stores it. Canonical (fixed
 * field order, no optional noise) so that equal declarations have equal text and equal hashes.
 */
public final class DeclarationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeclarationJson() {}

    public static String write(List<SourceDocument> sources) {
        ArrayNode array = JSON.createArrayNode();
        for (SourceDocument source : sources) {
            ObjectNode node = array.addObject();
            node.put("id", source.id());
            node.put("location", source.location().toString());
            node.put("fetchMode", source.fetchMode().name());
            source.acceptLanguage().ifPresent(language -> node.put("acceptLanguage", language));
            node.set("select", selectors(source.select()));
            node.set("remove", selectors(source.remove()));
            ArrayNode filters = node.putArray("filters");
            for (Filter filter : source.filters()) {
                if (filter.arguments().isEmpty()) filters.add(filter.name());
                else {
                    ArrayNode arguments = filters.addObject().putArray(filter.name());
                    filter.arguments().forEach(arguments::add);
                }
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write declaration JSON", e);
        }
    }

    public static SourceDeclaration read(DocumentId document, String json, Optional<Instant> validUntil) {
        try {
            List<SourceDocument> sources = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                List<Filter> filters = new ArrayList<>();
                for (JsonNode f : node.get("filters")) {
                    if (f.isTextual()) {
                        filters.add(Filter.named(f.asText()));
                    } else {
                        var only = f.properties().iterator().next();
                        List<String> arguments = new ArrayList<>();
                        only.getValue().forEach(a -> arguments.add(a.asText()));
                        filters.add(new Filter(only.getKey(), arguments));
                    }
                }
                sources.add(new SourceDocument(node.get("id").asText(), URI.create(node.get("location").asText()),
                        selectors(node.get("select")), selectors(node.get("remove")), filters,
                        FetchMode.valueOf(node.get("fetchMode").asText()),
                        Optional.ofNullable(node.get("acceptLanguage")).map(JsonNode::asText)));
            }
            return new SourceDeclaration(document, sources, validUntil);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored declaration of " + document + " is not valid JSON", e);
        }
    }

    private static ArrayNode selectors(List<Selector> selectors) {
        ArrayNode array = JSON.createArrayNode();
        for (Selector selector : selectors) {
            switch (selector) {
                case Selector.Css css -> array.add(css.query());
                case Selector.Range range -> {
                    ObjectNode node = array.addObject();
                    node.put(range.startInclusive() ? "startBefore" : "startAfter", range.start());
                    node.put(range.endInclusive() ? "endAfter" : "endBefore", range.end());
                }
            }
        }
        return array;
    }

    private static List<Selector> selectors(JsonNode array) {
        List<Selector> result = new ArrayList<>();
        for (JsonNode node : array) {
            if (node.isTextual()) {
                result.add(new Selector.Css(node.asText()));
            } else {
                boolean startBefore = node.has("startBefore");
                boolean endAfter = node.has("endAfter");
                result.add(new Selector.Range(node.get(startBefore ? "startBefore" : "startAfter").asText(), startBefore,
                        node.get(endAfter ? "endAfter" : "endBefore").asText(), endAfter));
            }
        }
        return result;
    }
}
