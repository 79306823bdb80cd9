package dev.clausewatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A document tree as the schema validator takes it. Clausewatch reads files with Jackson 2 and the
 * validator works on Jackson 3 trees; copying the tree node by node, rather than writing and
 * reparsing its text, validates exactly what the reader maps (a number too large for a double
 * stays a number, where written as text it would become the string "Infinity").
 */
final class ValidatorTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValidatorTree() {}

    static tools.jackson.databind.JsonNode of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                ObjectNode object = NODES.objectNode();
                node.properties().forEach(field -> object.set(field.getKey(), of(field.getValue())));
                yield object;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                node.forEach(item -> array.add(of(item)));
                yield array;
            }
            case NUMBER -> number(node);
            case BOOLEAN -> NODES.booleanNode(node.booleanValue());
            case NULL, MISSING -> NODES.nullNode();
            // Text, and YAML's !!binary as the text the readers see (asText: its Base64).
            case STRING, BINARY, POJO -> NODES.stringNode(node.asText());
        };
    }

    private static tools.jackson.databind.JsonNode number(JsonNode node) {
        if (node.isIntegralNumber()) return NODES.numberNode(node.bigIntegerValue());
        if (node.isBigDecimal()) return NODES.numberNode(node.decimalValue());
        return NODES.numberNode(node.doubleValue());
    }
}
