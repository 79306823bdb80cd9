package dev.clausewatch.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bundled Hunspell dictionaries tell spelling from wording. */
class SpellingTest {
    private final Spelling spelling = Spelling.english();

    @Test
    void british_and_american_spellings_of_one_word_are_variants() {
        assertThat(spelling.of("organise", "organize")).contains(Spelling.Kind.VARIANT);
        assertThat(spelling.of("colour", "color")).contains(Spelling.Kind.VARIANT);
        assertThat(spelling.of("centre", "center")).contains(Spelling.Kind.VARIANT);
        assertThat(spelling.of("Licence", "license")).contains(Spelling.Kind.VARIANT);
        assertThat(spelling.of("weaponization", "weaponisation")).isPresent();
    }

    @Test
    void a_non_word_replaced_by_a_close_word_is_a_typo_fixed() {
        assertThat(spelling.of("teh", "the")).contains(Spelling.Kind.TYPO_FIXED);
        assertThat(spelling.of("recieve", "receive")).contains(Spelling.Kind.TYPO_FIXED);
        assertThat(spelling.of("seperate", "separate")).contains(Spelling.Kind.TYPO_FIXED);
    }

    @Test
    void two_real_words_are_a_change_of_wording_however_close() {
        assertThat(spelling.of("affect", "effect")).isEmpty();
        assertThat(spelling.of("may", "must")).isEmpty();
        assertThat(spelling.of("lawful", "unlawful")).isEmpty();
        assertThat(spelling.of("principal", "principle")).isEmpty();
        assertThat(spelling.of("now", "not")).isEmpty();
        assertThat(spelling.of("sell", "share")).isEmpty();
    }

    @Test
    void a_new_name_is_not_a_typo_fix() {
        assertThat(spelling.of("the", "teh")).as("a typo introduced is a change we show").isEmpty();
        assertThat(spelling.of("Bard", "Gemini")).isEmpty();
    }
}
