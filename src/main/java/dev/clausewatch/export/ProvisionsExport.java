package dev.clausewatch.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import java.io.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Every provision of every version as JSON Lines ({@code provisions.jsonl}): its lasting id, the
 * document and version, when that version was in force (from its first observation to the next
 * version's), its place and text, its stored topics and its exposure; with {@code ATTRIBUTION.md}.
 */
public final class ProvisionsExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "provisions.jsonl";

    public record Summary(String place, int documents, int versions, long provisions) {}

    private ProvisionsExport() {}

    public static Summary write(DerivedRecords records, Analyzer analyzer, List<Document> documents, Optional<TreeHead> head, Path folder,
                                Instant now, IntConsumer progress) {
        try (ExportSink sink = ExportSink.folder(folder)) {
            return write(records, analyzer, documents, head, sink, now, progress);
        }
    }

    /** The same into {@code sink}. */
    public static Summary write(DerivedRecords records, Analyzer analyzer, List<Document> documents, Optional<TreeHead> head, ExportSink sink,
                                Instant now, IntConsumer progress) {
        List<List<TimelineEntry>> timelines = new ArrayList<>();
        Map<String, String> exposures = new HashMap<>();
        int versions = 0, written = 0;
        long provisions = 0;
        try (Writer out = sink.file(FILE)) {
            for (Document d : documents) {
                List<VersionProvisions> history = records.history(d.id());
                if (history.isEmpty()) continue;
                written++;
                timelines.add(history.stream().map(VersionProvisions::entry).toList());
                for (int v = 0; v < history.size(); v++) {
                    VersionProvisions version = history.get(v);
                    Optional<Instant> until = v + 1 < history.size() ? Optional.of(history.get(v + 1).entry().firstObservedAt()) : Optional.empty();
                    Map<String, List<TopicMatch>> topics = records.topics(version.provisions().stream().map(Provision::text).toList());
                    for (Provision p : version.provisions()) {
                        out.write(JSON.writeValueAsString(line(d, version, until, p, topics.getOrDefault(p.text(), List.of()),
                                exposure(analyzer, d, version.provisions(), p, topics, exposures))));
                        out.write('\n');
                        provisions++;
                    }
                    progress.accept(++versions);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE + " in " + sink.describe() + ": " + e.getMessage(), e);
        }
        Attribution.write(sink, timelines, head, now, "Provisions of every archived version, one JSON object per line: provisionId (lasting "
                + "across versions), document, platform, version, versionSha256, inForceFrom, inForceUntil (absent for the current version), "
                + "location, text, topics, exposure (low, medium, high; absent when the provision is on no topic).");
        return new Summary(sink.describe(), written, versions, provisions);
    }

    private static Map<String, Object> line(Document d, VersionProvisions version, Optional<Instant> until, Provision p, List<TopicMatch> topics,
                                            Optional<String> exposure) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("provisionId", p.id());
        line.put("document", d.id().toString());
        line.put("platform", d.platformName());
        line.put("version", version.entry().number());
        line.put("versionSha256", version.entry().version().contentSha256());
        line.put("inForceFrom", Exports.instant(version.entry().firstObservedAt()));
        until.ifPresent(u -> line.put("inForceUntil", Exports.instant(u)));
        line.put("location", p.location());
        line.put("text", p.text());
        line.put("topics", topics.stream().map(TopicMatch::topicId).toList());
        exposure.ifPresent(e -> line.put("exposure", e));
        return line;
    }

    /** The provision's exposure, as its page shows it; the same text in the same place is read once. */
    private static Optional<String> exposure(Analyzer analyzer, Document d, List<Provision> provisions, Provision p,
                                             Map<String, List<TopicMatch>> topics, Map<String, String> known) {
        if (topics.getOrDefault(p.text(), List.of()).isEmpty()) return Optional.empty();
        Analyzer.Context context = Analyzer.Context.of(p, provisions, d.platformName());
        String key = p.text() + "\u0000" + context;
        return Optional.of(known.computeIfAbsent(key, k -> {
            ProvisionAnalysis analysis = analyzer.analyze(p, List.of(), id -> List.of(), context);
            return analysis.exposure().level().name().toLowerCase(java.util.Locale.ROOT);
        }));
    }
}
