package dev.clausewatch.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.provision.ProvisionKind;
import dev.clausewatch.provision.ProvisionParser;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
    private final ProvisionParser parser = new ProvisionParser();
    private final ChangeDetector detector = new ChangeDetector();

    private ChangeSet compare(String before, String after) {
        return detector.compare(parser.parse(before), parser.parse(after), false);
    }

    @Test
    void provisions_carry_kind_number_and_heading_trail() {
        var provisions = parser.parse("# Terms\n\n## 3. Your content\n\n3.1 You keep ownership of your content.\n\n"
                + "- no spam\n- no malware\n\n| Data | Use |\n|---|---|\n| Email | Login |\n");
        assertThat(provisions).extracting(p -> p.kind()).containsExactly(ProvisionKind.HEADING, ProvisionKind.HEADING, ProvisionKind.CLAUSE,
                ProvisionKind.LIST_ITEM, ProvisionKind.LIST_ITEM, ProvisionKind.TABLE_ROW, ProvisionKind.TABLE_ROW);
        assertThat(provisions.get(2).number()).isEqualTo("3.1");
        assertThat(provisions.get(2).text()).isEqualTo("You keep ownership of your content.");
        assertThat(provisions.get(2).trail()).containsExactly("Terms", "3. Your content");
        assertThat(provisions.get(6).text()).isEqualTo("Email | Login");
    }

    @Test
    void hard_wrapped_lines_with_blank_lines_between_are_one_paragraph() {
        // As in the Platform Governance Archive's conversions of old PDF terms.
        var provisions = parser.parse("You may not use the service if you are under\n\nthirteen years of age or if we have\n\ndisabled your account.\n");
        assertThat(provisions).singleElement().satisfies(p ->
                assertThat(p.text()).isEqualTo("You may not use the service if you are under thirteen years of age or if we have disabled your account."));
    }

    @Test
    void a_provision_without_a_word_coming_or_going_is_cosmetic() {
        var kept = new dev.clausewatch.provision.Provision("p1", 0, dev.clausewatch.provision.ProvisionKind.PARAGRAPH, java.util.List.of(), "",
                "We respect your privacy and the law.", "We respect your privacy and the law.");
        var bare = new dev.clausewatch.provision.Provision("p2", 1, dev.clausewatch.provision.ProvisionKind.PARAGRAPH, java.util.List.of(), "",
                "[![](https://cdn.example/logo.png)](https://example.com/) —", " —");
        ChangeSet set = new ChangeDetector().compare(java.util.List.of(kept, bare), java.util.List.of(kept), false);
        assertThat(set.substantive()).isFalse();
        assertThat(set.changes()).isNotEmpty().extracting(ProvisionChange::reason).containsOnly(Reason.BOILERPLATE);
    }

    @Test
    void a_long_list_of_nothing_but_links_is_a_menu_and_a_short_one_to_other_documents_is_not() {
        String terms = "## Terms\n\nWe respect your privacy and the law.\n";
        StringBuilder sidebar = new StringBuilder();
        for (int i = 1; i <= 30; i++) sidebar.append("*   [Getting started with feature number ").append(i).append("](https://docs.example/start/").append(i).append(")\n");
        ChangeSet menu = compare(sidebar + "\n" + terms, terms);
        assertThat(menu.substantive()).as("a documentation sidebar going away").isFalse();
        assertThat(menu.changes()).extracting(ProvisionChange::reason).containsOnly(Reason.BOILERPLATE);
        String related = "*   [Privacy Policy](https://example.com/privacy) and the [Cookie Policy](https://example.com/cookies) also apply to the Services you use\n";
        assertThat(compare(terms + "\n" + related, terms).substantive()).as("two documents named as applying, with words of their own").isTrue();
    }

    @Test
    void a_long_line_of_links_that_is_not_only_links_is_decided_in_bounded_time() {
        String links = "[a](https://x.example/a) ".repeat(5_000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> compare("## T\n\n" + links + " and a sentence that says something.\n", "## T\n"));
    }

    @Test
    void long_neighbouring_paragraphs_that_differ_throughout_are_compared_in_bounded_time() {
        // Each removed paragraph near an added one is asked whether only spelling differs; a word diff
        // of two long texts that differ everywhere took seconds a pair (found by MarkdownFuzzTest).
        Random random = new Random(7);
        StringBuilder before = new StringBuilder(), after = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            for (int w = 0; w < 8_000; w++) before.append("w").append(random.nextInt(5_000)).append(' ');
            for (int w = 0; w < 8_000; w++) after.append("w").append(random.nextInt(5_000)).append(' ');
            before.append("\n\n");
            after.append("\n\n");
        }
        // Generous for a loaded machine: about 2 s alone here, where the diff this replaced ran past 10 s.
        ChangeSet set = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> compare(before.toString(), after.toString()));
        assertThat(set.substantive()).isTrue();
    }

    @Test
    void renumbered_headings_and_clauses_are_cosmetic() {
        ChangeSet set = compare("## 3. Privacy\n\n3.1 We respect your privacy and the law.\n", "## 4. Privacy\n\n4.1 We respect your privacy and the law.\n");
        assertThat(set.substantive()).isFalse();
        assertThat(set.changes()).extracting(ProvisionChange::reason).containsOnly(Reason.NUMBERING);
    }

    @Test
    void a_split_without_new_words_is_cosmetic_and_keeps_one_provision() {
        String whole = "You may cancel at any time from your settings page. Refunds follow the law of your country of residence.";
        ChangeSet set = compare(whole + "\n", "You may cancel at any time from your settings page.\n\nRefunds follow the law of your country of residence.\n");
        assertThat(set.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.SPLIT);
            assertThat(c.substantive()).isFalse();
        });
    }

    @Test
    void a_full_rewrite_of_a_long_provision_is_diffed_in_milliseconds_not_seconds() {
        Random random = new Random(7);
        String before = words(random, 40_000), after = words(random, 40_000);
        long start = System.nanoTime();
        var edits = WordDiff.of(before, after);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(edits).singleElement().satisfies(e -> assertThat(e.removed()).startsWith(before.substring(0, 20)));
        assertThat(millis).as("guarded word diff of a 40,000-word rewrite").isLessThan(2_000);
    }

    @Test
    void side_by_side_segments_highlight_only_the_changed_words() {
        var segments = WordDiff.segments("You may cancel at any time.", "You may cancel within 14 days.");
        assertThat(segments).extracting(WordDiff.Segment::kind).containsExactly(WordDiff.Segment.Kind.KEPT,
                WordDiff.Segment.Kind.REMOVED, WordDiff.Segment.Kind.ADDED, WordDiff.Segment.Kind.KEPT);
        assertThat(segments.get(1).text()).isEqualTo("at any time");
        assertThat(segments.get(2).text()).isEqualTo("within 14 days");
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) text.append("w").append(random.nextInt(50_000)).append(' ');
        return text.toString();
    }
}
