package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Fuzz;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.OtaDeclarations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing what people hand to import: clipped Markdown (front matter and body) and Open Terms
 * Archive declarations. Each is read or refused as an {@link InvalidInputException} naming the file
 * and the field; nothing else escapes. Seeded; more tries with -Dfuzz.tries=N.
 */
class InputFuzzTest {
    private static Path dir;

    @BeforeAll
    static void directory() throws IOException {
        dir = Files.createTempDirectory("input-fuzz-");
    }

    @AfterAll
    static void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static final List<String> VALUES = List.of("https://aws.amazon.com/aup/", "http://169.254.169.254/", "http://[::1]/x", "ftp://x/",
            "https://", "2024-09-17T11:39:46 (UTC +10:00)", "2024-01-01", "-2024-01-01", "+999999999-12-31T23:59:59Z", "2024-02-30",
            "1969-12-31T23:59:59Z", "", "~", "null", "[a, b]", "{x: 1}", "&anchor", "*anchor", "!!binary aGk=", "'quoted'", "\"x\"",
            "AWS Acceptable Use Policy", "Terms of Service", "|", ">", "\u0000", "\uFEFF", "é", "12", "-1", "1e309", ":", "- item");

    private static String clip(Fuzz fuzz) {
        String front = String.join("\n", fuzz.list(6, () -> fuzz.oneOf(List.of("source", "created", "title", "author", "source", "created", "",
                "tags", "source ")) + ": " + fuzz.oneOf(VALUES)));
        String body = fuzz.oneOf(() -> fuzz.oneOf(List.of("", "\n", "# AWS Acceptable Use Policy\n\nYou may not use the services.\n")),
                () -> fuzz.string(200));
        String opening = fuzz.oneOf(List.of("---\n", "---\n", "---\n", "---\r\n", "--- \n", ""));
        // Half the time a well-formed source and date come first, so the reading goes past them.
        String wellFormed = fuzz.oneOf(List.of("source: https://aws.amazon.com/aup/\ncreated: 2024-01-01T00:00:00Z\n", ""));
        return opening + wellFormed + front + fuzz.oneOf(List.of("\n---\n", "\n---\n", "\n---", "\n...\n")) + body;
    }

    @Test
    void any_clipped_page_is_read_or_refused_by_file_and_field() {
        Fuzz.forAll("clipped page read", InputFuzzTest::clip, clip -> {
            Path file = Files.write(dir.resolve("clip.md"), clip.getBytes(StandardCharsets.UTF_8));
            try {
                ClippedPageReader.read(file, uri -> Optional.empty());
                return "read";
            } catch (InvalidInputException refused) {
                assertThat(refused.getMessage()).startsWith(file.toString());
                return "refused";
            }
        });
    }

    private static final List<String> SCALARS = List.of("\"https://example.com/terms\"", "\"main\"", "\"\"", "1", "-1", "true", "null",
            "\"http://10.0.0.1/\"", "\"javascript:alert(1)\"", "[]", "{}", "\"#content\"", "\"[\"", "1e400", "\"Terms of Service\"", "\"2024-01-01\"");
    private static final List<String> FIELDS = List.of("\"fetch\"", "\"select\"", "\"remove\"", "\"filter\"", "\"executeClientScripts\"",
            "\"combine\"", "\"validUntil\"", "\"name\"", "\"terms\"", "\"Terms of Service\"", "\"Privacy Policy\"", "\"startBefore\"",
            "\"endBefore\"", "\"x\"");

    private static String declaration(Fuzz fuzz) {
        java.util.function.Supplier<String> object = () -> "{" + String.join(", ", fuzz.list(5, () -> fuzz.oneOf(FIELDS) + ": " + fuzz.oneOf(SCALARS))) + "}";
        java.util.function.Supplier<String> nested = () -> "{" + String.join(", ", fuzz.list(4, () -> fuzz.oneOf(FIELDS) + ": " + object.get())) + "}";
        return fuzz.oneOf(() -> "{\"name\": " + fuzz.oneOf(List.of("\"Acme\"", "\"\"", "1", "null")) + ", \"terms\": " + nested.get() + "}",
                nested, () -> fuzz.string(100), () -> fuzz.oneOf(List.of("[", "{\"name\": \"A\", \"terms\": ", "\u0000")));
    }

    @Test
    void any_declaration_is_read_or_refused_by_file_and_field() {
        Fuzz.forAll("declaration read", InputFuzzTest::declaration, json -> {
            Path file = Files.write(dir.resolve("Acme.json"), json.getBytes(StandardCharsets.UTF_8));
            try {
                OtaDeclarations.readService(file);
                return "read";
            } catch (InvalidInputException refused) {
                assertThat(refused.getMessage()).startsWith(file.toString());
                return "refused";
            }
        });
    }
}
