package dev.clausewatch.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clausewatch.registry.InvalidInputException.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Open Terms Archive declaration files: {@code <Service>.json} (the current declarations)
 * and {@code <Service>.history.json} (earlier ones, each with {@code validUntil}). A file is read
 * whole and checked against OTA's rules before anything is returned; every broken rule is
 * reported with its JSON path.
 */
public final class OtaDeclarations {
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    /** OTA's source fields, plus Clausewatch's {@code acceptLanguage} (which OTA files never carry). */
    private static final Set<String> SOURCE_FIELDS = Set.of("fetch", "select", "remove", "filter", "executeClientScripts", "acceptLanguage");
    private static final Set<String> SERVICE_FIELDS = Set.of("name", "terms", "importedFrom");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OtaDeclarations() {}

    /** True when the file name says it is a history file ({@code X.history.json}). */
    public static boolean isHistoryFile(Path file) {
        return file.getFileName().toString().endsWith(".history.json");
    }

    /**
     * Reads a service declaration file: the platform (its id from the service name, "Amazon Web
     * Services" → amazon-web-services) and the current declaration of each terms type.
     */
    public static DeclaredService readService(Path serviceFile) {
        JsonNode root = parse(serviceFile);
        Checker service = new Checker(serviceFile);
        String name = service.serviceName(root);
        service.throwIfAny();
        Platform platform = new Platform(PlatformId.fromName(name), name);
        List<SourceDeclaration> declarations = service.current(root, platform.id());
        service.throwIfAny();
        return new DeclaredService(platform, declarations);
    }

    /** Reads a history file of the given platform: earlier declarations, each with its {@code validUntil}. */
    public static List<SourceDeclaration> readHistory(Path historyFile, Platform platform) {
        Checker history = new Checker(historyFile);
        List<SourceDeclaration> declarations = history.history(parse(historyFile), platform.id());
        history.throwIfAny();
        return declarations;
    }

    /** True when the file's JSON is an object with a "terms" field: a service declaration, valid or not. */
    public static boolean looksLikeServiceDeclaration(Path file) {
        try {
            return file.getFileName().toString().endsWith(".json") && Files.size(file) <= MAX_FILE_BYTES
                    && JSON.readTree(Files.readAllBytes(file)).has("terms");
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode parse(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(file, "", "the file is " + size + " bytes; a declaration file may have at most "
                        + MAX_FILE_BYTES + " bytes");
            }
            return JSON.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InvalidInputException(file, "", "cannot be read: " + e);
        }
    }

    /** Walks one file's JSON, collecting problems instead of stopping at the first. */
    private static final class Checker {
        private final Path file;
        private final List<Problem> problems = new ArrayList<>();

        Checker(Path file) {
            this.file = file;
        }

        void throwIfAny() {
            if (!problems.isEmpty()) throw new InvalidInputException(file, problems);
        }

        private void problem(String field, String rule) {
            problems.add(new Problem(field, rule));
        }

        String serviceName(JsonNode root) {
            if (!root.isObject()) {
                problem("", "a service declaration must be a JSON object with \"name\" and \"terms\"");
                return null;
            }
            unknownFields(root, "", SERVICE_FIELDS);
            JsonNode name = root.get("name");
            if (name == null || !name.isTextual() || name.asText().isBlank()) {
                problem("name", "must be the service's name as a non-blank string");
                return null;
            }
            if (!name.asText().matches(".*[A-Za-z0-9].*")) {
                problem("name", "must contain a letter or digit to make a platform id");
                return null;
            }
            JsonNode importedFrom = root.get("importedFrom");
            if (importedFrom != null && !importedFrom.isTextual()) problem("importedFrom", "must be a URL string");
            JsonNode terms = root.get("terms");
            // An empty object is allowed: a service OTA stopped tracking keeps its past in the history file.
            if (terms == null || !terms.isObject()) {
                problem("terms", "must be an object mapping terms types to declarations");
            }
            return name.asText();
        }

        List<SourceDeclaration> current(JsonNode root, PlatformId platform) {
            List<SourceDeclaration> result = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.get("terms").properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "terms." + quoted(entry.getKey());
                Optional<DocumentId> document = documentId(platform, entry.getKey(), path);
                Optional<List<SourceDocument>> sources = sources(entry.getValue(), path, false);
                if (document.isPresent() && sources.isPresent()) {
                    result.add(new SourceDeclaration(document.get(), sources.get(), Optional.empty()));
                }
            }
            return result;
        }

        List<SourceDeclaration> history(JsonNode root, PlatformId platform) {
            List<SourceDeclaration> result = new ArrayList<>();
            if (!root.isObject()) {
                problem("", "a history file must be a JSON object mapping terms types to arrays of declarations");
                return result;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String typePath = quoted(entry.getKey());
                Optional<DocumentId> document = documentId(platform, entry.getKey(), typePath);
                if (!entry.getValue().isArray()) {
                    problem(typePath, "must be an array of earlier declarations, each with \"validUntil\"");
                    continue;
                }
                int index = 0;
                for (JsonNode item : entry.getValue()) {
                    String path = typePath + "[" + index++ + "]";
                    Optional<Instant> validUntil = validUntil(item, path);
                    Optional<List<SourceDocument>> sources = sources(item, path, true);
                    if (document.isPresent() && sources.isPresent() && validUntil.isPresent()) {
                        result.add(new SourceDeclaration(document.get(), sources.get(), validUntil));
                    }
                }
            }
            return result;
        }

        private Optional<DocumentId> documentId(PlatformId platform, String termsType, String path) {
            Optional<DocumentType> type = DocumentType.lookup(termsType).filter(t -> t.name().equals(termsType));
            if (type.isEmpty()) {
                String hint = DocumentType.lookup(termsType).map(t -> " (did you mean \"" + t.name() + "\"?)").orElse("");
                problem(path, "\"" + termsType + "\" is not a terms type of the vocabulary" + hint);
                return Optional.empty();
            }
            return Optional.of(new DocumentId(platform, type.get()));
        }

        private Optional<Instant> validUntil(JsonNode item, String path) {
            JsonNode value = item.get("validUntil");
            if (value == null) {
                problem(path + ".validUntil", "is missing: every history entry must say until when it applied");
                return Optional.empty();
            }
            if (!value.isTextual()) {
                problem(path + ".validUntil", "must be an ISO 8601 date-time string such as 2024-11-20T06:02:35Z");
                return Optional.empty();
            }
            try {
                return Optional.of(parseInstant(value.asText()));
            } catch (DateTimeParseException e) {
                problem(path + ".validUntil", "\"" + value.asText() + "\" is not an ISO 8601 date-time (e.g. 2024-11-20T06:02:35Z)");
                return Optional.empty();
            }
        }

        private Optional<List<SourceDocument>> sources(JsonNode node, String path, boolean history) {
            if (!node.isObject()) {
                problem(path, "must be an object with \"fetch\" or \"combine\"");
                return Optional.empty();
            }
            Set<String> allowed = new java.util.HashSet<>(SOURCE_FIELDS);
            allowed.add("combine");
            if (history) allowed.add("validUntil");
            unknownFields(node, path, allowed);
            int before = problems.size();
            JsonNode combine = node.get("combine");
            List<SourceDocument> sources = new ArrayList<>();
            if (combine != null) {
                if (node.has("fetch")) problem(path, "has both \"fetch\" and \"combine\": declare one page with fetch or several with combine");
                if (!combine.isArray() || combine.isEmpty()) {
                    problem(path + ".combine", "must be a non-empty array of source documents");
                    return Optional.empty();
                }
                int index = 0;
                for (JsonNode part : combine) {
                    String partPath = path + ".combine[" + index++ + "]";
                    if (!part.isObject()) {
                        problem(partPath, "must be an object with \"fetch\"");
                        continue;
                    }
                    unknownFields(part, partPath, SOURCE_FIELDS);
                    ObjectNode merged = ((ObjectNode) node).deepCopy();
                    merged.remove("combine");
                    merged.setAll((ObjectNode) part);
                    source(merged, partPath, path).ifPresent(sources::add);
                }
            } else {
                source(node, path, path).ifPresent(sources::add);
            }
            return problems.size() == before ? Optional.of(sources) : Optional.empty();
        }

        /** One source document; {@code ownPath} names its fields, {@code sharedPath} the inherited ones. */
        private Optional<SourceDocument> source(JsonNode node, String ownPath, String sharedPath) {
            URI location = location(node.get("fetch"), ownPath + ".fetch");
            List<Selector> select = selectors(node.get("select"), ownPath + ".select");
            List<Selector> remove = selectors(node.get("remove"), ownPath + ".remove");
            List<Filter> filters = filters(node.get("filter"), ownPath + ".filter");
            JsonNode scripts = node.get("executeClientScripts");
            if (scripts != null && !scripts.isBoolean()) problem(ownPath + ".executeClientScripts", "must be true or false");
            JsonNode language = node.get("acceptLanguage");
            if (language != null && (!language.isTextual() || !language.asText().matches("[A-Za-z0-9*;=.,\\- ]+"))) {
                problem(ownPath + ".acceptLanguage", "must be an Accept-Language value such as \"en-GB,en;q=0.8\"");
            }
            if (location == null) return Optional.empty();
            FetchMode mode = scripts != null && scripts.asBoolean() ? FetchMode.BROWSER : FetchMode.HTTP;
            return Optional.of(new SourceDocument(null, location, select, remove, filters, mode,
                    Optional.ofNullable(language).map(JsonNode::asText)));
        }

        private URI location(JsonNode fetch, String path) {
            if (fetch == null || !fetch.isTextual()) {
                problem(path, "is missing: each source document needs the http(s) URL to fetch");
                return null;
            }
            try {
                URI uri = new URI(fetch.asText());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    problem(path, "\"" + fetch.asText() + "\" must be an absolute http or https URL");
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                problem(path, "\"" + fetch.asText() + "\" is not a valid URL: " + e.getReason());
                return null;
            }
        }

        private List<Selector> selectors(JsonNode node, String path) {
            List<Selector> result = new ArrayList<>();
            if (node == null) return result;
            if (node.isArray()) {
                int index = 0;
                for (JsonNode item : node) selector(item, path + "[" + index++ + "]", result);
            } else {
                selector(node, path, result);
            }
            return result;
        }

        private void selector(JsonNode node, String path, List<Selector> into) {
            if (node.isTextual() && !node.asText().isBlank()) {
                into.add(new Selector.Css(node.asText()));
            } else if (node.isObject()) {
                unknownFields(node, path, Set.of("startBefore", "startAfter", "endBefore", "endAfter"));
                boolean before = node.hasNonNull("startBefore"), after = node.hasNonNull("startAfter");
                boolean endBefore = node.hasNonNull("endBefore"), endAfter = node.hasNonNull("endAfter");
                if (before == after || endBefore == endAfter) {
                    problem(path, "a range selector needs exactly one of startBefore/startAfter and exactly one of endBefore/endAfter");
                    return;
                }
                JsonNode start = node.get(before ? "startBefore" : "startAfter");
                JsonNode end = node.get(endAfter ? "endAfter" : "endBefore");
                if (!start.isTextual() || start.asText().isBlank() || !end.isTextual() || end.asText().isBlank()) {
                    problem(path, "range bounds must be non-blank CSS selector strings");
                    return;
                }
                into.add(new Selector.Range(start.asText(), before, end.asText(), endAfter));
            } else {
                problem(path, "must be a CSS selector string, a range object, or an array of them");
            }
        }

        private List<Filter> filters(JsonNode node, String path) {
            List<Filter> result = new ArrayList<>();
            if (node == null) return result;
            if (!node.isArray()) {
                problem(path, "must be an array of filter names or {\"filterName\": [arguments]} objects");
                return result;
            }
            int index = 0;
            for (JsonNode item : node) {
                String itemPath = path + "[" + index++ + "]";
                if (item.isTextual() && !item.asText().isBlank()) {
                    result.add(Filter.named(item.asText()));
                } else if (item.isObject() && item.size() == 1) {
                    Map.Entry<String, JsonNode> only = item.properties().iterator().next();
                    List<String> arguments = new ArrayList<>();
                    JsonNode args = only.getValue();
                    if (args.isTextual()) arguments.add(args.asText());
                    else if (args.isArray()) args.forEach(a -> arguments.add(a.asText()));
                    else problem(itemPath + "." + only.getKey(), "filter arguments must be a string or an array of strings");
                    result.add(new Filter(only.getKey(), arguments));
                } else {
                    problem(itemPath, "must be a filter name or an object with exactly one filter name mapped to its arguments");
                }
            }
            return result;
        }

        private void unknownFields(JsonNode node, String path, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (allowed.contains(field)) continue;
                String near = allowed.stream().filter(a -> a.equalsIgnoreCase(field)).findFirst()
                        .map(a -> " (did you mean \"" + a + "\"? field names are case-sensitive)").orElse("");
                problem(path.isEmpty() ? field : path + "." + field,
                        "is not a declaration field; allowed here: " + String.join(", ", allowed.stream().sorted().toList()) + near);
            }
        }

        private static String quoted(String key) {
            return "\"" + key + "\"";
        }
    }

    /** Accepts OTA's date forms: an instant, a date-time with offset, or a plain date (start of day UTC). */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text, ISO_OFFSET_LENIENT).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    /** ISO 8601 with the offset written +01:00, +0100 or Z, as JavaScript's Date accepts and OTA's files use. */
    private static final java.time.format.DateTimeFormatter ISO_OFFSET_LENIENT = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();
}
