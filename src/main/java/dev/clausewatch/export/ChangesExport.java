package dev.clausewatch.export;

import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.derivation.DerivedChange;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every provision change between consecutive versions as CSV ({@code changes.csv}, RFC 4180, UTF-8),
 * one row per changed provision, for analysts' spreadsheets; with {@code ATTRIBUTION.md}.
 */
public final class ChangesExport {
    static final List<String> COLUMNS = List.of("document", "platform", "from_version", "to_version", "observed_at", "provision_id", "location",
            "kind", "substantive", "reason", "explanation", "significance", "technical_upgrade", "variant_of", "before", "after");

    public record Summary(String place, int documents, int changeSets, long rows) {}
    static final String FILE = "changes.csv";

    private ChangesExport() {}

    public static Summary write(DerivedRecords records, List<Document> documents, Optional<TreeHead> head, Path folder, Instant now,
                                IntConsumer progress) {
        try (ExportSink sink = ExportSink.folder(folder)) {
            return write(records, documents, head, sink, now, progress);
        }
    }

    /** The same into {@code sink}. */
    public static Summary write(DerivedRecords records, List<Document> documents, Optional<TreeHead> head, ExportSink sink, Instant now,
                                IntConsumer progress) {
        List<List<TimelineEntry>> timelines = new ArrayList<>();
        int sets = 0, written = 0;
        long rows = 0;
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();
        try (CSVPrinter csv = new CSVPrinter(sink.file(FILE), format)) {
            for (Document d : documents) {
                List<DerivedChange> changes = records.changeSets(d.id());
                if (changes.isEmpty()) continue;
                written++;
                timelines.add(records.history(d.id()).stream().map(v -> v.entry()).toList());
                for (DerivedChange change : changes) {
                    for (ProvisionChange c : change.changes().changes()) {
                        csv.printRecord(d.id().toString(), d.platformName(), change.number() - 1, change.number(), Exports.instant(change.observedAt()),
                                c.provisionId(), c.location(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.substantive(), c.reason().name(),
                                c.explanation(), c.significance(), change.changes().technical(), change.changes().variantOf().map(String::valueOf).orElse(""),
                                c.before().map(Provision::text).orElse(""), c.after().map(Provision::text).orElse(""));
                        rows++;
                    }
                    progress.accept(++sets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE + " in " + sink.describe() + ": " + e.getMessage(), e);
        }
        Attribution.write(sink, timelines, head, now, "One row per changed provision between consecutive versions (CSV, RFC 4180, "
                + "UTF-8, a header row): " + String.join(", ", COLUMNS) + ". from_version and to_version are the versions' numbers in the "
                + "document's timeline; a change into a technical upgrade (re-extraction) or bringing back an earlier variant never alerts.");
        return new Summary(sink.describe(), written, sets, rows);
    }
}
