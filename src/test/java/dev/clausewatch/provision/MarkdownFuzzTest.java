package dev.clausewatch.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.Fuzz;
import dev.clausewatch.Fuzz.Choice;
import dev.clausewatch.change.ChangeDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the Markdown side: any text parses into provisions (nothing thrown, text kept), and any
 * two texts compare into a change set. Inputs are soups of Markdown tokens with long runs mixed in
 * (what broke the parser before). Seeded; more tries with -Dfuzz.tries=N.
 */
class MarkdownFuzzTest {
    private static final List<String> TOKENS = List.of("#", "##", "*", "**", "_", "-", "- ", "+ ", "1. ", "9) ", "`", "```", ">", "> ", "[", "]",
            "(", ")", "![", "](", "|", "---", "===", "\n", "\n\n", " ", "    ", "\t", "<div>", "</div>", "<!--", "-->", "&amp;", "&#x0;",
            "\\", "~", "~~", "=", "terms", "You must", "we may", "2024-01-01", "Last updated:", "\u200B", "\u00AD", "\u202E", "\uD83D\uDE00",
            "\uFFFD", "\u0000", "é", "[^1]", "<https://x.example/>", "*a _b", "[[[[", "((((");

    private record Pair(String before, String after) {}

    static String markdown(Fuzz fuzz) {
        return String.join("", fuzz.list(400, () -> fuzz.weighted(
                new Choice<>(20, () -> fuzz.oneOf(TOKENS)),
                new Choice<>(1, () -> fuzz.oneOf(TOKENS).repeat(fuzz.between(1, 6_000))),
                new Choice<>(3, () -> fuzz.string(40)))));
    }

    @Test
    void any_text_parses_into_provisions_that_keep_its_words() {
        Fuzz.forAll("markdown into provisions", MarkdownFuzzTest::markdown, markdown -> {
            List<Provision> provisions = new ProvisionParser().parse(markdown);
            if (markdown.contains("You must")) {
                assertThat(provisions).as("the words \"You must\"").anyMatch(p -> p.text().contains("You") || p.markdown().contains("You"));
            }
            return provisions.isEmpty() ? "none" : provisions.size() < 10 ? "1-9" : "10+";
        });
    }

    @Test
    void any_two_texts_compare_into_a_change_set() {
        Fuzz.forAll("two markdown texts compared", fuzz -> new Pair(markdown(fuzz), markdown(fuzz)), pair -> {
            Lineage lineage = new Lineage(new ProvisionParser());
            var first = lineage.first("fuzz/terms", new Lineage.VersionText("a", pair.before()));
            var aligned = lineage.aligned("fuzz/terms", new Lineage.VersionText("b", pair.after()), first);
            var set = new ChangeDetector().compare(aligned.alignment(), first, aligned.provisions(), false);
            assertThat(set.changes()).allSatisfy(c -> assertThat(c.reason()).isNotNull());
            return set.changes().isEmpty() ? "none" : set.substantive() ? "substantive" : "cosmetic";
        });
    }
}
