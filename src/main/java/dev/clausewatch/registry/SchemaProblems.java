package dev.clausewatch.registry;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.path.NodePath;
import dev.clausewatch.registry.InvalidInputException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The validator's errors as Clausewatch reports bad input: the field is the JSON pointer of the bad
 * value (for a missing or unexpected field, that field's own pointer), the rule is the schema's
 * wording with the bad value quoted where the value is the point, then the keyword broken:
 * {@code /terms/Privacy Policy/fetch: "ftp://x/" must be an absolute http or https URL (pattern)}.
 * A schema words a oneOf or anyOf itself (errorMessage): why each of its branches failed is left
 * out, as it would only repeat the alternatives.
 */
final class SchemaProblems {
    /** Keywords about a value's text, where quoting the text shows what is wrong with it. */
    private static final Set<String> ABOUT_THE_TEXT = Set.of("pattern", "format", "enum", "const", "minLength", "maxLength");
    private static final Set<String> UNEXPECTED_FIELD = Set.of("additionalProperties", "unevaluatedProperties");
    private static final int QUOTED_AT_MOST = 80;

    private final SchemaRegistry registry;

    SchemaProblems(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** What one error says of one value: where, the rule, and what follows the keyword (fields allowed instead). */
    private record Finding(String pointer, String rule, String detail) {}

    List<Problem> of(List<Error> errors) {
        // One problem per value and rule, naming every keyword behind it: a fetch that is neither a URI nor http(s) is one problem.
        Map<Finding, Set<String>> keywords = new LinkedHashMap<>();
        for (Error error : errors) {
            if (insideAnAlternative(error.getEvaluationPath())) continue;
            keywords.computeIfAbsent(finding(error), f -> new LinkedHashSet<>()).add(error.getKeyword());
        }
        List<Problem> problems = new ArrayList<>();
        keywords.forEach((f, broken) -> problems.add(new Problem(f.pointer(), f.rule() + " (" + String.join(", ", broken) + ")" + f.detail())));
        return problems;
    }

    private Finding finding(Error error) {
        String at = error.getInstanceLocation().toString();
        String keyword = error.getKeyword();
        if (keyword.equals("required")) return new Finding(child(at, error.getProperty()), "is missing", "");
        if (UNEXPECTED_FIELD.contains(keyword)) return new Finding(child(at, error.getProperty()), "is not a field here", allowedInstead(error));
        if (error.getProperty() != null) return new Finding(child(at, error.getProperty()), error.getMessage(), "");
        JsonNode value = error.getInstanceNode();
        String quoted = ABOUT_THE_TEXT.contains(keyword) && value != null && value.isString() ? quote(value.stringValue()) + " " : "";
        return new Finding(at, quoted + error.getMessage(), "");
    }

    /** The fields the object may have, first the one meant when only the case differs (Le Chat's "ValidUntil"). */
    private String allowedInstead(Error error) {
        SchemaLocation keyword = error.getSchemaLocation();
        JsonNode object = registry.getSchema(new SchemaLocation(keyword.getAbsoluteIri(), keyword.getFragment().getParent())).getSchemaNode();
        List<String> allowed = object.path("properties").propertyNames().stream().sorted().toList();
        String field = error.getProperty();
        String meant = allowed.stream().filter(a -> a.equalsIgnoreCase(field)).findFirst()
                .map(a -> "; did you mean \"" + a + "\"? field names are case-sensitive").orElse("");
        return meant + (allowed.isEmpty() ? "" : "; allowed here: " + String.join(", ", allowed));
    }

    /** True for an error inside a branch of oneOf or anyOf: the combinator's own error says what is wrong. */
    private static boolean insideAnAlternative(NodePath evaluationPath) {
        for (int i = 0; i < evaluationPath.getNameCount() - 1; i++) {
            String name = evaluationPath.getName(i);
            if (name.equals("oneOf") || name.equals("anyOf")) return true;
        }
        return false;
    }

    private static String child(String pointer, String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private static String quote(String text) {
        String shown = text.length() > QUOTED_AT_MOST ? text.substring(0, QUOTED_AT_MOST) + "…" : text;
        return JsonNodeFactory.instance.stringNode(shown).toString();
    }
}
