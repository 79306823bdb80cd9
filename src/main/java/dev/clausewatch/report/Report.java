package dev.clausewatch.report;

import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.archive.TreeHead;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a report states, before it is laid out: the document and the period, each version in it
 * with its evidence, each change, the analysis, and the head of the archive's log it was made under.
 */
public record Report(String documentId, String title, String platform, Optional<String> provisionId, Optional<Instant> from, Optional<Instant> to,
                     Instant generatedAt, List<VersionEvidence> versions, List<ChangeEntry> changes, List<ProvisionAnalysis> analyses,
                     String knowledgeAsOf, Optional<TreeHead> head) {
    public Report {
        versions = List.copyOf(versions);
        changes = List.copyOf(changes);
        analyses = List.copyOf(analyses);
    }

    /** A version and what shows it was archived as it is: its hashes, its place in the chain, where it came from. */
    public record VersionEvidence(int number, Instant firstObservedAt, Instant lastObservedAt, String kind, String sha256, long bytes, int recordSeq,
                                  String previousSha256, String chainHash, List<String> sources) {
        public VersionEvidence {
            sources = List.copyOf(sources);
        }
    }

    /** One change between consecutive versions: its substantive provision changes, and how many cosmetic ones came with them. */
    public record ChangeEntry(int fromNumber, int toNumber, Instant observedAt, boolean technical, Optional<Integer> variantOf,
                              List<ProvisionChangeEntry> substantive, int cosmetic) {
        public ChangeEntry {
            substantive = List.copyOf(substantive);
        }
    }

    /** A substantive change of one provision, quoted. */
    public record ProvisionChangeEntry(String provisionId, String location, String kind, String explanation, String before, String after) {}
}
