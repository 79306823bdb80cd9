package dev.clausewatch.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Text that once overflowed the parser's stack or ran for minutes: every one is parsed (the
 * timeout only guards against a hang), and the ordinary text around it survives as provisions.
 */
class HostileMarkdownTest {
    private static final String BEFORE = "# Terms\n\nYou must be 18 or older to use the service.\n\n";
    private static final String AFTER = "\n\nWe may end your account if you break these terms.\n";
    private final ProvisionParser parser = new ProvisionParser();

    static List<String> hostile() {
        return List.of(
                "_".repeat(1_500), "*".repeat(2_000), "-".repeat(2_000), "= ".repeat(3_000), "` ".repeat(3_000), "#".repeat(5_000),
                "[".repeat(20_000) + "x" + "]".repeat(20_000), "> ".repeat(5_000) + "deep quote", "- ".repeat(5_000) + "deep item",
                "1. ".repeat(5_000) + "deep number",
                IntStream.range(0, 5_000).mapToObj(i -> "  ".repeat(i) + "- item " + i).collect(Collectors.joining("\n")),
                "*a _b ".repeat(20_000), "\\".repeat(50_000), "<".repeat(50_000) + "div>", "|" + " a |".repeat(5_000) + "\n|" + "---|".repeat(5_000));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostile_markdown_is_parsed_and_the_text_around_it_is_kept(String middle) {
        List<Provision> provisions = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> parser.parse(BEFORE + middle + AFTER),
                "parsing " + middle.length() + " hostile characters");
        assertThat(provisions).extracting(Provision::text)
                .contains("You must be 18 or older to use the service.", "We may end your account if you break these terms.");
    }

    @Test
    void runs_of_markup_are_cut_to_the_bound_and_ordinary_text_is_untouched() {
        String ordinary = "# Terms\n\n1. You **must** comply --- or else... ***\n    - nested item\n\n> quote\n";
        assertThat(MarkdownBounds.bounded(ordinary)).isSameAs(ordinary);
        assertThat(MarkdownBounds.bounded("_".repeat(1_500))).isEqualTo("_".repeat(MarkdownBounds.MAX_RUN));
        assertThat(MarkdownBounds.bounded(" ".repeat(400) + "- x")).isEqualTo(" ".repeat(MarkdownBounds.MAX_INDENT) + "- x");
        assertThat(MarkdownBounds.bounded("> ".repeat(100) + "q")).isEqualTo("> ".repeat(MarkdownBounds.MAX_MARKERS) + "q");
    }

    @Test
    void when_the_structure_cannot_be_read_the_text_is_kept_as_paragraphs() {
        assertThat(ProvisionParser.plainParagraphs("# Terms\n\nFirst   block\nstill first.\n\n\nSecond."))
                .extracting(Provision::text).containsExactly("# Terms", "First block still first.", "Second.");
    }
}
