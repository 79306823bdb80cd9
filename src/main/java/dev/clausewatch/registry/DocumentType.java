package dev.clausewatch.registry;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A document type from Clausewatch's controlled vocabulary: Open Terms Archive's terms types
 * plus AI governance types (see {@code document-types.tsv}). Only names in the vocabulary can
 * be constructed, so a typo never creates a new kind of document.
 */
public record DocumentType(String name) {
    /** The vocabularies' format: tab-separated cells, {@code #} comment lines, blank lines skipped, cells trimmed. */
    static final org.apache.commons.csv.CSVFormat TSV = org.apache.commons.csv.CSVFormat.TDF.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).setQuote(null).get();

    private static final Vocabulary VOCABULARY = Vocabulary.load();

    public DocumentType {
        if (!VOCABULARY.byName.containsKey(name)) {
            throw new IllegalArgumentException("unknown document type \"" + name + "\""
                    + VOCABULARY.suggestionFor(name) + "; the vocabulary is listed by `clausewatch types`");
        }
    }

    /** The type a name or one of its aliases denotes, ignoring case ("Terms of Use" → Terms of Service). */
    public static Optional<DocumentType> lookup(String nameOrAlias) {
        String canonical = VOCABULARY.byKey.get(nameOrAlias.strip().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(canonical).map(DocumentType::new);
    }

    /** Like {@link #lookup} but a name outside the vocabulary is an error naming it. */
    public static DocumentType named(String nameOrAlias) {
        return lookup(nameOrAlias).orElseGet(() -> new DocumentType(nameOrAlias));
    }

    /** The type whose slug this is ("acceptable-use-policy"). */
    public static DocumentType fromSlug(String slug) {
        for (String name : VOCABULARY.byName.keySet()) {
            if (Slug.of(name).equals(slug)) {
                return new DocumentType(name);
            }
        }
        throw new IllegalArgumentException("no document type has the slug \"" + slug + "\"");
    }

    public static List<DocumentType> all() {
        return VOCABULARY.byName.keySet().stream().map(DocumentType::new).toList();
    }

    /** All names and aliases, lower-cased, longest first: for finding a type inside a title. */
    static List<Map.Entry<String, String>> namesLongestFirst() {
        return VOCABULARY.longestFirst;
    }

    public String slug() {
        return Slug.of(name);
    }

    /** Whether this type comes from OTA's vocabulary or Clausewatch's AI additions. */
    public String origin() {
        return VOCABULARY.byName.get(name);
    }

    @Override
    public String toString() {
        return name;
    }

    private record Vocabulary(Map<String, String> byName, Map<String, String> byKey,
                              List<Map.Entry<String, String>> longestFirst) {
        static Vocabulary load() {
            Map<String, String> byName = new LinkedHashMap<>();
            Map<String, String> byKey = new LinkedHashMap<>();
            try (var in = DocumentType.class.getResourceAsStream("document-types.tsv");
                 var rows = TSV.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (var row : rows) {
                    String name = row.get(0);
                    byName.put(name, row.get(1));
                    byKey.put(name.toLowerCase(Locale.ROOT), name);
                    if (row.size() > 2) {
                        for (String alias : row.get(2).split(",")) {
                            if (!alias.isBlank()) byKey.putIfAbsent(alias.strip().toLowerCase(Locale.ROOT), name);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the document type vocabulary", e);
            }
            List<Map.Entry<String, String>> sorted = new ArrayList<>(byKey.entrySet());
            sorted.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
            return new Vocabulary(Collections.unmodifiableMap(byName), Collections.unmodifiableMap(byKey),
                    List.copyOf(sorted));
        }

        String suggestionFor(String name) {
            if (name == null) return "";
            String key = name.strip().toLowerCase(Locale.ROOT);
            String canonical = byKey.get(key);
            return canonical == null ? "" : " (did you mean \"" + canonical + "\"?)";
        }
    }
}
