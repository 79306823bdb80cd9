package dev.clausewatch.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edits generated (seed 42) on the latest versions of real documents: each cosmetic edit must give
 * a cosmetic change set, each inserted or deleted obligation a substantive one that quotes it.
 */
class SyntheticEditsTest {
    private static final String OBLIGATION = "You must notify us in writing within 24 hours of any unauthorised use of your account.";
    private static final Pattern LINK = Pattern.compile("\\]\\((https?://[^)\\s]+)\\)");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\s*(?:#{1,6} +)?)(\\d{1,2})\\. ");
    private static final Pattern SECTION = Pattern.compile("(?m)^## ");

    private final ProvisionParser parser = new ProvisionParser();
    private final ChangeDetector detector = new ChangeDetector();

    /** Latest versions of real documents with sections, lists and links. */
    static Stream<String> documents() {
        return Stream.of("amazon-web-services/acceptable-use-policy", "claude-ai/acceptable-use-policy", "chatgpt/terms-of-service",
                "github/terms-of-service", "google/terms-of-service", "zoom/privacy-policy", "tiktok/terms-of-service");
    }

    /** Latest versions of real documents whose clauses or headings are numbered. */
    static Stream<String> numberedDocuments() {
        return Stream.of("github/terms-of-service", "claude-ai/terms-of-service", "le-chat/terms-of-service", "amazon-com/terms-of-service",
                "google-generative-ai-services/privacy-policy");
    }

    static String latest(String document) throws Exception {
        try (Stream<Path> files = Files.list(TestStores.shared("data/ota-history/" + document))) {
            return Files.readString(files.filter(p -> p.toString().endsWith(".md")).sorted().toList().getLast());
        }
    }

    private ChangeSet compare(String before, String after) {
        return detector.compare(parser.parse(before), parser.parse(after), false);
    }

    private void assertCosmetic(String document, String edit, BiFunction<String, Random, String> editor) throws Exception {
        String original = latest(document);
        String edited = editor.apply(original, new Random(42));
        assertThat(edited).as(edit + " changed nothing in " + document).isNotEqualTo(original);
        ChangeSet set = compare(original, edited);
        assertThat(set.substantiveChanges()).as(edit + " on " + document).isEmpty();
        assertThat(set.changes()).as(edit + " on " + document + " is reported").isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("documents")
    void white_space_is_cosmetic(String document) throws Exception {
        assertCosmetic(document, "white space", (text, random) -> {
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                // Between words only: more spaces at the start of a line would change its Markdown meaning (a code block).
                out.append(random.nextInt(4) == 0 ? line.replaceAll("(?<=\\S) (?=\\S)", "  ") + "   " : line).append('\n');
            }
            return out.toString();
        });
    }

    @ParameterizedTest
    @MethodSource("documents")
    void punctuation_is_cosmetic(String document) throws Exception {
        assertCosmetic(document, "punctuation", (text, random) -> text.replace("’", "'").replace("“", "\"").replace("”", "\"")
                .replace(", ", random.nextBoolean() ? "; " : ", ").replace(", and", " and"));
    }

    @ParameterizedTest
    @MethodSource("numberedDocuments")
    void renumbering_is_cosmetic(String document) throws Exception {
        assertThat(NUMBERED.matcher(latest(document)).find()).as(document + " has numbered clauses or headings").isTrue();
        assertCosmetic(document, "renumbering", (text, random) -> {
            Matcher m = NUMBERED.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) m.appendReplacement(out, m.group(1) + (Integer.parseInt(m.group(2)) + 1) + ". ");
            return m.appendTail(out).toString();
        });
    }

    @ParameterizedTest
    @MethodSource("documents")
    void a_changed_link_target_is_cosmetic(String document) throws Exception {
        assertCosmetic(document, "link target", (text, random) -> {
            List<MatchResult> links = LINK.matcher(text).results().map(r -> new MatchResult(r.start(1), r.end(1))).toList();
            MatchResult chosen = links.get(random.nextInt(links.size()));
            return text.substring(0, chosen.start()) + "https://example.org/moved-here" + text.substring(chosen.end());
        });
    }

    @ParameterizedTest
    @MethodSource("documents")
    void a_changed_date_line_is_cosmetic(String document) throws Exception {
        String original = "Last updated: January 1, 2024\n\n" + latest(document);
        ChangeSet set = compare(original, original.replace("Last updated: January 1, 2024", "Last updated: March 3, 2025"));
        assertThat(set.substantive()).isFalse();
        assertThat(set.changes()).extracting(ProvisionChange::reason).contains(Reason.DATE_LINE);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void shuffled_sections_are_cosmetic_moves(String document) throws Exception {
        assertCosmetic(document, "shuffled sections", (text, random) -> {
            String[] parts = SECTION.split(text);
            if (parts.length < 3) {
                // Without level-2 sections, shuffle paragraphs instead.
                List<String> blocks = new ArrayList<>(List.of(text.split("\n\n")));
                Collections.shuffle(blocks.subList(1, blocks.size()), random);
                return String.join("\n\n", blocks);
            }
            List<String> sections = new ArrayList<>(List.of(parts).subList(1, parts.length));
            Collections.shuffle(sections, random);
            StringBuilder out = new StringBuilder(parts[0]);
            for (String s : sections) out.append("## ").append(s.endsWith("\n") ? s : s + "\n");
            return out.toString();
        });
    }

    @ParameterizedTest
    @MethodSource("documents")
    void an_inserted_obligation_is_substantive_and_quoted(String document) throws Exception {
        String original = latest(document);
        Provision target = longParagraph(original, new Random(42));
        String edited = original.replace(target.markdown(), target.markdown() + " " + OBLIGATION);
        ChangeSet set = compare(original, edited);
        assertThat(set.substantiveChanges()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(ChangeKind.MODIFIED);
            assertThat(change.edits()).extracting(WordDiff.Edit::inserted).contains(OBLIGATION);
        });
    }

    @ParameterizedTest
    @MethodSource("documents")
    void a_deleted_sentence_is_substantive_and_quoted(String document) throws Exception {
        String original = latest(document);
        Provision target = longParagraph(original, new Random(42));
        String removed = target.sentences().getLast();
        assertThat(target.markdown()).contains(removed);
        String edited = original.replace(target.markdown(), target.markdown().replace(removed, "").stripTrailing());
        ChangeSet set = compare(original, edited);
        assertThat(set.substantiveChanges()).singleElement().satisfies(change ->
                assertThat(String.join(" ", change.edits().stream().map(WordDiff.Edit::removed).toList()))
                        .contains(removed.substring(0, removed.length() - 1)));
    }

    /** A provision of two or more sentences whose last sentence is written plainly in its Markdown, chosen at random. */
    private Provision longParagraph(String markdown, Random random) {
        List<Provision> candidates = parser.parse(markdown).stream()
                .filter(p -> p.sentences().size() >= 2 && p.markdown().contains(p.sentences().getLast()) && p.text().length() > 120)
                .filter(p -> markdown.indexOf(p.markdown()) == markdown.lastIndexOf(p.markdown()))
                .toList();
        assertThat(candidates).isNotEmpty();
        return candidates.get(random.nextInt(candidates.size()));
    }

    private record MatchResult(int start, int end) {}
}
