package dev.clausewatch.derivation;

import static dev.clausewatch.archive.Observations.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.event.Event;
import dev.clausewatch.event.EventType;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The derivation stage on both stores: what it derives, once, what it announces, and what it never does. */
class ProcessorTest {
    private static final DocumentId TERMS = DocumentId.parse("example/terms-of-service");
    private static final DocumentId AUP = DocumentId.parse("example/acceptable-use-policy");
    private static final DocumentId AI_POLICY = DocumentId.parse("example/responsible-ai-policy");
    private static final String V1 = "# Terms\n\nYou may not resell the service.\n\nWe may suspend accounts that break these terms.\n";
    private static final String V2 = "# Terms\n\nYou may not resell or sublicense the service.\n\nWe may suspend accounts that break these terms.\n";

    @TempDir Path dir;

    private Workspace open(TestStores store) {
        return open(store, dir);
    }

    private Workspace open(TestStores store, Path dataDir) {
        Workspace w = store.open(dataDir);
        w.registry().register(new Document(TERMS, "Example Terms"));
        w.registry().register(new Document(AUP, "Example Acceptable Use Policy"));
        w.registry().register(new Document(AI_POLICY, "Example Responsible AI Policy"));
        return w;
    }

    private static List<Event> events(Workspace w, EventType type) {
        return w.outbox().after(0, List.of(type), 10_000);
    }

    @Nested
    class When_a_version_is_recorded {
        @ParameterizedTest
        @EnumSource(TestStores.class)
        void it_is_announced_in_the_same_transaction_and_a_refused_recording_announces_nothing(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z")));
                assertThat(events(w, EventType.VersionRecorded)).singleElement().satisfies(e -> {
                    assertThat(e.document()).isEqualTo(TERMS);
                    assertThat(e.text("contentSha256")).isEqualTo(w.archive().timeline(TERMS).getFirst().version().contentSha256());
                    assertThat(e.text("kind")).isEqualTo("FIRST");
                });
                DocumentId unregistered = DocumentId.parse("nobody/terms-of-service");
                assertThatThrownBy(() -> w.archive().record(unregistered, List.of(seen(V1, "2024-01-01T00:00:00Z"))))
                        .hasMessageContaining("not registered");
                assertThat(w.outbox().after(0, List.of(), 100)).extracting(Event::document).doesNotContain(unregistered);
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void the_processor_derives_each_version_once_and_announces_each_change_once(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z"), seen(V2, "2024-02-01T00:00:00Z")));
                Processor.Progress first = w.processor().catchUp(p -> {});
                assertThat(first.versions()).isEqualTo(2);
                assertThat(first.changes()).isEqualTo(1);
                assertThat(events(w, EventType.ChangeDetected)).singleElement().satisfies(e -> {
                    assertThat(e.flag("substantive")).isTrue();
                    assertThat(e.flag("latest")).isTrue();
                    assertThat(e.text("reasons")).isEqualTo("scope widened: 'or sublicense'");
                    assertThat(e.text("toNumber")).isEqualTo("2");
                });

                Processor.Progress again = w.processor().catchUp(p -> {});
                assertThat(again.documents()).as("nothing new: nothing derived again").isZero();
                assertThat(events(w, EventType.ChangeDetected)).hasSize(1);

                w.archive().record(TERMS, List.of(seen(V2.replace("sublicense the", "sublicense  the"), "2024-03-01T00:00:00Z")));
                Processor.Progress third = w.processor().catchUp(p -> {});
                assertThat(third.versions()).as("a new capture costs one version, not the history").isEqualTo(1);
                assertThat(events(w, EventType.ChangeDetected)).hasSize(2).last()
                        .satisfies(e -> assertThat(e.flag("substantive")).as("white space only").isFalse());
                assertThat(w.records().history(TERMS)).hasSize(3);
                assertThat(w.records().backlog().isEmpty()).isTrue();
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void a_stopping_drain_finishes_the_document_in_hand_takes_no_other_and_leaves_none_claimed(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z")));
                w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam.\n", "2024-01-01T00:00:00Z")));
                w.archive().record(AI_POLICY, List.of(seen("# Responsible AI Policy\n\nDo not deceive.\n", "2024-01-01T00:00:00Z")));
                int[] asked = {0};
                // The stop comes while the first document is derived: it is finished, and nothing else is taken.
                assertThat(w.processor().drain(() -> asked[0]++ >= 1)).isEqualTo(1);
                assertThat(w.records().backlog().documents()).isEqualTo(2);
                // Nothing stays claimed: another worker takes the rest at once, not after a lease.
                Processor other = w.processor().as("other", java.time.Duration.ofMinutes(5));
                assertThat(other.drain()).isEqualTo(2);
                assertThat(w.records().backlog().isEmpty()).isTrue();
                other.releaseHeld(); // nothing held between documents: a no-op
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void two_workers_in_one_process_share_a_backlog_each_document_once(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z"), seen(V2, "2024-02-01T00:00:00Z")));
                w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam.\n", "2024-01-01T00:00:00Z"),
                        seen("# Acceptable Use Policy\n\nDo not send spam or malware.\n", "2024-03-01T00:00:00Z")));
                Processor.Progress done = w.processor().catchUp(p -> {}, 2);
                assertThat(done.documents()).isEqualTo(2);
                assertThat(done.versions()).isEqualTo(4);
                assertThat(done.changes()).isEqualTo(2);
                assertThat(events(w, EventType.ChangeDetected)).extracting(Event::document).containsExactlyInAnyOrder(TERMS, AUP);
                assertThat(w.records().backlog().isEmpty()).isTrue();
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void a_version_that_brings_back_an_earlier_text_in_another_variant_is_not_a_change(TestStores store) {
            String american = "# Terms\n\nWe organize your data and keep it for 3 days. You may not resell the service.\n\n"
                    + "We may suspend accounts that break these terms.\n";
            String banner = american + "\nTry the new mobile app today and enjoy every feature.\n";
            String british = american.replace("organize", "organise").replace("3 days", "three days");
            try (Workspace w = open(store)) {
                w.archive().record(TERMS, List.of(seen(american, "2024-01-01T00:00:00Z"), seen(banner, "2024-02-01T00:00:00Z"),
                        seen(british, "2024-03-01T00:00:00Z")));
                w.processor().catchUp(p -> {});
                var changes = w.records().events(TERMS);
                assertThat(changes).hasSize(2);
                assertThat(changes.get(0).changes().substantive()).as("a paragraph that was not there before").isTrue();
                assertThat(changes.get(1).changes().variantOf()).as("the first version's text, in British English").contains(1);
                assertThat(changes.get(1).changes().substantive()).isFalse();
                assertThat(events(w, EventType.ChangeDetected)).last().satisfies(e -> assertThat(e.flag("substantive")).isFalse());
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void an_older_version_imported_later_reorders_the_history_and_is_derived_in_its_place(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(TERMS, List.of(seen(V2, "2024-02-01T00:00:00Z")));
                w.processor().catchUp(p -> {});
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z", "older archive")));
                w.processor().catchUp(p -> {});
                var history = w.records().history(TERMS);
                assertThat(history).extracting(v -> v.provisions().get(1).text())
                        .containsExactly("You may not resell the service.", "You may not resell or sublicense the service.");
                assertThat(history.get(1).provisions().get(1).id()).as("lasting ids run through the reordered history")
                        .isEqualTo(history.get(0).provisions().get(1).id());
                assertThat(w.records().events(TERMS)).singleElement().satisfies(e -> assertThat(e.changes().substantive()).isTrue());
            }
        }
    }

    @Nested
    class Incorporation {
        @ParameterizedTest
        @EnumSource(TestStores.class)
        void a_document_that_incorporates_a_changed_one_is_told(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam.\n", "2024-01-01T00:00:00Z")));
                w.archive().record(TERMS, List.of(seen("# Terms\n\nYou must comply with the Example Acceptable Use Policy, which is "
                        + "incorporated into these terms by reference.\n", "2024-01-01T00:00:00Z")));
                w.processor().catchUp(p -> {});
                assertThat(w.records().referringTo(AUP)).containsKey(TERMS);

                w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam or malware.\n", "2024-05-01T00:00:00Z")));
                w.processor().catchUp(p -> {});
                assertThat(events(w, EventType.ReferencedDocumentChanged)).singleElement().satisfies(e -> {
                    assertThat(e.document()).isEqualTo(TERMS);
                    assertThat(e.text("changedDocument")).isEqualTo(AUP.toString());
                    assertThat(e.text("changeEvent")).startsWith("ChangeDetected:" + AUP);
                });

                w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam or malware.  \n", "2024-06-01T00:00:00Z")));
                w.processor().catchUp(p -> {});
                assertThat(events(w, EventType.ReferencedDocumentChanged)).as("a cosmetic change tells nobody").hasSize(1);
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        void whichever_of_the_two_documents_is_derived_first_the_incorporating_one_is_told_once(TestStores store) {
            for (List<DocumentId> order : List.of(List.of(AUP, TERMS), List.of(TERMS, AUP))) {
                try (Workspace w = open(store, dir.resolve("first-" + order.getFirst().type().name()))) {
                    w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam.\n", "2024-01-01T00:00:00Z"),
                            seen("# Acceptable Use Policy\n\nDo not send spam or malware.\n", "2024-05-01T00:00:00Z")));
                    w.archive().record(TERMS, List.of(seen("# Terms\n\nYou must comply with the Example Acceptable Use Policy, which is "
                            + "incorporated into these terms by reference.\n", "2024-01-01T00:00:00Z")));
                    order.forEach(document -> assertThat(w.processor().handle(document).kind()).isEqualTo(Processor.Outcome.Kind.DONE));
                    assertThat(events(w, EventType.ReferencedDocumentChanged)).as("derived in the order " + order).singleElement()
                            .satisfies(e -> assertThat(e.document()).isEqualTo(TERMS));
                }
            }
        }

        /** "This Policy supplements the AUP": the policy is part of the AUP's rules, so the AUP's readers hear of the policy's changes. */
        @ParameterizedTest
        @EnumSource(TestStores.class)
        void a_document_that_supplements_another_is_part_of_its_rules_whichever_is_derived_first(TestStores store) {
            for (List<DocumentId> order : List.of(List.of(AUP, AI_POLICY), List.of(AI_POLICY, AUP))) {
                try (Workspace w = open(store, dir.resolve("supplement-first-" + order.getFirst().type().name()))) {
                    w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam.\n", "2024-01-01T00:00:00Z")));
                    String policy = "# Responsible AI Policy\n\nThis Policy supplements the Example Acceptable Use Policy.\n\n"
                            + "You may not use the AI services for disinformation.\n";
                    w.archive().record(AI_POLICY, List.of(seen(policy, "2024-01-01T00:00:00Z"),
                            seen(policy.replace("for disinformation", "for disinformation or to impersonate a person"), "2024-05-01T00:00:00Z")));
                    order.forEach(document -> assertThat(w.processor().handle(document).kind()).isEqualTo(Processor.Outcome.Kind.DONE));
                    assertThat(events(w, EventType.ReferencedDocumentChanged)).as("derived in the order " + order).singleElement().satisfies(e -> {
                        assertThat(e.document()).as("the AUP incorporates the policy that supplements it").isEqualTo(AUP);
                        assertThat(e.text("changedDocument")).isEqualTo(AI_POLICY.toString());
                    });
                    assertThat(w.records().referringTo(AUP).get(AI_POLICY)).singleElement()
                            .satisfies(r -> assertThat(r.partOfTarget()).isTrue());
                }
            }
        }
    }

    @Nested
    class Technical_upgrades_and_failures {
        @ParameterizedTest
        @EnumSource(TestStores.class)
        void new_derivers_derive_everything_again_as_a_recorded_upgrade_that_never_alerts(TestStores store) {
            try (Workspace w = open(store)) {
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z"), seen(V2, "2024-02-01T00:00:00Z")));
                w.processor().catchUp(p -> {});
                int changeEvents = events(w, EventType.ChangeDetected).size();

                Derivers next = new Derivers("structure-next", w.processor().derivers().topics());
                Processor.Progress upgrade = w.processor().upgradedTo(next).catchUp(p -> {});
                assertThat(upgrade.versions()).isEqualTo(2);
                assertThat(events(w, EventType.DerivationUpgraded)).extracting(Event::document).contains(TERMS);
                assertThat(events(w, EventType.ChangeDetected)).as("re-deriving announces no change").hasSize(changeEvents);
                assertThat(w.processor().upgradedTo(next).catchUp(p -> {}).documents()).as("upgraded once").isZero();
            }
        }

        // Blob files are the embedded store's: on PostgreSQL the bytes live in the database.
        @ParameterizedTest
        @EnumSource(value = TestStores.class, names = "SQLITE")
        void a_document_whose_text_is_unreadable_is_reported_and_the_others_are_derived(TestStores store) throws IOException {
            try (Workspace w = open(store)) {
                w.archive().record(AUP, List.of(seen("# Acceptable Use Policy\n\nDo not send spam.\n", "2024-01-01T00:00:00Z")));
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z")));
                String sha = w.archive().timeline(AUP).getFirst().version().contentSha256();
                try (Stream<Path> blobs = Files.walk(dir.resolve("blobs"))) {
                    for (Path blob : blobs.filter(p -> p.getFileName().toString().equals(sha)).toList()) Files.delete(blob);
                }
                Processor.Progress done = w.processor().catchUp(p -> {});
                assertThat(done.failed()).isEqualTo(1);
                assertThat(done.documents()).isEqualTo(1);
                assertThat(w.records().history(TERMS)).hasSize(1);
                assertThat(w.records().backlog().documents()).as("left pending, visible in status").isEqualTo(1);
                assertThat(w.records().failures()).singleElement().satisfies(f -> {
                    assertThat(f.document()).isEqualTo(AUP);
                    assertThat(f.cause()).isNotBlank();
                });
                long events = w.outbox().latestSeq();
                w.processor().catchUp(p -> {});
                assertThat(w.outbox().latestSeq()).as("the same failure again is no new event").isEqualTo(events);
                assertThat(w.outbox().after(0, List.of(EventType.DerivationFailed), 10)).singleElement()
                        .satisfies(e -> assertThat(e.document()).isEqualTo(AUP));
            }
        }

        @ParameterizedTest
        @EnumSource(TestStores.class)
        @SuppressWarnings("try") // the renewal is held open, not read
        void a_claim_renewed_while_its_document_is_derived_is_not_taken_and_one_left_alone_runs_out(TestStores store) throws Exception {
            try (Workspace w = open(store);
                 var database = dev.clausewatch.storage.Database.open(TestStores.sameStore(w, dir))) {
                w.archive().record(TERMS, List.of(seen(V1, "2024-01-01T00:00:00Z")));
                var claims = new dev.clausewatch.storage.JdbiDerivedStore(database);
                java.time.Duration lease = java.time.Duration.ofMillis(600);
                java.time.Clock clock = java.time.Clock.systemUTC();
                DerivedStore.Claim held = claims.claim(TERMS, "slow", clock.instant(), lease).orElseThrow();
                try (var renewal = LeaseRenewal.start(claims, held, clock, lease)) {
                    Thread.sleep(3 * lease.toMillis());
                    assertThat(claims.claim(TERMS, "other", clock.instant(), lease)).as("renewed: still held after three leases").isEmpty();
                }
                Thread.sleep(2 * lease.toMillis());
                DerivedStore.Claim taken = claims.claim(TERMS, "other", clock.instant(), lease).orElseThrow();
                assertThat(taken.worker()).as("no longer renewed: the lease ran out and another worker takes it").isEqualTo("other");
                assertThat(claims.renew(held, clock.instant(), lease)).as("the first worker knows it lost the claim").isFalse();
            }
        }
    }
}
