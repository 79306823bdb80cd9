package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.OtaDeclarations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing what people hand to import: clipped Markdown (front matter and body) and Open Terms
 * Archive declarations. Each is read or refused as an {@link InvalidInputException} naming the file
 * and the field; nothing else escapes. Seeded; more tries with -Djqwik.tries.default=N.
 */
class InputFuzzTest {
    private static final String SEED = "20261203";
    private static Path dir;

    @BeforeContainer
    static void directory() throws IOException {
        dir = Files.createTempDirectory("input-fuzz-");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static final List<String> VALUES = List.of("https://aws.amazon.com/aup/", "http://169.254.169.254/", "http://[::1]/x", "ftp://x/",
            "https://", "2024-09-17T11:39:46 (UTC +10:00)", "2024-01-01", "-2024-01-01", "+999999999-12-31T23:59:59Z", "2024-02-30",
            "1969-12-31T23:59:59Z", "", "~", "null", "[a, b]", "{x: 1}", "&anchor", "*anchor", "!!binary aGk=", "'quoted'", "\"x\"",
            "AWS Acceptable Use Policy", "Terms of Service", "|", ">", "\u0000", "\uFEFF", "é", "12", "-1", "1e309", ":", "- item");

    @Provide
    Arbitrary<String> clips() {
        Arbitrary<String> key = Arbitraries.of("source", "created", "title", "author", "source", "created", "", "tags", "source ");
        Arbitrary<String> line = Combinators.combine(key, Arbitraries.of(VALUES)).as((k, v) -> k + ": " + v);
        Arbitrary<String> front = line.list().ofMaxSize(6).map(lines -> String.join("\n", lines));
        Arbitrary<String> body = Arbitraries.oneOf(Arbitraries.of("", "\n", "# AWS Acceptable Use Policy\n\nYou may not use the services.\n"),
                Arbitraries.strings().ofMaxLength(200));
        Arbitrary<String> opening = Arbitraries.of("---\n", "---\n", "---\n", "---\r\n", "--- \n", "");
        // Half the time a well-formed source and date come first, so the reading goes past them.
        Arbitrary<String> wellFormed = Arbitraries.of("source: https://aws.amazon.com/aup/\ncreated: 2024-01-01T00:00:00Z\n", "");
        return Combinators.combine(opening, wellFormed, front, Arbitraries.of("\n---\n", "\n---\n", "\n---", "\n...\n"), body)
                .as((o, w, f, c, b) -> o + w + f + c + b);
    }

    @Property(seed = SEED)
    void any_clipped_page_is_read_or_refused_by_file_and_field(@ForAll("clips") String clip) throws IOException {
        Path file = Files.writeString(dir.resolve("clip.md"), clip);
        try {
            ClippedPageReader.read(file, uri -> Optional.empty());
            Statistics.label("outcome").collect("read");
        } catch (InvalidInputException refused) {
            Statistics.label("outcome").collect("refused");
            assertThat(refused.getMessage()).startsWith(file.toString());
        }
    }

    @Provide
    Arbitrary<String> declarations() {
        Arbitrary<String> scalar = Arbitraries.of("\"https://example.com/terms\"", "\"main\"", "\"\"", "1", "-1", "true", "null", "\"http://10.0.0.1/\"",
                "\"javascript:alert(1)\"", "[]", "{}", "\"#content\"", "\"[\"", "1e400", "\"Terms of Service\"", "\"2024-01-01\"");
        Arbitrary<String> field = Arbitraries.of("\"fetch\"", "\"select\"", "\"remove\"", "\"filter\"", "\"executeClientScripts\"", "\"combine\"",
                "\"validUntil\"", "\"name\"", "\"terms\"", "\"Terms of Service\"", "\"Privacy Policy\"", "\"startBefore\"", "\"endBefore\"", "\"x\"");
        Arbitrary<String> leaf = Combinators.combine(field, scalar).as((f, v) -> f + ": " + v);
        Arbitrary<String> object = leaf.list().ofMaxSize(5).map(fields -> "{" + String.join(", ", fields) + "}");
        Arbitrary<String> nested = Combinators.combine(field, object).as((f, o) -> f + ": " + o).list().ofMaxSize(4)
                .map(fields -> "{" + String.join(", ", fields) + "}");
        Arbitrary<String> service = Combinators.combine(Arbitraries.of("\"Acme\"", "\"\"", "1", "null"), nested)
                .as((name, terms) -> "{\"name\": " + name + ", \"terms\": " + terms + "}");
        return Arbitraries.oneOf(service, nested, Arbitraries.strings().ofMaxLength(100), Arbitraries.of("[", "{\"name\": \"A\", \"terms\": ", "\u0000"));
    }

    @Property(seed = SEED)
    void any_declaration_is_read_or_refused_by_file_and_field(@ForAll("declarations") String json) throws IOException {
        Path file = Files.writeString(dir.resolve("Acme.json"), json);
        try {
            OtaDeclarations.readService(file);
            Statistics.label("outcome").collect("read");
        } catch (InvalidInputException refused) {
            Statistics.label("outcome").collect("refused");
            assertThat(refused.getMessage()).startsWith(file.toString());
        }
    }
}
