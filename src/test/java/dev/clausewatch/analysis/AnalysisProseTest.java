package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis is written about each provision, not about its topic: twenty real provisions of
 * different topics (the committed sample of the shared histories) never share what they mean, their
 * interpretive note or their action items word for word.
 */
class AnalysisProseTest {
    @TempDir Path dir;

    @Test
    void twenty_provisions_of_different_topics_share_no_meaning_note_or_action_items() {
        try (Workspace w = TestStores.SQLITE.open(dir)) {
            w.importer().importPaths(List.of(TestStores.shared("data/ota-history/chatgpt"), TestStores.shared("data/ota-history/amazon-web-services"),
                    TestStores.shared("data/ota-history/claude-ai")));
            w.processor().catchUp(p -> {});
            List<ProvisionAnalysis> analyses = new ArrayList<>();
            Set<String> topicsTaken = new HashSet<>();
            for (Document d : w.registry().documents()) {
                var current = w.records().current(d.id());
                if (current.isEmpty()) continue;
                List<Provision> provisions = current.get().provisions();
                var references = w.records().references(current.get());
                for (Provision p : provisions) {
                    if (analyses.size() == 20 || p.text().split("\\s+").length < 12) continue;
                    List<TopicMatch> topics = w.analyzer().topics(p);
                    if (topics.isEmpty() || !topicsTaken.add(topics.getFirst().topicId())) continue;
                    analyses.add(w.analyzer().analyze(p, references, id -> List.of(), Analyzer.Context.of(p, provisions, d.platformName())));
                }
            }
            assertThat(analyses).hasSize(20);
            assertAllDifferent(analyses, a -> String.join(" ", a.meaning()), "what it means");
            assertAllDifferent(analyses, ProvisionAnalysis::interpretiveNote, "interpretive note");
            assertAllDifferent(analyses, a -> String.join(" ", a.actionItems()), "action items");
            assertThat(analyses).allSatisfy(a -> {
                assertThat(a.landscape()).hasSizeLessThanOrEqualTo(Analyzer.LANDSCAPE);
                assertThat(a.landscape()).extracting(ProvisionAnalysis.RegulatoryPoint::regulationId).doesNotHaveDuplicates();
                // The topic is named once; its definition from the fact sheet is not pasted in.
                for (TopicMatch t : a.topics()) {
                    String description = w.knowledge().topic(t.topicId()).orElseThrow().description();
                    assertThat(String.join(" ", a.meaning())).doesNotContain(description);
                }
            });
        }
    }

    private static void assertAllDifferent(List<ProvisionAnalysis> analyses, Function<ProvisionAnalysis, String> part, String what) {
        Set<String> seen = new HashSet<>();
        for (ProvisionAnalysis a : analyses) {
            assertThat(seen.add(part.apply(a))).as("%s of %s is the same as another provision's: %s", what, a.provisionId(), part.apply(a)).isTrue();
        }
    }
}
