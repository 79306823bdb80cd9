package dev.clausewatch.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonPointer;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Open Terms Archive declaration files: {@code <Service>.json} (the current declarations)
 * and {@code <Service>.history.json} (earlier ones, each with {@code validUntil}). A file is read
 * whole and checked before anything is returned: against its JSON Schema
 * ({@code schema/ota-declaration.schema.json}, {@code schema/ota-history.schema.json}), then for
 * what a schema cannot know (terms types of the vocabulary, URLs Java can fetch, calendar dates).
 * Every broken rule is reported with the JSON pointer of the bad value.
 */
public final class OtaDeclarations {
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InputSchema SERVICE = InputSchema.named("ota-declaration.schema.json");
    private static final InputSchema HISTORY = InputSchema.named("ota-history.schema.json");
    private static final JsonPointer TERMS = JsonPointer.compile("/terms");

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
        Reading reading = new Reading(SERVICE.problems(root));
        reading.termsTypes(root.path("terms"), TERMS);
        reading.throwIfAny(serviceFile);
        String name = root.get("name").asText();
        Platform platform = new Platform(PlatformId.fromName(name), name);
        List<SourceDeclaration> declarations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> type : root.get("terms").properties()) {
            DocumentId document = new DocumentId(platform.id(), new DocumentType(type.getKey()));
            reading.sources(type.getValue(), TERMS.appendProperty(type.getKey()))
                    .ifPresent(sources -> declarations.add(new SourceDeclaration(document, sources, Optional.empty())));
        }
        reading.throwIfAny(serviceFile);
        return new DeclaredService(platform, declarations);
    }

    /** Reads a history file of the given platform: earlier declarations, each with its {@code validUntil}. */
    public static List<SourceDeclaration> readHistory(Path historyFile, Platform platform) {
        JsonNode root = parse(historyFile);
        Reading reading = new Reading(HISTORY.problems(root));
        reading.termsTypes(root, JsonPointer.empty());
        reading.throwIfAny(historyFile);
        List<SourceDeclaration> declarations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> type : root.properties()) {
            DocumentId document = new DocumentId(platform.id(), new DocumentType(type.getKey()));
            JsonPointer typeAt = JsonPointer.empty().appendProperty(type.getKey());
            for (int i = 0; i < type.getValue().size(); i++) {
                JsonNode entry = type.getValue().get(i);
                JsonPointer at = typeAt.appendIndex(i);
                Optional<Instant> validUntil = reading.validUntil(entry.get("validUntil").asText(), at.appendProperty("validUntil"));
                Optional<List<SourceDocument>> sources = reading.sources(entry, at);
                if (validUntil.isPresent() && sources.isPresent()) declarations.add(new SourceDeclaration(document, sources.get(), validUntil));
            }
        }
        reading.throwIfAny(historyFile);
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

    /**
     * Maps one file's JSON, which satisfies its schema, to declarations, collecting the problems
     * the schema cannot see instead of stopping at the first.
     */
    private static final class Reading {
        private final List<Problem> problems;

        Reading(List<Problem> schemaProblems) {
            this.problems = new ArrayList<>(schemaProblems);
        }

        void throwIfAny(Path file) {
            if (!problems.isEmpty()) throw new InvalidInputException(file, problems);
        }

        /**
         * The terms types (the keys of {@code declarations}) must be names of the vocabulary, spelt
         * as it spells them. Checked even in a file the schema refused, so that one reading reports both.
         */
        void termsTypes(JsonNode declarations, JsonPointer at) {
            for (Map.Entry<String, JsonNode> field : declarations.properties()) {
                String termsType = field.getKey();
                if (DocumentType.lookup(termsType).filter(t -> t.name().equals(termsType)).isPresent()) continue;
                String hint = DocumentType.lookup(termsType).map(t -> " (did you mean \"" + t.name() + "\"?)").orElse("");
                problems.add(new Problem(at.appendProperty(termsType).toString(),
                        "\"" + termsType + "\" is not a terms type of the vocabulary (`clausewatch types` lists them)" + hint));
            }
        }

        /** The schema checks the form of a date; whether the calendar has that day is for the parser to say ("2024-02-30"). */
        Optional<Instant> validUntil(String text, JsonPointer at) {
            try {
                return Optional.of(parseInstant(text));
            } catch (DateTimeParseException e) {
                problems.add(new Problem(at.toString(), "\"" + text + "\" is not a date of the calendar"));
                return Optional.empty();
            }
        }

        /** A declaration's source documents: itself, or each part of its combine with the fields beside combine as defaults. */
        Optional<List<SourceDocument>> sources(JsonNode declaration, JsonPointer at) {
            int before = problems.size();
            List<SourceDocument> sources = new ArrayList<>();
            JsonNode combine = declaration.get("combine");
            if (combine == null) {
                source(declaration, at).ifPresent(sources::add);
            } else {
                for (int i = 0; i < combine.size(); i++) {
                    ObjectNode part = ((ObjectNode) declaration).deepCopy();
                    part.remove("combine");
                    part.setAll((ObjectNode) combine.get(i));
                    source(part, at.appendProperty("combine").appendIndex(i)).ifPresent(sources::add);
                }
            }
            return problems.size() == before ? Optional.of(sources) : Optional.empty();
        }

        private Optional<SourceDocument> source(JsonNode fields, JsonPointer at) {
            FetchMode mode = fields.path("executeClientScripts").asBoolean(false) ? FetchMode.BROWSER : FetchMode.HTTP;
            return location(fields.get("fetch").asText(), at.appendProperty("fetch"))
                    .map(uri -> new SourceDocument(null, uri, selectors(fields.get("select")), selectors(fields.get("remove")),
                            filters(fields.get("filter")), mode, Optional.ofNullable(fields.get("acceptLanguage")).map(JsonNode::asText)));
        }

        /**
         * The schema holds the URL to RFC 3986; java.net.URI, which fetches it, is stricter in places
         * (a host name with "_" parses as no host at all), so it has the last word.
         */
        private Optional<URI> location(String url, JsonPointer at) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() != null) return Optional.of(uri);
                problems.add(new Problem(at.toString(), "\"" + url + "\" has no host name Clausewatch can fetch from"));
            } catch (URISyntaxException e) {
                problems.add(new Problem(at.toString(), "\"" + url + "\" is not a URL Clausewatch can fetch: " + e.getReason()));
            }
            return Optional.empty();
        }

        private static List<Selector> selectors(JsonNode node) {
            List<Selector> result = new ArrayList<>();
            if (node == null) return result;
            if (node.isArray()) node.forEach(item -> result.add(selector(item)));
            else result.add(selector(node));
            return result;
        }

        private static Selector selector(JsonNode node) {
            if (node.isTextual()) return new Selector.Css(node.asText());
            boolean startBefore = node.has("startBefore"), endAfter = node.has("endAfter");
            return new Selector.Range(node.get(startBefore ? "startBefore" : "startAfter").asText(), startBefore,
                    node.get(endAfter ? "endAfter" : "endBefore").asText(), endAfter);
        }

        private static List<Filter> filters(JsonNode node) {
            List<Filter> result = new ArrayList<>();
            if (node == null) return result;
            for (JsonNode item : node) {
                if (item.isTextual()) {
                    result.add(Filter.named(item.asText()));
                    continue;
                }
                Map.Entry<String, JsonNode> only = item.properties().iterator().next();
                List<String> arguments = new ArrayList<>();
                if (only.getValue().isArray()) only.getValue().forEach(argument -> arguments.add(argument.asText()));
                else arguments.add(only.getValue().asText());
                result.add(new Filter(only.getKey(), arguments));
            }
            return result;
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
