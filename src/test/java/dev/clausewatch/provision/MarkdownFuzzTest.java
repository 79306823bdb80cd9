package dev.clausewatch.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.change.ChangeDetector;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing the Markdown side: any text parses into provisions (nothing thrown, text kept), and any
 * two texts compare into a change set. Inputs are soups of Markdown tokens with long runs mixed in
 * (what broke the parser before). Seeded; more tries with -Djqwik.tries.default=N.
 */
class MarkdownFuzzTest {
    static final String SEED = "20261203";
    private static final List<String> TOKENS = List.of("#", "##", "*", "**", "_", "-", "- ", "+ ", "1. ", "9) ", "`", "```", ">", "> ", "[", "]",
            "(", ")", "![", "](", "|", "---", "===", "\n", "\n\n", " ", "    ", "\t", "<div>", "</div>", "<!--", "-->", "&amp;", "&#x0;",
            "\\", "~", "~~", "=", "terms", "You must", "we may", "2024-01-01", "Last updated:", "\u200B", "\u00AD", "\u202E", "\uD83D\uDE00",
            "\uFFFD", "\u0000", "é", "[^1]", "<https://x.example/>", "*a _b", "[[[[", "((((");

    static Arbitrary<String> markdown() {
        Arbitrary<String> token = Arbitraries.of(TOKENS);
        Arbitrary<String> run = Combinators.combine(token, Arbitraries.integers().between(1, 6_000)).as((t, n) -> t.repeat(n));
        Arbitrary<String> piece = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(20, token), net.jqwik.api.Tuple.of(1, run),
                net.jqwik.api.Tuple.of(3, Arbitraries.strings().ofMaxLength(40)));
        return piece.list().ofMaxSize(400).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> texts() {
        return markdown();
    }

    @Property(seed = SEED)
    void any_text_parses_into_provisions_that_keep_its_words(@ForAll("texts") String markdown) {
        long start = System.nanoTime();
        List<Provision> provisions = new ProvisionParser().parse(markdown);
        Statistics.label("provisions").collect(provisions.isEmpty() ? "none" : provisions.size() < 10 ? "1-9" : "10+");
        Statistics.label("slowest").collect((System.nanoTime() - start) / 1_000_000_000 >= 1 ? ">= 1 s" : "< 1 s");
        if (markdown.contains("You must")) {
            assertThat(provisions).as("the words of %s", markdown.length() > 200 ? markdown.substring(0, 200) + "…" : markdown)
                    .anyMatch(p -> p.text().contains("You") || p.markdown().contains("You"));
        }
    }

    @Property(seed = SEED)
    void any_two_texts_compare_into_a_change_set(@ForAll("texts") String before, @ForAll("texts") String after) {
        Lineage lineage = new Lineage(new ProvisionParser());
        var first = lineage.first("fuzz/terms", new Lineage.VersionText("a", before));
        var aligned = lineage.aligned("fuzz/terms", new Lineage.VersionText("b", after), first);
        var set = new ChangeDetector().compare(aligned.alignment(), first, aligned.provisions(), false);
        Statistics.label("change").collect(set.changes().isEmpty() ? "none" : set.substantive() ? "substantive" : "cosmetic");
        assertThat(set.changes()).allSatisfy(c -> assertThat(c.reason()).isNotNull());
    }
}
