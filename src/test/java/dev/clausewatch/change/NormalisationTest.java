package dev.clausewatch.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.change.Normalisation.Rule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each declared rule, alone, is the reason when it is the only difference; what the rules never make equal. */
class NormalisationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            UNICODE_FORMS        | We collect ﬁnancial data.                          | We collect financial data.
            INVISIBLE_CHARACTERS | We col\u00ADlect data\u200B about you.             | We collect data about you.
            QUOTES_AND_DASHES    | The “Services” — and ‘Content’.                    | The "Services" - and 'Content'.
            MARKDOWN             | See **our [Privacy Policy](https://x.example/p)**. | See our Privacy Policy.
            WHITESPACE           | We  may   change these terms.                      | We may change these terms.
            DATE_FORMATS         | Effective from January 5, 2024 onwards.            | Effective from 5 January 2024 onwards.
            NUMBER_WORDS         | You have three days to object.                     | You have 3 days to object.
            CAPITALISATION       | You Must Not Resell The Service.                   | You must not resell the service.
            PUNCTUATION          | We may, at any time, suspend accounts              | We may at any time suspend accounts.
            INLINE_SPACING       | Read the Terms of ServicePrivacy Policy            | Read the Terms of Service Privacy Policy
            WEB_ADDRESSES        | as detailed at www.example.com/legal today         | as detailed at https://example.com/en-gb/legal today
            """)
    void each_rule_alone_is_the_reason_when_it_is_the_only_difference(Rule rule, String before, String after) {
        assertThat(Normalisation.cosmetic(before, after)).contains(List.of(rule));
    }

    @Test
    void several_differences_name_each_rule_needed_and_no_other() {
        assertThat(Normalisation.cosmetic("We  keep it for “three” days.", "We keep it for \"3\" days."))
                .contains(List.of(Rule.QUOTES_AND_DASHES, Rule.WHITESPACE, Rule.NUMBER_WORDS));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            We keep your data for 30 days.       | We keep your data for 14 days.
            Fees are 1.5% of the amount.         | Fees are 15% of the amount.
            We do not sell your data.            | We sell your data.
            You may share your content.          | You must share your content.
            We charge $10 per month.             | We charge €10 per month.
            Users under 18 may not sign up.      | Users over 18 may not sign up.
            Effective January 5, 2024.           | Effective January 6, 2024.
            """)
    void what_changes_the_meaning_is_never_made_equal(String before, String after) {
        assertThat(Normalisation.cosmetic(before, after)).isEmpty();
    }

    @ParameterizedTest(name = "{0} repeated")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\n ", "[", "[](", "](", "www.", "[a](b(c"})
    void a_hostile_run_is_normalised_in_bounded_time(String run) {
        // Each of these once made a pattern scan from every occurrence to the end of the text: quadratic.
        String text = "a " + run.repeat(60_000) + " b";
        List<String> words = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> Normalisation.words(text));
        assertThat(words).first().isEqualTo("a");
        assertThat(words).last().isEqualTo("b");
    }

    @Test
    void a_link_keeps_its_words_whatever_its_target() {
        assertThat(Normalisation.normal("See [the policy](https://example.com/wiki/Foo_(policy)) now"))
                .isEqualTo(Normalisation.normal("See the policy now"));
    }
}
