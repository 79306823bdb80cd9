package dev.clausewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.check.CheckAnswer;
import dev.clausewatch.check.IntendedUse;
import dev.clausewatch.check.UseCheck;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.DocumentId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A saved use-case check hears of substantive changes to the provisions that apply to its use, and of nothing else. */
class UseWatchTest {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");
    private static final Destinations DESTINATIONS = new Destinations(new dev.clausewatch.capture.AddressPolicy(true));
    private static final IntendedUse SPAM = new IntendedUse("send unsolicited bulk email advertising to purchased address lists",
            IntendedUse.platforms("amazon-web-services"), List.of("EU"));

    @TempDir Path dir;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };

    private void capture(Workspace w, String text) {
        now.set(now.get().plusSeconds(60));
        w.archive().record(AUP, List.of(new Observed(text.getBytes(StandardCharsets.UTF_8), now.get(), false, "test", List.of(),
                new Provenance("test", "capture-" + now.get(), Map.of()))));
        w.processor().catchUp(p -> {});
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_change_to_a_provision_that_applies_alerts_the_use_and_a_change_elsewhere_does_not(TestStores store) {
        try (Workspace w = store.open(dir)) {
            w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services")));
            w.processor().catchUp(p -> {});
            Organisations organisations = new Organisations(w.alerts(), w.registry(), w.knowledge(), DESTINATIONS, clock);
            Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), w.analyzer(), clock);
            alerter.run();
            organisations.create("acme", "Acme Marketing", Plan.WATCHER);
            assertThatThrownBy(() -> organisations.watch("acme", Watch.use(SPAM))).hasMessageContaining("a saved use-case check is part of the Professional plan");
            organisations.create("counsel", "Counsel LLP", Plan.PROFESSIONAL);
            organisations.watch("counsel", Watch.parse("use", "amazon-web-services|EU|" + SPAM.description()));
            assertThat(w.alerts().watches("counsel")).containsExactly(Watch.use(SPAM));

            CheckAnswer answer = UseCheck.over(w.registry(), w.records(), w.analyzer()).check(SPAM);
            List<String> applying = answer.platforms().getFirst().provisions().stream().map(CheckAnswer.Applicable::quote).toList();
            assertThat(applying).as("the check answers with the AUP's ban on unsolicited mass e-mail").anyMatch(q -> q.toLowerCase().contains("unsolicited"));
            String spamItem = applying.stream().filter(q -> q.toLowerCase().contains("unsolicited")).findFirst().orElseThrow();
            String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());

            String unrelated = "for any content or activity that promotes child sexual exploitation or abuse;";
            assertThat(applying).as("the child-safety ban does not bear on e-mail marketing").doesNotContain(unrelated);
            String elsewhere = latest.replace(unrelated, "for any content or activity that promotes child sexual exploitation or abuse, including synthetic depictions;");
            assertThat(elsewhere).isNotEqualTo(latest);
            capture(w, elsewhere);
            assertThat(alerter.run()).as("a change to a provision that does not apply to the use").isZero();

            String changed = elsewhere.replace(spamItem, spamItem.replaceFirst("[.;]?$", "") + ", including messages sent through third-party mailing services;");
            assertThat(changed).isNotEqualTo(elsewhere);
            capture(w, changed);
            assertThat(alerter.run()).as("the use's watcher hears of its provision's change").isEqualTo(1);
            assertThat(w.alerts().alerts("counsel")).singleElement().satisfies(a -> assertThat(a.document()).isEqualTo(AUP.toString()));
        }
    }
}
