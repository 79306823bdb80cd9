package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.analysis.Reading.Modality;
import dev.clausewatch.analysis.Reading.Party;
import dev.clausewatch.analysis.Reading.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading who a provision binds and how, from sentences written for this test in the style of platform terms. */
class ReadingTest {
    private static final List<String> ACME = List.of("Acme Cloud", "AC");

    @Test
    void a_duty_on_you_with_its_condition_and_examples() {
        Reading r = Reading.of("If you use the Services to screen tenants, you must keep a person in the loop and document your tests "
                + "(e.g., bias testing, accuracy checks).", "", ACME);
        Statement s = r.statements().getFirst();
        assertThat(s.party()).isEqualTo(Party.YOU);
        assertThat(s.modality()).isEqualTo(Modality.MUST);
        assertThat(s.action()).isEqualTo("keep a person in the loop and document your tests (e.g., bias testing, accuracy checks)");
        assertThat(s.conditions()).containsExactly("If you use the Services to screen tenants");
        assertThat(s.examples()).containsExactly("bias testing, accuracy checks");
    }

    @Test
    void a_list_item_is_read_with_the_lead_in_it_continues() {
        Reading r = Reading.of("to generate fake reviews;", "You may not use the Services:", ACME);
        assertThat(r.statements()).singleElement().satisfies(s -> {
            assertThat(s.party()).isEqualTo(Party.YOU);
            assertThat(s.modality()).isEqualTo(Modality.MUST_NOT);
            assertThat(s.action()).isEqualTo("use the Services to generate fake reviews");
        });
        assertThat(Reading.of("to generate fake reviews;", "", ACME).bindsNoOne()).isTrue();
    }

    @Test
    void the_provider_by_pronoun_or_by_name_and_its_rights_and_promises() {
        assertThat(Reading.of("We may change these terms at any time.", "", ACME).statements().getFirst())
                .extracting(Statement::party, Statement::modality).containsExactly(Party.PROVIDER, Modality.MAY);
        assertThat(Reading.of("AC may suspend accounts that breach this policy.", "", ACME).statements().getFirst())
                .extracting(Statement::party, Statement::modality).containsExactly(Party.PROVIDER, Modality.MAY);
        assertThat(Reading.of("We do not sell your personal data.", "", ACME).statements().getFirst())
                .extracting(Statement::party, Statement::modality).containsExactly(Party.PROVIDER, Modality.WILL_NOT);
        assertThat(Reading.of("You agree that we may share usage data with our affiliates.", "", ACME).statements().getFirst())
                .as("the party nearest the modal is the one bound").extracting(Statement::party).isEqualTo(Party.PROVIDER);
        assertThat(Reading.of("Third-party providers may collect information about you.", "", ACME).statements().getFirst())
                .extracting(Statement::party).isEqualTo(Party.OTHERS);
    }

    @Test
    void an_imperative_prohibition_and_an_exception() {
        Statement s = Reading.of("Do not scrape the Services, except as permitted by our robots.txt file.", "", ACME).statements().getFirst();
        assertThat(s).extracting(Statement::party, Statement::modality).containsExactly(Party.YOU, Modality.MUST_NOT);
        assertThat(s.action()).isEqualTo("scrape the Services");
        assertThat(s.exceptions()).containsExactly("except as permitted by our robots");
    }

    @Test
    void a_description_binds_no_one() {
        assertThat(Reading.of("Acme Cloud is a company that builds tools for developers.", "", ACME).bindsNoOne()).isTrue();
        assertThat(Reading.of("Software may update automatically.", "", ACME).statements())
                .as("a thing, not a party, may do something: no party of the contract is bound").allSatisfy(s -> assertThat(s.party()).isEqualTo(Party.OTHERS));
    }
}
