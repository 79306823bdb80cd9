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
    private static final Pattern LINK_PHRASE = Pattern.compile("(\\]\\([^)\\s]+\\)|\\*\\*|\\)) (\\p{L})");
    private static final Pattern WORD_THE = Pattern.compile("\\bthe\\b");
    /** An -ize word in running text (not in an address: "/personalized-ads" stays as the site spells it). */
    private static final Pattern IZE = Pattern.compile("(?<![/\\-\\w])(\\p{L}{3,})iz(e|es|ed|ing|ation|ations)(?![\\w/\\-])");
    private static final Pattern DIGIT = Pattern.compile("(\\s)([2-9])(\\s+(?:days|months|years|hours|weeks))");
    private static final Pattern US_DATE = Pattern.compile("\\b(January|February|March|April|May|June|July|August|September|October|November|December) (\\d{1,2}), (\\d{4})\\b");
    private static final String[] WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

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
        assertCosmetic(document, edit, editor, "");
    }

    private void assertCosmetic(String document, String edit, BiFunction<String, Random, String> editor, String prefix) throws Exception {
        String original = prefix + latest(document);
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
    void a_changed_link_target_is_cosmetic_and_says_where_it_points_now(String document) throws Exception {
        assertCosmetic(document, "link target", (text, random) -> {
            List<MatchResult> links = LINK.matcher(text).results().map(r -> new MatchResult(r.start(1), r.end(1))).toList();
            MatchResult chosen = links.get(random.nextInt(links.size()));
            return text.substring(0, chosen.start()) + "https://example.org/moved-here" + text.substring(chosen.end());
        });
        String original = latest(document);
        MatchResult first = LINK.matcher(original).results().map(r -> new MatchResult(r.start(1), r.end(1))).findFirst().orElseThrow();
        ChangeSet set = compare(original, original.substring(0, first.start()) + "https://example.org/moved-here" + original.substring(first.end()));
        assertThat(set.changes()).anySatisfy(c -> assertThat(c.explanation()).startsWith("link target only: ").endsWith(" → https://example.org/moved-here"));
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

    @ParameterizedTest
    @MethodSource("documents")
    void invisible_characters_and_no_break_spaces_are_cosmetic(String document) throws Exception {
        assertCosmetic(document, "invisible characters", (text, random) -> {
            StringBuilder out = new StringBuilder();
            // Between words only: a no-break space in an indent would change the Markdown's structure, not its text.
            for (String word : text.split("(?<=\\S) (?=\\S)", -1)) {
                int pick = random.nextInt(40);
                out.append(out.isEmpty() ? "" : pick == 0 ? "\u00A0" : " ");
                out.append(pick == 1 && word.length() > 6 ? word.substring(0, 3) + "\u00AD" + word.substring(3)
                        : pick == 2 ? "\u200B" + word : pick == 3 ? word + "\u200D" : word);
            }
            return out.toString();
        });
    }

    @ParameterizedTest
    @MethodSource("documents")
    void glued_or_spaced_inline_elements_are_cosmetic(String document) throws Exception {
        assertCosmetic(document, "inline spacing", (text, random) -> LINK_PHRASE.matcher(text).replaceAll(m -> random.nextBoolean()
                ? Matcher.quoteReplacement(m.group(1) + m.group(2)) : Matcher.quoteReplacement(m.group())));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void markdown_repairs_around_links_and_emphasis_are_cosmetic(String document) throws Exception {
        assertCosmetic(document, "Markdown repairs", (text, random) -> text.replaceAll("\\[([^\\]\\n]{3,60})\\]\\((https?://[^)\\s]+)\\)", "**[$1]($2)**")
                .replaceFirst("(?m)^([A-Z][a-z]+ )", "*$1*"));
    }

    @ParameterizedTest
    @MethodSource("documents")
    void typos_corrected_and_doubled_words_removed_are_cosmetic(String document) throws Exception {
        String original = latest(document);
        Random random = new Random(42);
        // The older version had the typos; the newer one fixes them.
        String typos = WORD_THE.matcher(original).replaceAll(m -> random.nextInt(8) == 0 ? "teh" : random.nextInt(8) == 0 ? "the the" : "the");
        typos = typos.replaceFirst("\\breceive\\b", "recieve").replaceFirst("\\bseparate\\b", "seperate");
        assertThat(typos).isNotEqualTo(original);
        ChangeSet set = compare(typos, original);
        assertThat(set.substantiveChanges()).as("typo fixes in " + document).isEmpty();
        assertThat(set.changes()).extracting(ProvisionChange::reason).containsAnyOf(Reason.TYPO_FIXED, Reason.REPEATED_WORD, Reason.NORMALISED);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void the_british_variant_of_a_page_is_cosmetic(String document) throws Exception {
        assertCosmetic(document, "British variant", (text, random) -> {
            // Only where the British form is English: a real British page writes no non-words.
            String british = IZE.matcher(text).replaceAll(m -> Spelling.english().known(m.group(1) + "is" + m.group(2))
                    ? m.group(1) + "is" + m.group(2) : m.group()).replaceAll("\\bcolor\\b", "colour").replaceAll("\\blicense\\b", "licence")
                    .replaceAll("\\bcenter\\b", "centre");
            british = DIGIT.matcher(british).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + WORDS[Integer.parseInt(m.group(2))] + m.group(3)));
            british = US_DATE.matcher(british).replaceAll("$2 $1 $3");
            return british.replaceAll("(?m)^([-*] )([a-z])", "$1\\u0000$2").replace("\u0000", "");
        }, "Last updated: January 5, 2025\n\n");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void navigation_chrome_that_comes_and_goes_is_cosmetic(String document) throws Exception {
        assertCosmetic(document, "navigation chrome", (text, random) -> "Skip to main content\n\n[Home](https://example.com/) | [Help Center](https://example.com/help)\n\n"
                + text + "\n\nBack to top\n\n© 2025 Example, Inc. All rights reserved.\n");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void a_changed_number_is_substantive_and_says_from_what_to_what(String document) throws Exception {
        String original = latest(document) + "\n\nWe keep your support requests for 30 days after the ticket is closed.\n";
        assertTheOneSubstantiveChange(compare(original, original.replace("for 30 days", "for 90 days")), Reason.NUMBER_CHANGED,
                "a number changed: 30 days → 90 days");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void a_removed_negation_is_substantive_and_named(String document) throws Exception {
        String original = latest(document) + "\n\nWe do not sell your personal information to data brokers.\n";
        ChangeSet set = compare(original, original.replace("We do not sell your personal information to data brokers", "We sell your personal information to data brokers"));
        assertTheOneSubstantiveChange(set, Reason.PROHIBITION_REMOVED, "a prohibition removed: 'We do not sell your personal information");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void an_inserted_obligation_is_named_as_one(String document) throws Exception {
        String original = latest(document);
        Provision target = longParagraph(original, new Random(42));
        assertTheOneSubstantiveChange(compare(original, original.replace(target.markdown(), target.markdown() + " " + OBLIGATION)),
                Reason.OBLIGATION_ADDED, "a new obligation: 'You must notify us in writing");
    }

    @ParameterizedTest
    @MethodSource("documents")
    void the_most_significant_change_of_a_set_comes_first(String document) throws Exception {
        String original = latest(document) + "\n\nWe keep your support requests for 30 days after the ticket is closed.\n";
        Provision target = longParagraph(original, new Random(42));
        String edited = original.replace(target.markdown(), target.markdown().replaceFirst("\\b(\\p{L}{5,})\\b", "$1 generally"))
                .replace("for 30 days", "for 14 days");
        ChangeSet set = compare(original, edited);
        assertThat(set.substantiveChanges()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(set.changes().getFirst().reason()).isEqualTo(Reason.NUMBER_CHANGED);
    }

    /** The set has exactly one substantive change, of that reason, whose explanation starts with those words. */
    private static void assertTheOneSubstantiveChange(ChangeSet set, Reason reason, String explanation) {
        assertThat(set.substantiveChanges()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(reason);
            assertThat(c.explanation()).startsWith(explanation);
        });
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
