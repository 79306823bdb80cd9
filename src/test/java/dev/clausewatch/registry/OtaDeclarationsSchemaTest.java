package dev.clausewatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OTA declaration and history schemas: they accept every form the readers understand (the
 * committed samples, and every real file of the shared data), and a file breaking a rule is refused
 * naming the file, the JSON pointer of the bad value and the rule.
 */
class OtaDeclarationsSchemaTest {
    private static final Path SAMPLES = Path.of("src/test/resources/schema/ota");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final InputSchema SERVICE = InputSchema.named("ota-declaration.schema.json");
    private static final InputSchema HISTORY = InputSchema.named("ota-history.schema.json");
    private static final Platform ACME = new Platform(new PlatformId("acme"), "Acme");

    @Test
    void the_committed_declarations_satisfy_their_schemas_and_read_whole() throws IOException {
        for (Path file : files(SAMPLES.resolve("good"))) {
            assertThat(schemaOf(file).problems(JSON.readTree(file.toFile()))).as(file.toString()).isEmpty();
        }
        DeclaredService acme = OtaDeclarations.readService(SAMPLES.resolve("good/Acme.json"));
        assertThat(acme.platform().id().value()).isEqualTo("acme-cloud");
        SourceDeclaration aup = acme.declarations().stream()
                .filter(d -> d.document().type().name().equals("Acceptable Use Policy")).findFirst().orElseThrow();
        // Fields beside combine are each part's defaults; a part's own fields win.
        assertThat(aup.sources()).extracting(SourceDocument::fetchMode).containsExactly(FetchMode.HTTP, FetchMode.HTTP, FetchMode.BROWSER);
        assertThat(aup.sources().get(1).select()).containsExactly(new Selector.Css("article"));
        assertThat(aup.sources().getFirst().select()).containsExactly(new Selector.Range("h1", true, "#end", false));
        assertThat(OtaDeclarations.readHistory(SAMPLES.resolve("good/Acme.history.json"), acme.platform())).hasSize(6);
        assertThat(OtaDeclarations.readService(SAMPLES.resolve("good/Retired.json")).declarations()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            fetch-not-http.json                  | /terms/Terms of Service/fetch: "ftp://acme.example/terms" must be an absolute http or https URL (pattern)
            fetch-relative.json                  | /terms/Terms of Service/fetch: "acme.example/terms" must be an absolute http or https URL (format, pattern)
            fetch-and-combine.json               | /terms/Terms of Service: has both fetch and combine: declare one page with fetch or several with combine (not)
            neither-fetch-nor-combine.json       | /terms/Terms of Service/fetch: is missing (required)
            combine-empty.json                   | /terms/Terms of Service/combine: must have at least 1 items but found 0 (minItems)
            range-without-end.json               | /terms/Terms of Service/select/0: a range selector needs exactly one of endBefore and endAfter (oneOf)
            selector-number.json                 | /terms/Terms of Service/remove: must be a CSS selector, a range object, or an array of them (type)
            selector-blank.json                  | /terms/Terms of Service/select/1: " " must not be blank (pattern)
            filter-two-names.json                | /terms/Terms of Service/filter/0: must map one filter name to its arguments (maxProperties)
            client-scripts-text.json             | /terms/Terms of Service/executeClientScripts: string found, boolean expected (type)
            field-case.json                      | /terms/Terms of Service/Select: is not a field here (additionalProperties); did you mean "select"? field names are case-sensitive; allowed here: acceptLanguage, combine, executeClientScripts, fetch, filter, remove, select
            name-without-letters.json            | /name: "---" must contain a letter or digit, from which the platform id is made (pattern)
            terms-missing.json                   | /terms: is missing (required)
            not-an-object.json                   | array found, object expected (type)
            valid-until-missing.history.json     | /Terms of Service/0/validUntil: is missing (required)
            valid-until-case.history.json        | /Terms of Service/0/ValidUntil: is not a field here (additionalProperties); did you mean "validUntil"? field names are case-sensitive; allowed here: acceptLanguage, combine, executeClientScripts, fetch, filter, remove, select, validUntil
            valid-until-words.history.json       | /Terms of Service/0/validUntil: "last spring" must be an ISO 8601 date-time such as 2024-11-20T06:02:35Z, or a date (pattern)
            entries-not-a-list.history.json      | /Terms of Service: object found, array expected (type)
            """)
    void a_file_breaking_a_rule_of_its_schema_is_refused_naming_file_pointer_and_rule(String name, String problem) {
        expectRefused(name, problem);
    }

    /** What the schema cannot say stays checked by hand, and is reported the same way. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            terms-type-alias.json                    | /terms/Terms of Use: "Terms of Use" is not a terms type of the vocabulary (`clausewatch types` lists them) (did you mean "Terms of Service"?)
            fetch-host-with-underscore.json          | /terms/Terms of Service/fetch: "https://legal_pages.acme.example/terms" has no host name Clausewatch can fetch from
            valid-until-month-13.history.json        | /Terms of Service/0/validUntil: "2024-13-01T00:00:00Z" is not a date of the calendar
            """)
    void what_a_schema_cannot_express_is_still_refused_naming_file_pointer_and_rule(String name, String problem) {
        expectRefused(name, problem);
    }

    @Test
    void every_real_declaration_and_history_satisfies_its_schema_but_le_chats_misspelt_valid_until() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String archive : List.of("data/ota-history", "data/ota-snapshots")) {
            files(TestStores.wholeShared(archive)).stream()
                    .filter(f -> !List.of("manifest.json", "index.json").contains(f.getFileName().toString())).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(60);
        List<String> refused = new ArrayList<>();
        for (Path file : files) {
            List<InvalidInputException.Problem> problems = schemaOf(file).problems(JSON.readTree(file.toFile()));
            if (problems.isEmpty()) continue;
            refused.add(file.getFileName().toString());
            // OTA's one known quirk: its importer refuses the file too, and the reason says what to fix.
            assertThat(problems).as(file.toString()).allSatisfy(p -> assertThat(p.field()).matches("/[^/]+/\\d+/(validUntil|ValidUntil)"))
                    .anySatisfy(p -> assertThat(p.rule()).contains("did you mean \"validUntil\"? field names are case-sensitive"));
        }
        assertThat(refused).containsExactly("Le Chat.history.json");
    }

    private static void expectRefused(String name, String problem) {
        Path file = SAMPLES.resolve("bad").resolve(name);
        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.problems()).extracting(Object::toString).contains(problem);
            assertThat(e.getMessage()).startsWith(file.toString()).contains(problem);
        });
    }

    private static void read(Path file) {
        if (OtaDeclarations.isHistoryFile(file)) OtaDeclarations.readHistory(file, ACME);
        else OtaDeclarations.readService(file);
    }

    private static InputSchema schemaOf(Path file) {
        return OtaDeclarations.isHistoryFile(file) ? HISTORY : SERVICE;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
