package dev.clausewatch.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sentence splitting: ICU's Unicode sentence rules with our abbreviations and initials. A case is
 * the text and its sentences joined by " ‖ ".
 */
class TextsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            We collect data. We share it with partners.                          => We collect data. ‖ We share it with partners.
            Do you agree? If not, stop using the Services. Thanks!               => Do you agree? ‖ If not, stop using the Services. ‖ Thanks!
            We use tools, e.g. Google Analytics, to measure use. Then we stop.   => We use tools, e.g. Google Analytics, to measure use. ‖ Then we stop.
            We notify users, i.e. Members and Guests. Others are not told.       => We notify users, i.e. Members and Guests. ‖ Others are not told.
            Acme Inc. The company is based in Delaware.                          => Acme Inc. The company is based in Delaware.
            We operate in the U.S. Other countries follow.                       => We operate in the U.S. Other countries follow.
            See Art. 5 GDPR. It applies.                                         => See Art. 5 GDPR. ‖ It applies.
            See No. 3 Terms and Sec. 4 Rules for details.                        => See No. 3 Terms and Sec. 4 Rules for details.
            As J. Smith wrote. We agree.                                         => As J. Smith wrote. ‖ We agree.
            Write to Amazon.com Legal Department P.O. Box 81226 Seattle.         => Write to Amazon.com Legal Department P.O. Box 81226 Seattle.
            Our iOS App. The terms of this subsection apply.                     => Our iOS App. ‖ The terms of this subsection apply.
            Use our APIs. You may only use our APIs as documented.               => Use our APIs. ‖ You may only use our APIs as documented.
            Under the Act. The Act says so.                                      => Under the Act. ‖ The Act says so.
            Was that clear? maybe not, so we explain it again.                   => Was that clear? maybe not, so we explain it again.
            Search with Yahoo! to find it. Then stop.                            => Search with Yahoo! to find it. ‖ Then stop.
            """)
    void splits_at_sentence_ends_and_not_after_abbreviations_initials_or_before_lower_case(String text, String expected) {
        assertThat(Texts.sentences(text)).containsExactly(expected.split(" ‖ "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', textBlock = """
            He said 'stop.' Then he left.                                        => He said 'stop.' ‖ Then he left.
            The fee rose (see "Fees.") The next one is new.                      => The fee rose (see "Fees.") ‖ The next one is new.
            “Stop.” Then go.                                                     => “Stop.” ‖ Then go.
            Regulations (Amendments etc.) (EU Exit) 2020 apply.                  => Regulations (Amendments etc.) (EU Exit) 2020 apply.
            TikTok Inc. and TikTok Pte. Ltd.) (“Affiliates”) provide it.         => TikTok Inc. and TikTok Pte. Ltd.) (“Affiliates”) provide it.
            Wait... what? We mean it... Really.                                  => Wait... what? ‖ We mean it... ‖ Really.
            We may … share it … with others.                                     => We may … share it … with others.
            Fees rise by 1.5 percent. Then by 2.5 percent.                       => Fees rise by 1.5 percent. ‖ Then by 2.5 percent.
            Visit example.com/a.b today. Then stop.                              => Visit example.com/a.b today. ‖ Then stop.
            See go.microsoft.com/fwlink/?LinkID=248686 for details. Then stop.   => See go.microsoft.com/fwlink/?LinkID=248686 for details. ‖ Then stop.
            Read [How Do We Share Data?](#_70wwucijkyy) now.                     => Read [How Do We Share Data?](#_70wwucijkyy) now.
            **Changes to these Terms.** We may revise them.                      => **Changes to these Terms.** ‖ We may revise them.
            Things you share.* Photos you upload.                                => Things you share.* ‖ Photos you upload.
            Purpose | We protect against abuse. | The legal grounds are these. => Purpose | We protect against abuse. ‖ | The legal grounds are these.
            """)
    void closing_quotes_brackets_ellipses_numbers_addresses_and_markup_as_icu_reads_them(String text, String expected) {
        assertThat(Texts.sentences(text)).containsExactly(expected.split(" ‖ "));
    }

    @Test
    void white_space_is_collapsed_and_nothing_is_empty() {
        assertThat(Texts.sentences("  We collect\n data.\n\n  We   share it.  ")).containsExactly("We collect data.", "We share it.");
        assertThat(Texts.sentences("")).isEmpty();
        assertThat(Texts.sentences(" \n ")).isEmpty();
        assertThat(Texts.sentences("No full stop")).containsExactly("No full stop");
    }

    @Test
    void hostile_texts_are_split_in_bounded_time() {
        // The splitter before ICU looked back over the whole pending text at each candidate: 100,000
        // "E.g. " took 19 s there, 100,000 "A. " 33 s.
        List<String> hostile = List.of(".".repeat(200_000), "e.g. ".repeat(100_000), "E.g. ".repeat(100_000), "A. ".repeat(100_000),
                "Inc. The ".repeat(50_000), "?".repeat(200_000), "? a".repeat(100_000), ". **".repeat(50_000) + "x", "a. " + "(".repeat(200_000) + "a",
                "Go. ".repeat(100_000));
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (String text : hostile) assertThat(Texts.sentences(text)).isNotEmpty();
        });
        assertThat(Texts.sentences("Go. ".repeat(1_000))).hasSize(1_000);
        assertThat(Texts.sentences("E.g. ".repeat(1_000))).hasSize(1);
    }

    @Test
    void threads_split_alike() {
        List<String> texts = IntStream.range(0, 2_000)
                .mapToObj(i -> "Clause " + i + ". We collect data, e.g. Logs. Do you agree? Acme Inc. The end of " + i + ".").toList();
        List<List<String>> sequential = texts.stream().map(Texts::sentences).toList();
        assertThat(texts.parallelStream().map(Texts::sentences).toList()).isEqualTo(sequential);
        assertThat(sequential.getFirst()).containsExactly("Clause 0.", "We collect data, e.g. Logs.", "Do you agree?", "Acme Inc. The end of 0.");
    }
}
