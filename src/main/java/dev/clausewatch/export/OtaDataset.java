package dev.clausewatch.export;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.PlatformId;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The archive in Open Terms Archive's dataset layout: {@code <Service>/<Terms type>/<date>.md}, one
 * file per version with its exact text, named by when it was first observed, and a README with the
 * sources, their licence and the signed head. OTA's own tools read it, and so does `import`: an
 * export imported into an empty store gives back the same documents, versions and dates.
 */
public final class OtaDataset {
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_DATE_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** What was written. */
    public record Summary(String place, int documents, int versions) {}

    private OtaDataset() {}

    /** Writes every version of {@code documents} under {@code folder} (created; must be empty if it exists), reporting each version written. */
    public static Summary write(Archive archive, List<Document> documents, Optional<TreeHead> head, Path folder, Instant now, IntConsumer progress) {
        try (ExportSink sink = ExportSink.folder(folder)) {
            return write(archive, documents, head, sink, now, progress);
        }
    }

    /** The same into {@code sink}. */
    public static Summary write(Archive archive, List<Document> documents, Optional<TreeHead> head, ExportSink sink, Instant now, IntConsumer progress) {
        Map<Document, List<TimelineEntry>> timelines = new LinkedHashMap<>();
        for (Document d : documents) timelines.put(d, archive.timeline(d.id()));
        int versions = 0, written = 0;
        for (var entry : timelines.entrySet()) {
            if (entry.getValue().isEmpty()) continue;
            written++;
            String terms = serviceFolder(entry.getKey()) + "/" + entry.getKey().id().type().name() + "/";
            Set<String> names = new HashSet<>();
            for (TimelineEntry e : entry.getValue()) {
                Exports.write(sink, terms + fileName(e.firstObservedAt(), names), archive.text(e.version()));
                progress.accept(++versions);
            }
        }
        Exports.write(sink, "README.md", Attribution.markdown("Clausewatch export in the Open Terms Archive dataset layout", timelines.values(), head,
                Exports.instant(now)) + "\n## Contents\n\n" + contents(timelines) + "\n## Layout\n\n`<Service>/<Terms type>/<date>.md`: one file per "
                + "version, its exact text, named by when it was first observed (UTC), as Open Terms Archive's datasets are.\n");
        return new Summary(sink.describe(), written, versions);
    }

    /** How many documents of how many services, in how many versions, first observed between which dates. */
    private static String contents(Map<Document, List<TimelineEntry>> timelines) {
        List<TimelineEntry> all = timelines.values().stream().flatMap(List::stream).toList();
        if (all.isEmpty()) return "No version.\n";
        long services = timelines.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(e -> e.getKey().id().platform()).distinct().count();
        long documents = timelines.values().stream().filter(t -> !t.isEmpty()).count();
        Instant first = all.stream().map(TimelineEntry::firstObservedAt).min(Instant::compareTo).orElseThrow();
        Instant last = all.stream().map(TimelineEntry::firstObservedAt).max(Instant::compareTo).orElseThrow();
        return documents + " documents of " + services + " services, in " + all.size() + " versions first observed between "
                + Exports.instant(first) + " and " + Exports.instant(last) + ".\n";
    }

    /**
     * The service folder: the platform's name when it is what its id is made from (so that `import`
     * gives back the same id), else the id itself.
     */
    static String serviceFolder(Document document) {
        String name = document.platformName();
        boolean nameMakesId;
        try {
            nameMakesId = PlatformId.fromName(name).equals(document.id().platform()) && !name.contains("/");
        } catch (IllegalArgumentException e) {
            nameMakesId = false;
        }
        return nameMakesId ? name : document.id().platform().value();
    }

    /** The version's date as a file name; two versions first seen in the same second keep their milliseconds apart. */
    private static String fileName(Instant firstObserved, Set<String> taken) {
        String name = FILE_DATE.format(firstObserved) + ".md";
        if (taken.add(name)) return name;
        String precise = FILE_DATE_MILLIS.format(firstObserved) + ".md";
        if (!taken.add(precise)) throw new IllegalStateException("two versions first observed at the same millisecond, " + firstObserved);
        return precise;
    }
}
