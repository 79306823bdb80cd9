package dev.clausewatch.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which document becomes part of which: sentences as they stand in archived policies (the AWS
 * Responsible AI Policy, Anthropic's DPA, Reddit's and TikTok's terms), with the relation a
 * compliance reader gives them.
 */
class ReferenceDirectionTest {
    private final ProvisionParser parser = new ProvisionParser();

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            This Policy supplements the [AWS Acceptable Use Policy](https://aws.amazon.com/aup/) and [AWS Service Terms](https://aws.amazon.com/service-terms/). | AWS Acceptable Use Policy | is part of
            This Data Processing Addendum ("DPA") is incorporated into and forms part of the Anthropic Commercial Terms of Service or other agreement between Customer and Anthropic. | Anthropic Commercial Terms | is part of
            Your use of the Services is subject to the [Acceptable Use Policy](https://example.com/aup), which is incorporated by reference. | Acceptable Use Policy | incorporates
            You must comply with the [Usage Policies](https://example.com/usage-policies) when you use our Services. | Usage Policies | incorporates
            The [Community Guidelines](https://example.com/guidelines) form part of these Terms. | Community Guidelines | incorporates
            Our [Privacy Policy](https://example.com/privacy) explains how we use your data; although it does not form part of these Terms, it is an important document. | Privacy Policy | mentions
            These do not form part of these Terms but are important documents, such as the [Cookie Policy](https://example.com/cookies). | Cookie Policy | mentions
            AWS may investigate violations, as noted in the [AWS Acceptable Use Policy](https://aws.amazon.com/aup/). | AWS Acceptable Use Policy | mentions
            """)
    void a_reference_reads_its_direction_from_the_sentence(String sentence, String name, String relation) {
        List<Reference> references = References.in(parser.parse(sentence), (url, n) -> Optional.empty());
        assertThat(references).filteredOn(r -> r.name().equals(name)).first()
                .satisfies(r -> assertThat(r.relation()).as(sentence).isEqualTo(relation));
    }

    @Test
    void a_target_with_one_balanced_parenthesis_is_read_whole_and_hostile_brackets_in_bounded_time() {
        var wiki = References.in(parser.parse("See the [Foo Policy](https://example.com/wiki/Foo_(policy)) which applies."), (url, n) -> Optional.empty());
        assertThat(wiki).extracting(r -> r.url().orElseThrow()).containsExactly("https://example.com/wiki/Foo_(policy)");
        String hostile = "[ab](" + "[ab](x".repeat(40_000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> References.in(java.util.List.of(new Provision("p", 0, ProvisionKind.PARAGRAPH, List.of(), "", hostile, hostile)),
                        (url, n) -> Optional.empty()));
    }
}
