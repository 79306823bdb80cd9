package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clausewatch.registry.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration file, {@code clausewatch.yaml} in the data directory (or {@code --config FILE}):
 * the options of the command line written once, the shared ones at the top and each command's under
 * its name. Flags win over environment variables, which win over the file, which wins over the
 * built-in defaults. The whole file is checked at start against the commands' own options: an
 * unknown key or a value of the wrong kind stops the command with the key, the file and the rule.
 *
 * <pre>
 * db-url: jdbc:postgresql://127.0.0.1:5432/clausewatch?user=clausewatch
 * serve:
 *   host: 0.0.0.0
 *   port: 8080
 * track:
 *   cadence: PT6H
 * </pre>
 */
final class ConfigFile {
    static final String NAME = "clausewatch.yaml";
    /** Shared options an environment variable sets too: the variable, when set, wins over the file. */
    private static final Map<String, String> ENVIRONMENT = Map.of("db-url", "CLAUSEWATCH_DB_URL", "chromium", "CLAUSEWATCH_CHROMIUM");
    /** Options the file cannot hold, with the reason. */
    private static final Map<String, String> NOT_HERE = Map.of(
            "data-dir", "the file lives in the data directory: give it with --data-dir or $CLAUSEWATCH_DATA_DIR",
            "config", "the file cannot name another file");

    private final Path file;
    private final Map<String, String> values;
    private final Map<String, String> environment;

    private ConfigFile(Path file, Map<String, String> values, Map<String, String> environment) {
        this.file = file;
        this.values = values;
        this.environment = environment;
    }

    /**
     * The file {@code --config} names, else the one in the data directory, read and checked against
     * {@code root}'s commands; none when there is no such file in the data directory.
     */
    static Optional<ConfigFile> of(Optional<Path> named, Path dataDir, Map<String, String> environment, CommandSpec root) {
        Path file = named.orElseGet(() -> dataDir.resolve(NAME));
        if (!Files.exists(file)) {
            if (named.isPresent()) throw new InvalidInputException(file, "", "does not exist (named by --config)");
            return Optional.empty();
        }
        return Optional.of(new ConfigFile(file, check(file, flatten(file, read(file)), root), environment));
    }

    Path file() {
        return file;
    }

    /**
     * Sets, on the commands the arguments ran, every option the arguments did not give and the
     * file does (an environment variable that sets the option wins over the file). Called once the
     * whole command line is read, so {@code --data-dir} and {@code --config} are known wherever they stood.
     */
    void apply(CommandLine.ParseResult parsed) {
        java.util.Set<OptionSpec> given = new java.util.HashSet<>();
        java.util.Set<String> givenShared = new java.util.HashSet<>();
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            for (OptionSpec o : r.matchedOptions()) {
                given.add(o);
                if (o.scopeType() == CommandLine.ScopeType.INHERIT) givenShared.add(name(o));
            }
        }
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            boolean root = r == parsed;
            for (OptionSpec o : r.commandSpec().options()) {
                boolean shared = o.scopeType() == CommandLine.ScopeType.INHERIT;
                if (given.contains(o) || (shared && (!root || givenShared.contains(name(o))))) continue; // shared ones once, on the root
                if (shared && ENVIRONMENT.containsKey(name(o)) && environment.get(ENVIRONMENT.get(name(o))) != null) continue;
                String value = values.get(shared ? name(o) : path(r.commandSpec()) + "." + name(o));
                if (value != null) o.setValue(typed(o, value));
            }
        }
    }

    /** The file's text as the option's type; {@link #check} has already refused what does not read. */
    private static Object typed(OptionSpec option, String value) {
        Class<?> type = option.type();
        if (type == int.class || type == Integer.class) return Integer.parseInt(value);
        if (type == long.class || type == Long.class) return Long.parseLong(value);
        if (type == boolean.class || type == Boolean.class) return Boolean.parseBoolean(value);
        if (type == Duration.class) return Duration.parse(value);
        if (type == Path.class) return Path.of(value);
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) if (constant.toString().equals(value)) return constant;
        }
        return value;
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) return new ObjectMapper().createObjectNode();
            if (!root.isObject()) throw new InvalidInputException(file, "", "must be a YAML mapping of option names to values");
            return root;
        } catch (IOException e) {
            throw new InvalidInputException(file, "", "is not readable YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** {@code serve: {port: 8080}} as {@code serve.port=8080}; lists and deeper nesting are refused by key. */
    private static Map<String, String> flatten(Path file, JsonNode root) {
        Map<String, String> flat = new LinkedHashMap<>();
        root.properties().forEach(top -> {
            if (top.getValue().isObject()) {
                top.getValue().properties().forEach(inner -> flat.put(top.getKey() + "." + inner.getKey(), scalar(file, top.getKey() + "." + inner.getKey(), inner.getValue())));
            } else {
                flat.put(top.getKey(), scalar(file, top.getKey(), top.getValue()));
            }
        });
        return flat;
    }

    private static String scalar(Path file, String key, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) throw new InvalidInputException(file, key, "must be a single value (text, number or true/false)");
        return value.asText();
    }

    /** Every key names an option its command has, and every value reads as that option's kind. */
    private static Map<String, String> check(Path file, Map<String, String> values, CommandSpec root) {
        Map<String, OptionSpec> known = new LinkedHashMap<>();
        for (OptionSpec o : root.options()) if (o.scopeType() == CommandLine.ScopeType.INHERIT) known.put(name(o), o);
        for (CommandLine sub : root.subcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (o.scopeType() != CommandLine.ScopeType.INHERIT && !o.usageHelp() && !o.versionHelp()) known.put(path(sub.getCommandSpec()) + "." + name(o), o);
            }
        }
        for (var entry : values.entrySet()) {
            String key = entry.getKey();
            String last = key.substring(key.lastIndexOf('.') + 1);
            if (NOT_HERE.containsKey(last)) throw new InvalidInputException(file, key, "is not read from this file: " + NOT_HERE.get(last));
            OptionSpec option = known.get(key);
            if (option == null) throw new InvalidInputException(file, key, "is not an option of clausewatch; the file knows " + suggestions(known.keySet(), key));
            if (!settable(option.type())) throw new InvalidInputException(file, key, "cannot be set in this file; give it on the command line");
            kind(option).ifPresent(rule -> {
                if (!rule.accepts(entry.getValue())) throw new InvalidInputException(file, key, "must be " + rule.words() + ", not \"" + entry.getValue() + "\"");
            });
        }
        return values;
    }

    /** The keys that share the unknown key's command, or the shared ones: enough to see the slip. */
    private static String suggestions(java.util.Set<String> known, String key) {
        String section = key.contains(".") ? key.substring(0, key.indexOf('.') + 1) : "";
        List<String> near = new ArrayList<>(new TreeSet<>(known.stream().filter(k -> section.isEmpty() ? !k.contains(".") : k.startsWith(section)).toList()));
        return near.isEmpty() ? "no options under " + section.replace(".", "") : String.join(", ", near);
    }

    private static boolean settable(Class<?> type) {
        return type == String.class || type == Path.class || type == Duration.class || type.isEnum() || type.isPrimitive()
                || type == Integer.class || type == Long.class || type == Boolean.class;
    }

    private record Rule(String words, java.util.function.Predicate<String> accepts) {
        boolean accepts(String value) {
            return accepts.test(value);
        }
    }

    private static Optional<Rule> kind(OptionSpec option) {
        Class<?> type = option.type();
        // Digits few enough to fit the type, so that typed() never meets a number it cannot hold.
        if (type == int.class || type == Integer.class) return Optional.of(new Rule("a whole number", v -> v.matches("-?\\d{1,9}")));
        if (type == long.class || type == Long.class) return Optional.of(new Rule("a whole number", v -> v.matches("-?\\d{1,18}")));
        if (type == boolean.class || type == Boolean.class) return Optional.of(new Rule("true or false", v -> v.equals("true") || v.equals("false")));
        if (type == Duration.class) return Optional.of(new Rule("an ISO 8601 duration such as PT12H", v -> {
            try {
                Duration.parse(v);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }));
        if (type.isEnum()) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
            return Optional.of(new Rule("one of " + String.join(", ", names), names::contains));
        }
        return Optional.empty();
    }

    private static String name(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** A command's place under the root, e.g. {@code serve} or {@code evaluate.changes}. */
    private static String path(CommandSpec command) {
        List<String> names = new ArrayList<>();
        for (CommandSpec c = command; c.parent() != null; c = c.parent()) names.addFirst(c.name());
        return String.join(".", names);
    }
}
