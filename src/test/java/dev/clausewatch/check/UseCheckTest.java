package dev.clausewatch.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The use-case check on real documents: the AWS Acceptable Use Policy, seed 001 (the AWS Responsible
 * AI Policy) and ChatGPT's documents, as the demo keeps them. The uses are written here, apart from
 * the labelled evaluation set (src/test/resources/use-cases), which measures the check instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UseCheckTest {
    private static final DocumentId RAI = DocumentId.parse("amazon-web-services/responsible-ai-policy");
    private Workspace w;
    private UseCheck check;

    @BeforeAll
    void start(@TempDir Path dir) {
        w = TestStores.SQLITE.open(dir);
        w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services"), Path.of("demo/clipped"), Path.of("demo/ota-history/chatgpt")));
        w.processor().catchUp(p -> {});
        check = UseCheck.over(w.registry(), w.records(), w.analyzer());
    }

    @AfterAll
    void stop() {
        w.close();
    }

    private CheckAnswer check(String use, String platforms, String... jurisdictions) {
        return check.check(new IntendedUse(use, IntendedUse.platforms(platforms), List.of(jurisdictions)));
    }

    private static List<CheckAnswer.Applicable> of(CheckAnswer answer, String platform) {
        return answer.platforms().stream().filter(p -> p.platform().equals(platform)).findFirst().orElseThrow().provisions();
    }

    @Test
    void a_lethal_autonomous_use_hits_the_weapons_prohibition_quoted_with_its_version_and_why() {
        CheckAnswer answer = check("build an autonomous turret that fires at intruders without a human deciding", "amazon-web-services");
        assertThat(answer.useTopics()).extracting(CheckAnswer.UseTopic::topicId).first().isEqualTo("autonomous-weapons");
        CheckAnswer.Applicable lethal = of(answer, "amazon-web-services").stream()
                .filter(a -> a.quote().contains("to perform a lethal function in a weapon")).findFirst().orElseThrow();
        assertThat(lethal.role()).isEqualTo(Role.PROHIBITION);
        assertThat(lethal.leadIn()).as("the sentence that introduces the list").contains("may not");
        assertThat(lethal.document()).isEqualTo(RAI.toString());
        var current = w.records().current(RAI).orElseThrow().entry();
        assertThat(lethal.version()).isEqualTo(current.number());
        assertThat(lethal.versionDate()).isEqualTo(current.firstObservedAt());
        assertThat(lethal.topics()).contains("Weapons, CBRN, military and autonomous lethal uses");
        assertThat(lethal.why()).contains("Weapons", "close in meaning");
        assertThat(lethal.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void disinformation_for_an_election_hits_the_disinformation_prohibition_and_passing_output_off_as_human() {
        IntendedUse use = new IntendedUse("publish AI-generated fake news articles to sway an election", IntendedUse.platforms("amazon-web-services,chatgpt"), List.of());
        // Ranked first among AWS's prohibitions; whether it clears the threshold moves with the models (0.76 against 0.79 on 2026-12-04).
        assertThat(check.candidates(use).stream().filter(c -> c.document().id().platform().value().equals("amazon-web-services"))
                .filter(c -> c.role() == Role.PROHIBITION).max(java.util.Comparator.comparingDouble(UseCheck.Candidate::confidence)))
                .hasValueSatisfying(c -> assertThat(c.provision().text()).contains("for intentional disinformation or deception"));
        CheckAnswer answer = check.check(use);
        assertThat(of(answer, "chatgpt")).extracting(CheckAnswer.Applicable::quote).anyMatch(q -> q.contains("human-generated"));
    }

    @Test
    void nothing_applies_on_a_common_word_alone_and_answers_are_ordered_by_role_then_confidence() {
        CheckAnswer answer = check("publish AI-generated fake news articles to sway an election", "amazon-web-services,chatgpt");
        for (CheckAnswer.PlatformAnswer platform : answer.platforms()) {
            for (CheckAnswer.Applicable a : platform.provisions()) {
                assertThat(!a.topics().isEmpty() || a.meaning() >= Weights.FITTED.leastMeaning()).as(a.quote()).isTrue();
                assertThat(a.sharedWords()).as("shared words are never the words of every policy")
                        .noneMatch(word -> List.of("use", "service", "services", "content", "user", "users").contains(word.toLowerCase()));
            }
            List<CheckAnswer.Applicable> shown = platform.provisions();
            for (int i = 1; i < shown.size(); i++) {
                var before = shown.get(i - 1);
                var after = shown.get(i);
                assertThat(before.role().compareTo(after.role()) < 0
                        || before.role() == after.role() && before.confidence() >= after.confidence()).as("order at " + i).isTrue();
            }
        }
    }

    @Test
    void regulations_are_those_of_the_jurisdictions_named_and_states_count_under_their_country() {
        CheckAnswer eu = check("build an autonomous turret that fires at intruders without a human deciding", "amazon-web-services", "EU");
        assertThat(eu.regulations()).isNotEmpty().allSatisfy(r -> assertThat(r.jurisdiction()).isEqualTo("EU"));
        CheckAnswer us = check("score consumer loan applications and decline credit automatically", "amazon-web-services", "US");
        assertThat(us.regulations()).allSatisfy(r -> assertThat(r.jurisdiction()).startsWith("US"));
    }

    @Test
    void the_means_every_ai_use_shares_are_not_what_is_matched() {
        IntendedUse use = new IntendedUse("pre-screen job applicants with a language model and rank them", IntendedUse.platforms("chatgpt"), List.of());
        assertThat(use.purpose()).isEqualTo("pre-screen job applicants and rank them");
        assertThat(new IntendedUse("chat using an LLM", IntendedUse.platforms("chatgpt"), List.of()).purpose()).isEqualTo("chat");
    }

    @Test
    void a_document_incorporated_from_another_platform_is_read_and_its_provisions_say_through_which(@TempDir Path other) throws Exception {
        Path terms = java.nio.file.Files.writeString(other.resolve("terms.md"), "---\nsource: https://openai.com/policies/terms-of-use\n"
                + "created: 2024-01-01T00:00:00Z\n---\n\n# OpenAI Terms of Use\n\nYou must comply with the [AWS Acceptable Use Policy](https://aws.amazon.com/aup/), "
                + "which is incorporated by reference into these Terms.\n\nYou own the content you create.\n");
        try (Workspace own = TestStores.SQLITE.open(other.resolve("data"))) {
            own.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services"), terms));
            own.processor().catchUp(p -> {});
            CheckAnswer answer = UseCheck.over(own.registry(), own.records(), own.analyzer())
                    .check(new IntendedUse("send unsolicited bulk email advertising", IntendedUse.platforms("chatgpt"), List.of()));
            assertThat(answer.platforms().getFirst().documents()).extracting(CheckAnswer.DocumentRead::document, CheckAnswer.DocumentRead::incorporatedBy)
                    .contains(org.assertj.core.groups.Tuple.tuple("amazon-web-services/acceptable-use-policy", "chatgpt/terms-of-service"));
            assertThat(answer.platforms().getFirst().provisions()).filteredOn(a -> a.quote().contains("unsolicited mass email")).singleElement()
                    .satisfies(a -> {
                        assertThat(a.incorporatedBy()).isEqualTo("chatgpt/terms-of-service");
                        assertThat(a.role()).isEqualTo(Role.PROHIBITION);
                    });
        }
    }

    @Test
    void bad_input_is_refused_naming_what_is_wrong() {
        assertThatThrownBy(() -> check("hire people", "nobody")).hasMessageContaining("\"nobody\" is not in the registry");
        assertThatThrownBy(() -> check("  ", "chatgpt")).hasMessageContaining("described in words");
        assertThatThrownBy(() -> check("x".repeat(1_001), "chatgpt")).hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> check("hire people", "chatgpt", "Europe")).hasMessageContaining("\"EUROPE\" is not a country or region code");
        assertThatThrownBy(() -> check("hire people", "Not A Slug")).hasMessageContaining("platform \"Not A Slug\"");
        assertThatThrownBy(() -> check("hire people", ",")).hasMessageContaining("at least one platform");
    }
}
